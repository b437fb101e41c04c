"""Numbers agree with their nouns (issue 22, item 2): Arabic has six plural forms — none, one,
two, three to ten, eleven to ninety-nine, a hundred — and the counted noun changes with each
(قرار واحد، قراران، 5 قرارات، 12 قرارًا، 100 قرار). Each message below used to be one fixed
sentence («من 12 قرارات», «جهات مدعوة» for eleven). Rendered from the real templates and
catalogues in both languages."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation


def _render(template: str, language: str, **context: object) -> str:
    with translation.override(language):
        return " ".join(render_to_string(template, context).split())


@pytest.mark.parametrize(
    ("followed", "arabic", "english"),
    [
        (1, "1 من قرار واحد", "1 of 1 decision)"),
        (2, "1 من قرارين", "1 of 2 decisions"),
        (5, "1 من 5 قرارات", "1 of 5 decisions"),
        (12, "1 من 12 قرارًا", "1 of 12 decisions"),
        (100, "1 من 100 قرار", "1 of 100 decisions"),
    ],
)
def test_the_follow_up_rate_counts_decisions_in_the_right_form(followed, arabic, english):
    rate = {"percent": 50, "implemented": 1, "followed": followed, "overdue_items": 0}
    assert arabic in _render("coordination/_rate.html", "ar", rate=rate)
    assert english in _render("coordination/_rate.html", "en", rate=rate)


@pytest.mark.parametrize(
    ("invited", "arabic"),
    [
        (1, "حضرت 1 من جهة مدعوة واحدة"),
        (2, "حضرت 1 من جهتين مدعوتين"),
        (7, "حضرت 1 من 7 جهات مدعوة"),
        (11, "حضرت 1 من 11 جهة مدعوة"),
    ],
)
def test_the_attendance_summary_counts_invited_entities(invited, arabic):
    summary = {"entities_present": 1, "entities_invited": invited, "men": 1, "women": 0}
    text = _render("coordination/_attendance_summary.html", "ar", summary=summary)
    assert arabic in text
    assert "1 من المنسقين و0 من المنسقات." in text
    english = _render("coordination/_attendance_summary.html", "en", summary=summary)
    assert f"1 of {invited} invited " in english
    assert ("entity present" if invited == 1 else "entities present") in english


@pytest.mark.parametrize(
    ("rows", "arabic", "english"),
    [
        (1, "جاهز: صف واحد.", "Ready: 1 row."),
        (2, "جاهز: صفّان.", "Ready: 2 rows."),
        (40, "جاهز: 40 صفًا.", "Ready: 40 rows."),
    ],
)
def test_a_finished_export_counts_its_rows(rows, arabic, english):
    job = {"status": "done", "rows_done": rows, "rows_total": rows}
    assert arabic in _render("exchange/_export_progress.html", "ar", job=job, request=None)
    assert english in _render("exchange/_export_progress.html", "en", job=job, request=None)


@pytest.mark.parametrize(
    ("steps", "arabic"),
    [
        (["a"], "أُنجزت 1 من خطوة واحدة"),
        (["a", "b"], "أُنجزت 1 من خطوتين"),
        (list("abcd"), "أُنجزت 1 من 4 خطوات"),
    ],
)
def test_pathway_progress_counts_steps(steps, arabic):
    progress = {"done": 1, "steps": steps, "percent": 50}
    assert arabic in _render("skills/_progress.html", "ar", progress=progress)
    assert f"1 of {len(steps)} step" in _render("skills/_progress.html", "en", progress=progress)
