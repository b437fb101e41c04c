"""Reports built from known data: the figures in the PDF's text and in the workbook are the
ones the database holds for the period, the Arabic reads in order, charts are drawn."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from types import SimpleNamespace

import openpyxl
import pymupdf
import pytest
from django.utils import timezone, translation

from learningcity.catalogue.models import Registration
from learningcity.coordination.models import ActionItem, Decision
from learningcity.core.disaggregation import Sex
from learningcity.indicators.models import IndicatorTarget, Measurement
from learningcity.notifications.models import Notification
from learningcity.partners.models import Sector
from learningcity.programme.models import (
    BeneficiaryCount,
    BeneficiaryReport,
    Challenge,
    Evaluation,
    EvaluationScore,
    InitiativeFunding,
    Milestone,
)
from learningcity.reports import charts
from learningcity.reports.models import ArchivedReport, GnlcReport, GnlcReportVersion, ReportSubscription
from learningcity.reports.scheduled import send_monthly_reports
from learningcity.reports.templatetags.report_charts import trend
from tests import pdf_ua
from tests.conftest import client_for
from tests.factories import (
    EntityFactory,
    IndicatorFactory,
    InitiativeFactory,
    LearnerFactory,
    LearningCityFactory,
    MeetingFactory,
    OpportunityFactory,
    SessionFactory,
    TrackFactory,
)

TODAY = timezone.localdate()
START = TODAY - dt.timedelta(days=365)


def pdf_text(content: bytes) -> tuple[str, pymupdf.Document]:
    """The PDF's text with runs of white space (line wraps in narrow columns) made one space."""
    document = pymupdf.open(stream=content, filetype="pdf")
    return " ".join(" ".join(page.get_text() for page in document).split()), document


@pytest.fixture
def city_data(db):
    """One learning city's year, with a few records elsewhere or out of the period that the
    city's report must leave out."""
    city = LearningCityFactory(name_ar="مدينة ينبع", name_en="Yanbu")
    other_city = LearningCityFactory(governorate__region=city.region)
    track = TrackFactory(axis__title_ar="تحقيق التكامل بين القطاعين", axis__title_en="Integration of sectors")
    private = EntityFactory(sector=Sector.PRIVATE)
    private.governorates.add(city.governorate)
    government = EntityFactory(sector=Sector.GOVERNMENT)
    government.governorates.add(city.governorate)
    active = InitiativeFactory(
        learning_city=city,
        track=track,
        status="active",
        progress=Decimal(40),
        title_ar="مبادرة محو الأمية الرقمية",
    )
    done = InitiativeFactory(learning_city=city, track=track, status="completed", progress=Decimal(100))
    InitiativeFactory(learning_city=other_city, track=track, status="active")
    InitiativeFactory(
        learning_city=city,
        track=track,
        start_date=START - dt.timedelta(days=400),
        end_date=START - dt.timedelta(days=10),
    )
    InitiativeFunding.objects.create(initiative=active, source=private, amount=Decimal("250000"))
    report = BeneficiaryReport.objects.create(
        initiative=active,
        period_start=TODAY - dt.timedelta(days=60),
        period_end=TODAY - dt.timedelta(days=30),
        total=120,
    )
    BeneficiaryCount.objects.create(report=report, dimension="sex", category="male", count=50)
    BeneficiaryCount.objects.create(report=report, dimension="sex", category="female", count=70)
    session = SessionFactory(
        opportunity=OpportunityFactory(learning_city=city, hours=12),
        starts_at=timezone.now() - dt.timedelta(days=20),
    )
    for index, sex in enumerate(("female", "female", "male")):
        learner = LearnerFactory(sex=sex, governorate=city.governorate)
        Registration.objects.create(
            learner=learner, session=session, status="confirmed",
            completed_at=timezone.now() - dt.timedelta(days=5) if index == 0 else None,
        )  # fmt: skip
    Challenge.objects.create(
        initiative=active, title="نقص القاعات", category="logistics", severity="medium", status="open"
    )
    Challenge.objects.create(
        initiative=done, title="تأخر التمويل", category="funding", severity="high", status="resolved",
        resolved_on=TODAY - dt.timedelta(days=3), resolution="حُلّت",
    )  # fmt: skip
    meeting = MeetingFactory(learning_city=city, starts_at=timezone.now() - dt.timedelta(days=10))
    first = Decision.objects.create(meeting=meeting, number=1, text_ar="قرار أول")
    second = Decision.objects.create(meeting=meeting, number=2, text_ar="قرار ثان")
    ActionItem.objects.create(
        meeting=meeting, decision=first, title_ar="مهمة", owner_entity=private, due_date=TODAY, status="done"
    )
    ActionItem.objects.create(
        meeting=meeting,
        decision=second,
        title_ar="مهمة",
        owner_entity=private,
        due_date=TODAY + dt.timedelta(days=9),
    )
    indicator = IndicatorFactory(
        code="LC-01",
        name_ar="نسبة المشاركين في التعلم",
        name_en="Share of people learning",
        frequency="yearly",
        aggregation="latest",
    )
    last_year = dt.date(TODAY.year - 1, 1, 1)
    Measurement.objects.create(
        indicator=indicator, period_start=last_year, region=city.region, learning_city=city, value=Decimal("37.5"), status="verified"
    )  # fmt: skip
    IndicatorTarget.objects.create(indicator=indicator, period_start=last_year, value=Decimal("45"))
    return {"city": city, "active": active, "private": private, "indicator": indicator}


def city_url(fmt: str, city, language: str = "ar") -> str:
    return f"/ar/reports/city.{fmt}?learning_city={city.pk}&start={START}&end={TODAY}&language={language}"


def test_city_report_pdf_in_arabic_holds_the_periods_figures_in_reading_order(manager, city_data):
    response = client_for(manager).get(city_url("pdf", city_data["city"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert pdf_ua.problems(response.content, language="ar") == []
    # The charts are figures described in words: a bar's value out of its scale, a trend's ends.
    figures = pdf_ua.figure_texts(response.content)
    assert "70 من 100" in figures and "فترة واحدة: 37.5؛ الهدف 45" in figures, figures
    text, document = pdf_text(response.content)
    # Arabic phrases extract as written, in logical order.
    for phrase in (
        "تقرير التقدم للمدينة",
        "مدينة ينبع",
        "المبادرات حسب المحور والحالة",
        "مبادرة محو الأمية الرقمية",
        "نسبة المشاركين في التعلم",
    ):
        assert phrase in text, phrase
    flat = text
    assert "250,000" in flat  # the private sector's funding
    assert "120" in flat  # beneficiaries
    assert "70.0%" in flat or "70%" in flat  # average progress of the two live initiatives
    assert "37.5" in flat and "45" in flat  # indicator value and target
    assert "50%" in flat  # one decision of two implemented
    # Fonts are embedded, the page is A4, there are page numbers and a date in both calendars.
    fonts = {(font[3], font[1]) for page in document for font in page.get_fonts()}
    assert any(name.endswith("+PlatformArabic") and kind != "n/a" for name, kind in fonts), fonts
    width, height = document[0].rect.width, document[0].rect.height
    assert (round(width), round(height)) == (595, 842)
    # «صفحة 1 من 3» — extracted in visual order, which in a right-to-left line is "3 من1 صفحة".
    last_page = document[-1].get_text()
    assert f"{document.page_count}  من{document.page_count} صفحة" in last_page
    assert f"{document.page_count}  من1 صفحة" in document[0].get_text()
    assert "هـ" in text
    assert 2 <= document.page_count <= 8
    # Charts: the bars are drawn in the dashboard's green.
    green = tuple(int(charts.GREEN[i : i + 2], 16) / 255 for i in (1, 3, 5))
    fills = [d.get("fill") for page in document for d in page.get_drawings()]
    assert (
        sum(1 for fill in fills if fill and all(abs(a - b) < 0.01 for a, b in zip(fill, green, strict=True)))
        >= 3
    )


def test_city_report_leaves_out_other_cities_and_other_periods(manager, city_data):
    from learningcity.reports.city import ReportScope, city_report

    city = city_data["city"]
    report = city_report(
        ReportScope(region=city.region, learning_city=city, start=START, end=timezone.localdate())
    )
    assert report.initiatives_total == 2
    assert report.average_progress == Decimal("70.0")
    assert report.beneficiaries_total == 120
    assert report.learners_total == 3
    by_sex = dict(next(b for b in report.learners if b.dimension == "sex").rows)
    assert {str(label): count for label, count in by_sex.items()} == {
        str(Sex.MALE.label): 1,
        str(Sex.FEMALE.label): 2,
    }
    assert report.completions == 1 and report.learning_hours == 12
    assert (report.challenges_open, report.challenges_resolved) == (1, 1)
    assert (report.meetings_held, report.decisions, report.implementation_rate) == (1, 2, 50)
    assert report.funding_total == Decimal(250000)
    assert {s.sector: s.entities for s in report.sectors}[Sector.PRIVATE] == 1
    region = city_report(
        ReportScope(region=city.region, learning_city=None, start=START, end=timezone.localdate())
    )
    assert region.initiatives_total == 3


def test_city_report_in_english_and_as_a_workbook(manager, city_data):
    response = client_for(manager).get(city_url("pdf", city_data["city"], "en"))
    assert pdf_ua.problems(response.content, language="en") == []
    text, _document = pdf_text(response.content)
    assert "City progress report: Yanbu" in " ".join(text.split())
    response = client_for(manager).get(city_url("xlsx", city_data["city"], "ar"))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 10 and all(sheet.sheet_view.rightToLeft for sheet in book.worksheets)
    summary = {row[0]: row[1] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert summary["المبادرات في الفترة"] == 2
    assert summary["التمويل من الشركاء (ريال)"] == 250000
    assert summary["المستفيدون الذين وصلت إليهم المبادرات"] == 120
    indicators = list(book["المؤشرات"].iter_rows(min_row=2, values_only=True))
    assert indicators[0][0] == "LC-01" and indicators[0][3] == 37.5 and indicators[0][4] == 45
    english = openpyxl.load_workbook(
        io.BytesIO(client_for(manager).get(city_url("xlsx", city_data["city"], "en")).content)
    )
    assert not english.worksheets[0].sheet_view.rightToLeft and english.sheetnames[0] == "Summary"


def test_a_bad_period_keeps_what_was_typed_and_says_why(manager, city_data):
    response = client_for(manager).get(f"/ar/reports/city.pdf?start={TODAY}&end={START}&language=ar")
    assert response.status_code == 400
    content = response.content.decode()
    assert "يجب أن تأتي نهاية الفترة بعد بدايتها" in content and str(START) in content


def test_initiative_report_with_milestones_and_dac_scores(manager, evaluator, city_data):
    initiative = city_data["active"]
    Milestone.objects.create(
        initiative=initiative, title_ar="إطلاق المنصة", due_date=TODAY, weight=1, progress=60
    )
    evaluation = Evaluation.objects.create(
        initiative=initiative, method="survey", period_start=START, period_end=TODAY, evaluator=evaluator, findings="نتائج جيدة"
    )  # fmt: skip
    EvaluationScore.objects.create(evaluation=evaluation, criterion="relevance", score=4)
    EvaluationScore.objects.create(evaluation=evaluation, criterion="impact", score=3)
    for language in ("ar", "en"):
        english = client_for(manager).get(
            f"/{language}/reports/initiatives/{initiative.pk}.pdf?language={language}"
        )
        assert pdf_ua.problems(english.content, language=language) == []
    response = client_for(manager).get(f"/ar/reports/initiatives/{initiative.pk}.pdf")
    text, document = pdf_text(response.content)
    for phrase in ("تقرير المبادرة", "إطلاق المنصة", "الملاءمة", "الأثر", "نقص القاعات", "نتائج جيدة"):
        assert phrase in text, phrase
    assert document.page_count <= 4


@pytest.fixture
def gnlc_report(manager, city_data):
    from learningcity.indicators.reference import seed_frameworks

    seed_frameworks()
    response = client_for(manager).post(
        "/ar/reports/gnlc/new/",
        {"learning_city": city_data["city"].pk, "period_start": START, "period_end": TODAY},
    )
    assert response.status_code == 302
    return GnlcReport.objects.get()


def test_gnlc_pack_has_every_area_with_statistics_and_versioned_narratives(manager, gnlc_report):
    client = client_for(manager)
    url = f"/ar/reports/gnlc/{gnlc_report.pk}/"
    page = client.get(url).content.decode()
    assert page.count('name="kf:') == 24  # 12 areas × Arabic and English
    assert page.count('name="guideline:') == 12
    client.post(url, {"overview__ar": "مدينة تتعلم", "guideline:plan__en": "We have a plan."})
    client.post(url, {"overview__ar": "مدينة تتعلم مدى الحياة", "guideline:plan__en": "We have a plan."})
    client.post(url, {"overview__ar": "مدينة تتعلم مدى الحياة", "guideline:plan__en": "We have a plan."})
    gnlc_report.refresh_from_db()
    assert gnlc_report.version == 2 and GnlcReportVersion.objects.count() == 2  # no change, no version
    versions = client.get(f"{url}versions/?version=2").content.decode()
    assert "<del>- مدينة تتعلم</del>" in versions and "<ins>+ مدينة تتعلم مدى الحياة</ins>" in versions

    arabic = client.get(f"{url}report.pdf?language=ar").content
    assert pdf_ua.problems(arabic, language="ar") == []
    text, document = pdf_text(arabic)
    for phrase in (
        "التمكين الفردي والتماسك الاجتماعي",
        "حشد الموارد وتوظيفها",
        "مدينة تتعلم مدى الحياة",
        "ضمان التمويل المستدام",
    ):
        assert phrase in text, phrase
    assert 3 <= document.page_count <= 14
    english_pdf = client.get(f"{url}report.pdf?language=en").content
    assert pdf_ua.problems(english_pdf, language="en") == []
    english, _document = pdf_text(english_pdf)
    assert "We have a plan." in english and "Ensuring sustainable funding" in english

    book = openpyxl.load_workbook(io.BytesIO(client.get(f"{url}report.xlsx?language=en").content))
    rows = list(book["Report sections"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 + 12 + 6
    funding = next(row for row in rows if row[0] == "Ensuring sustainable funding")
    assert "Funding from partners (SAR): 250,000" in funding[1]
    plan = next(row for row in rows if row[0].startswith("Developing a plan"))
    assert plan[2] == "We have a plan."


def test_only_a_programme_manager_writes_gnlc_narratives(viewer, coordinator_a, gnlc_report):
    url = f"/ar/reports/gnlc/{gnlc_report.pk}/"
    for user in (viewer, coordinator_a):
        assert client_for(user).post(url, {"overview__ar": "تعديل"}).status_code == 403
        assert (
            client_for(user)
            .post("/ar/reports/gnlc/new/", {"period_start": START, "period_end": TODAY})
            .status_code
            == 403
        )
    assert client_for(viewer).get(url).status_code == 200
    gnlc_report.refresh_from_db()
    assert gnlc_report.version == 0 and GnlcReport.objects.count() == 1


def test_monthly_report_is_generated_once_archived_and_announced(manager, viewer, city_data):
    client_for(viewer).post(
        "/ar/reports/subscriptions/", {"learning_city": city_data["city"].pk, "language": "ar"}
    )
    client_for(manager).post(
        "/ar/reports/subscriptions/", {"learning_city": city_data["city"].pk, "language": "ar"}
    )
    client_for(manager).post("/ar/reports/subscriptions/", {"learning_city": "", "language": "en"})
    assert ReportSubscription.objects.count() == 3
    assert send_monthly_reports(today=TODAY) == 2  # the city in Arabic, the region in English
    assert send_monthly_reports(today=TODAY) == 0
    archived = ArchivedReport.objects.get(learning_city=city_data["city"])
    assert archived.scheduled and archived.period_end == TODAY.replace(day=1) - dt.timedelta(days=1)
    text, _document = pdf_text(archived.file.read())
    assert "مدينة ينبع" in text
    notices = Notification.objects.filter(kind="report.monthly")
    assert {n.recipient_id for n in notices} == {viewer.pk, manager.pk}
    download = client_for(viewer).get(f"/ar/reports/archive/{archived.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert "مدينة ينبع" in client_for(viewer).get("/ar/reports/archive/").content.decode()


def test_subscriptions_are_personal(viewer, manager, city_data):
    client_for(viewer).post("/ar/reports/subscriptions/", {"learning_city": "", "language": "ar"})
    subscription = ReportSubscription.objects.get()
    assert client_for(manager).post(f"/ar/reports/subscriptions/{subscription.pk}/delete/").status_code == 404
    assert client_for(viewer).post(f"/ar/reports/subscriptions/{subscription.pk}/delete/").status_code == 302
    assert not ReportSubscription.objects.exists()


def test_bars_grow_from_the_reading_side():
    assert 'x="0.00" y="0" width="25.00"' in charts.bar(1, 4, rtl=False, title="1 of 4")
    assert 'x="75.00" y="0" width="25.00"' in charts.bar(1, 4, rtl=True, title="1 of 4")
    assert 'width="0.00"' in charts.bar(5, 0, rtl=True, title="5 of 0")


def test_trend_runs_left_to_right_in_both_languages():
    # As Arabic statistics publications print time: the earlier period on the left.
    for language in ("ar", "en"):
        with translation.override(language):
            drawn = trend(
                SimpleNamespace(
                    series=[("2025", Decimal(1)), ("2026", Decimal(2))],
                    target=None,
                    indicator=SimpleNamespace(baseline_value=None),
                )
            )
        assert '<polyline points="3.0,37.0 157.0,3.0"' in drawn, language
    assert charts.trend([None, None], title="") == ""


def test_a_region_report_leaves_out_other_regions_learners(city_data):
    from learningcity.reports.city import ReportScope, city_report

    city = city_data["city"]
    scope = ReportScope(region=city.region, learning_city=None, start=START, end=timezone.localdate())
    assert city_report(scope).learners_total == 3  # one region: every registration is its own
    elsewhere = LearningCityFactory()  # in a region of its own
    session = SessionFactory(opportunity=OpportunityFactory(learning_city=elsewhere))
    Registration.objects.create(
        learner=LearnerFactory(governorate=elsewhere.governorate), session=session, status="confirmed"
    )
    assert city_report(scope).learners_total == 3
    assert (
        city_report(
            ReportScope(region=elsewhere.region, learning_city=None, start=START, end=timezone.localdate())
        ).learners_total
        == 1
    )
