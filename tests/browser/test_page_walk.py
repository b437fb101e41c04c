"""What walking every page of the demo as its people found (issue 22: screenshots of each page in
both languages at 390 and 1,366 px), each checked in a real browser in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import TEST_PASSWORD, LearnerFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _edges(page, selector: str) -> tuple[float, float]:
    box = page.locator(selector).bounding_box()
    return box["x"], box["x"] + box["width"]


def _text_edges(page, selector: str) -> tuple[float, float]:
    """Where the text itself is, not its box: a range over the element's contents."""
    return tuple(
        page.locator(selector).evaluate(
            "e => { const r = document.createRange(); r.selectNodeContents(e);"
            " const b = r.getBoundingClientRect(); return [b.left, b.right]; }"
        )
    )


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_learners_account_page_puts_latin_values_beside_their_labels(phone, language):
    LearnerFactory(user__username="noura", user__email="noura@example.sa", full_name="نورة الحربي")
    phone.sign_in("noura", TEST_PASSWORD, language)
    phone.goto(f"/{language}/accounts/profile/")
    page = phone.page
    # The username and e-mail (Latin, left to right) start where their labels start: at the
    # right in Arabic, at the left in English — not at the far side of an Arabic page.
    label_left, label_right = _text_edges(page, "dl dt:nth-of-type(2)")
    value_left, value_right = _text_edges(page, "dl dd:nth-of-type(2)")
    assert page.locator("dl dd:nth-of-type(2)").inner_text() == "noura"
    if language == "ar":
        assert abs(value_right - label_right) < 2
    else:
        assert abs(value_left - label_left) < 2
    # A learner has no partner entity; the page does not tell them so under a heading of its own.
    heading = "جهاتك" if language == "ar" else "Your entities"
    assert page.get_by_role("heading", name=heading).count() == 0
    assert phone.serious_accessibility_violations() == []


@pytest.mark.parametrize(
    ("language", "filters", "applied"), [("ar", "عوامل التصفية", "مطبّق: 1"), ("en", "Filters", "1 applied")]
)
def test_a_staff_list_on_a_phone_starts_with_the_list_not_its_filters(phone, web, language, filters, applied):
    from django.utils import timezone

    from learningcity.accounts.models import Role
    from tests.factories import ActionItemFactory, UserFactory

    UserFactory(username="manager", role=Role.PROGRAMME_MANAGER)
    item = ActionItemFactory(due_date=timezone.localdate() - dt.timedelta(days=3))
    title = item.title_ar if language == "ar" else item.title_en or item.title_ar
    phone.sign_in("manager", TEST_PASSWORD, language)
    phone.goto(f"/{language}/action-items/?overdue=on")
    page = phone.page
    # Seven filters filled the first screen of a phone; now they wait behind one line that says
    # how many are applied, and the first overdue item is on the first screen.
    panel = page.locator("details.filters")
    assert panel.get_attribute("open") is None
    assert panel.locator("summary").inner_text().startswith(filters)
    assert applied in panel.locator("summary").inner_text()
    link = page.get_by_role("link", name=title)
    assert link.bounding_box()["y"] + link.bounding_box()["height"] < page.viewport_size["height"]
    page.locator("details.filters summary").click()
    assert page.get_by_label("Overdue only" if language == "en" else "المتأخرة فقط").is_checked()
    assert phone.serious_accessibility_violations() == []
    # On a wide screen the filters stand open above the list.
    web.sign_in("manager", TEST_PASSWORD, language)
    web.goto(f"/{language}/action-items/")
    assert web.page.locator("details.filters").get_attribute("open") is not None


@pytest.mark.parametrize(
    ("language", "gender", "choices"), [("ar", "الجنس", ["رجل", "امرأة"]), ("en", "Gender", ["Man", "Woman"])]
)
def test_a_required_choice_offers_no_dashes_to_choose(web, language, gender, choices):
    from learningcity.accounts.models import Role
    from tests.factories import EntityFactory, UserFactory

    UserFactory(username="manager", role=Role.PROGRAMME_MANAGER)
    entity = EntityFactory()
    web.sign_in("manager", TEST_PASSWORD, language)
    web.goto(f"/{language}/partners/{entity.pk}/coordinators/new/")
    group = web.page.get_by_role("group", name=gender)
    # The coordinator's gender was offered as «--------- ○ رجل ○ امرأة»: a radio button of dashes.
    assert [radio.get_attribute("value") != "" for radio in group.get_by_role("radio").all()] == [True, True]
    assert [label.inner_text() for label in group.locator("label").all()] == choices
    assert "---------" not in web.page.content()
    assert web.serious_accessibility_violations() == []
