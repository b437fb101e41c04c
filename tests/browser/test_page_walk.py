"""What walking every page of the demo as its people found (issue 22: screenshots of each page in
both languages at 390 and 1,366 px), each checked in a real browser in both languages."""

from __future__ import annotations

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
