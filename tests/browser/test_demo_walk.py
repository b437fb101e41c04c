"""axe-core on the staff pages of the demo — meetings and action items, the programme, the
indicators — as its manager and a coordinator, in both languages. One test, so the demo is
loaded once: loading costs more than the walks, and a live-server test empties the database
after it (each of three modules loading it for its own walk cost the suite two loads)."""

from __future__ import annotations

from django.core.management import call_command

from learningcity.coordination.models import ActionItem, Meeting
from learningcity.indicators.models import Indicator
from learningcity.programme.models import Challenge, Initiative, Proposal, Resource

PASSWORD = "learningcity-demo"


def _walk(web, language: str, paths: list[str], label: str = "") -> dict[str, list]:
    found = {}
    for path in paths:
        web.goto(f"/{language}{path}")
        violations = web.serious_accessibility_violations()
        if violations:
            found[f"{label}/{language}{path}"] = violations
    return found


def _initiative_tabs(web, language: str, initiative: Initiative) -> dict[str, list]:
    """Every tab of the initiative page, opened with the keyboard-operable tab buttons."""
    found = {}
    web.goto(f"/{language}/initiatives/{initiative.pk}/")
    for tab in web.page.get_by_role("tab").all():
        tab.click()
        # Bootstrap fades a pane in (opacity over 0.15 s): axe measuring mid-fade reads its text
        # as paler than it is, so wait until the pane is fully shown.
        web.page.wait_for_function(
            "() => [...document.querySelectorAll('.tab-pane.active')].every(p => getComputedStyle(p).opacity === '1')"
        )
        violations = web.serious_accessibility_violations()
        if violations:
            found[f"{language} tab {tab.inner_text()}"] = violations
    return found


def test_axe_finds_no_serious_violations_on_the_demos_staff_pages_in_both_languages(web, transactional_db):
    call_command("load_demo", verbosity=0)
    meeting = Meeting.objects.order_by("starts_at").first()
    item = ActionItem.objects.first()
    initiative = Initiative.objects.filter(status="active").first()
    indicator = Indicator.objects.get(code="LC-01")
    managers_pages = [
        # Meetings and action items.
        "/meetings/", f"/meetings/{meeting.pk}/", "/meetings/new/", "/action-items/", f"/action-items/{item.pk}/",
        f"/meetings/{meeting.pk}/action-items/new/", "/notifications/",
        # The programme.
        "/roadmap/", "/roadmap/timeline/", "/roadmap/axes/1/", "/initiatives/", "/initiatives/at-risk/",
        f"/initiatives/{initiative.pk}/", f"/initiatives/{initiative.pk}/edit/", "/initiatives/new/",
        "/resources/", f"/resources/{Resource.objects.first().pk}/", "/resources/new/",
        "/challenges/", f"/challenges/{Challenge.objects.first().pk}/",
        "/initiatives/propose/", "/initiatives/proposals/", f"/initiatives/proposals/{Proposal.objects.first().pk}/",
        # The indicators.
        "/dashboard/", "/indicators/", f"/indicators/{indicator.pk}/", f"/indicators/{indicator.pk}/report/",
        "/indicators/framework/", "/indicators/freshness/", "/indicators/verification/", f"/indicators/{indicator.pk}/edit/",
        "/open-data/indicators/", "/open-data/indicators/LC-01/",
    ]  # fmt: skip
    coordinators_pages = ["/action-items/mine/", f"/meetings/{meeting.pk}/"]
    found = {}
    for language in ("ar", "en"):
        web.sign_in("manager", PASSWORD, language)
        found |= _walk(web, language, managers_pages)
        found |= _initiative_tabs(web, language, initiative)
        web.sign_in("coordinator", PASSWORD, language)
        found |= _walk(web, language, coordinators_pages, "coordinator ")
    assert found == {}
    assert web.console_errors == []
