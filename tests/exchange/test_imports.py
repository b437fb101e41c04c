"""Bulk import and export: round trips, all-or-nothing, errors by row and column, the files
people really send (encodings, Excel dates, Arabic-Indic digits, multi-line cells), bad files."""

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone, translation

from learningcity.catalogue.models import Registration
from learningcity.exchange.datasets import DATASETS
from learningcity.exchange.exports import csv_lines, records, xlsx_tempfile
from learningcity.exchange.imports import ImportReport, import_table
from learningcity.exchange.models import ImportRun
from learningcity.partners.models import Entity
from learningcity.programme.models import Initiative
from tests.conftest import client_for
from tests.factories import (
    EntityFactory,
    GovernorateFactory,
    InitiativeFactory,
    LearnerFactory,
    LearningCityFactory,
    OpportunityFactory,
    SessionFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db


def exported_csv(kind, user, language="ar"):
    dataset = DATASETS[kind]
    return "".join(csv_lines(dataset, records(dataset, dataset.export_queryset(user)), language)).encode(
        "utf-8"
    )


def run(kind, content: bytes, user, commit=True, filename="data.csv", language="ar"):
    with translation.override(language):
        return import_table(
            dataset=DATASETS[kind], stream=io.BytesIO(content), filename=filename, user=user, commit=commit
        )


def csv_bytes(rows, encoding="utf-8-sig"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


@pytest.fixture
def catalogue_world(entity_a):
    city = LearningCityFactory()
    skill = SkillFactory(code="sign-language")
    opportunity = OpportunityFactory(provider=entity_a, learning_city=city, governorate=city.governorate,
                                     title_ar="لغة الإشارة", wheelchair_access=True, fee=Decimal("50"))  # fmt: skip
    opportunity.skills.add(skill)
    opportunity.age_groups.create(age_group="25-44")
    return {"city": city, "opportunity": opportunity}


@pytest.mark.parametrize("kind", ["partners", "initiatives", "opportunities"])
@pytest.mark.parametrize("language", ["ar", "en"])
def test_an_export_imports_back_unchanged(kind, language, manager, entity_a, catalogue_world):
    EntityFactory.create_batch(2)
    InitiativeFactory.create_batch(2, owner_entity=entity_a)
    content = exported_csv(kind, manager, language)
    report = run(kind, content, manager, language=language)
    assert report.ok, (report.errors, report.header_problems, report.file_problem)
    assert report.created == 0 and report.updated == 0 and report.unchanged == report.rows > 0


def test_the_xlsx_export_imports_back_unchanged(manager, catalogue_world):
    dataset = DATASETS["opportunities"]
    handle = xlsx_tempfile(dataset, records(dataset, dataset.export_queryset(manager)), "ar")
    report = run("opportunities", handle.read(), manager, filename="opportunities.xlsx")
    assert report.ok and report.format == "xlsx" and report.unchanged == 1, report.errors


def test_a_formula_in_a_title_is_text_in_the_export_and_imports_back_unchanged(manager, catalogue_world):
    catalogue_world["opportunity"].title_ar = "=1+1 دورة"
    catalogue_world["opportunity"].save()
    dataset = DATASETS["opportunities"]
    handle = xlsx_tempfile(dataset, records(dataset, dataset.export_queryset(manager)), "ar")
    workbook = openpyxl.load_workbook(io.BytesIO(handle.read()))
    assert not [cell for row in workbook.active.iter_rows() for cell in row if cell.data_type == "f"]
    handle.seek(0)
    report = run("opportunities", handle.read(), manager, filename="opportunities.xlsx")
    assert report.ok and report.unchanged == 1, report.errors
    content = exported_csv("opportunities", manager, "ar")
    assert "'=1+1 دورة" in content.decode("utf-8-sig")
    assert run("opportunities", content, manager).unchanged == 1


def test_importing_new_rows_twice_creates_once(manager):
    governorate = GovernorateFactory(code="yanbu")
    rows = [["external_id", "name_ar", "sector", "entity_type", "governorates"],
            ["MOE-001", "مكتب التعليم بينبع", "government", "school", "yanbu"],
            ["CH-77", "الغرفة التجارية", "القطاع الخاص", "Chamber of commerce", "yanbu"]]  # fmt: skip
    first = run("partners", csv_bytes(rows), manager)
    assert first.ok and first.created == 2, first.errors
    second = run("partners", csv_bytes(rows), manager)
    assert second.ok and second.created == 0 and second.unchanged == 2
    entity = Entity.objects.get(external_id="CH-77")
    assert entity.sector == "private" and entity.entity_type == "chamber"
    assert list(entity.governorates.all()) == [governorate]


def test_a_check_writes_nothing_and_previews_counts(manager):
    GovernorateFactory(code="yanbu")
    rows = [["external_id", "name_ar", "sector", "entity_type"], ["X-1", "جهة", "government", "school"]]
    report = run("partners", csv_bytes(rows), manager, commit=False)
    assert report.ok and report.created == 1 and not report.committed
    assert not Entity.objects.filter(external_id="X-1").exists()


def test_one_bad_row_means_nothing_is_written_and_every_error_is_named(manager):
    rows = [["external_id", "name_ar", "sector", "entity_type", "email"],
            ["OK-1", "جهة سليمة", "government", "school", ""],
            ["BAD-1", "", "space", "school", ""],
            ["BAD-2", "جهة", "government", "not-a-type", ""]]  # fmt: skip
    report = run("partners", csv_bytes(rows), manager)
    assert not report.committed and report.error_count == 3
    where = {(error["row"], error["column"]) for error in report.errors}
    assert where == {(3, "الاسم (العربية)"), (3, "القطاع"), (4, "نوع الجهة")}
    assert any("قيمة" in error["message"] for error in report.errors)
    assert not Entity.objects.filter(external_id__in=["OK-1", "BAD-1", "BAD-2"]).exists()


def test_errors_are_in_english_for_an_english_user(manager):
    rows = [["external_id", "name_ar", "sector", "entity_type"], ["B-1", "جهة", "space", "school"]]
    report = run("partners", csv_bytes(rows), manager, language="en")
    assert report.errors[0]["column"] == "Sector" and "is not one of" in report.errors[0]["message"]


def test_a_wrong_header_is_reported_and_nothing_read(manager):
    rows = [["external_id", "name", "sector"], ["X", "Y", "government"]]
    report = run("partners", csv_bytes(rows), manager)
    assert report.header_problems and report.rows == 0
    assert any("name" in problem for problem in report.header_problems)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1256"])
def test_utf8_with_or_without_bom_and_windows_1256(encoding, manager):
    rows = [
        ["المعرّف الخارجي", "الاسم (العربية)", "القطاع", "نوع الجهة"],
        ["E-1", "جمعية العيص الخيرية", "القطاع غير الربحي", "charity"],
    ]
    if encoding == "cp1256":
        rows[0][0] = "external_id"  # "ّ" (shadda) exists in cp1256, but keep the test to the letters
    report = run("partners", csv_bytes(rows, encoding), manager)
    assert report.ok, (report.errors, report.header_problems, report.file_problem)
    assert Entity.objects.get(external_id="E-1").name_ar == "جمعية العيص الخيرية"


def test_multi_line_cells_arabic_indic_digits_and_excel_serial_dates(manager, entity_a):
    city = LearningCityFactory(code="madinah")
    initiative = InitiativeFactory(owner_entity=entity_a)
    rows = [["external_id", "title_ar", "description_ar", "owner_entity", "learning_city", "track", "start_date", "end_date", "budget"],
            ["I-1", "مبادرة", "سطر أول\nسطر ثانٍ، وفاصلة", str(entity_a.pk), "madinah", initiative.track.code, "46023", "١٤٤٨-٠٦-٢٠", "١٢٠٠٠٫٥"]]  # fmt: skip
    report = run("initiatives", csv_bytes(rows), manager)
    assert report.ok, report.errors
    created = Initiative.objects.get(external_id="I-1")
    assert created.description_ar == "سطر أول\nسطر ثانٍ، وفاصلة"
    assert created.start_date == dt.date(2026, 1, 1) and created.budget == Decimal("12000.5")
    assert created.end_date.year == 2026 and created.learning_city == city


def test_excel_date_cells_and_numbers(manager, entity_a):
    initiative = InitiativeFactory(owner_entity=entity_a)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        ["external_id", "title_ar", "owner_entity", "learning_city", "track", "start_date", "end_date"]
    )
    sheet.append(["X-9", "مبادرة", entity_a.pk, initiative.learning_city.code, initiative.track.code,
                  dt.datetime(2026, 2, 1), dt.date(2026, 9, 30)])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = run("initiatives", buffer.getvalue(), manager, filename="x.xlsx")
    assert report.ok, report.errors
    assert Initiative.objects.get(external_id="X-9").start_date == dt.date(2026, 2, 1)


def test_a_coordinator_cannot_import_another_entitys_records(coordinator_a, entity_b):
    initiative = InitiativeFactory(owner_entity=entity_b)
    rows = [["external_id", "title_ar", "owner_entity", "learning_city", "track", "start_date", "end_date"],
            ["Z-1", "ليست لي", str(entity_b.pk), initiative.learning_city.code, initiative.track.code, "2026-01-01", "2026-12-31"]]  # fmt: skip
    report = run("initiatives", csv_bytes(rows), coordinator_a)
    assert not report.ok and report.errors[0]["column"] == "رقم الجهة المسؤولة"
    assert not Initiative.objects.filter(external_id="Z-1").exists()
    assert not DATASETS["partners"].may_import(coordinator_a)


def test_a_file_that_lies_about_its_type_is_refused(manager):
    assert "Excel" in run("partners", b"external_id,name_ar\nA,B\n", manager, filename="x.xlsx").file_problem
    workbook = io.BytesIO()
    openpyxl.Workbook().save(workbook)
    assert run("partners", workbook.getvalue(), manager, filename="x.csv").file_problem
    assert run("partners", b"%PDF-1.7 binary\x00\x01", manager, filename="x.csv").file_problem


def test_an_xlsx_zip_bomb_is_refused_unread(manager):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "0" * (60 * 1024 * 1024))
    report = run("partners", buffer.getvalue(), manager, filename="bomb.xlsx")
    assert "يتمدد" in report.file_problem or "expands" in report.file_problem


def test_an_upload_over_the_size_limit_is_refused_before_reading(manager, settings):
    settings.MAX_IMPORT_MB = 1
    upload = SimpleUploadedFile("big.csv", b"x" * (1024 * 1024 + 10), content_type="text/csv")
    response = client_for(manager).post("/ar/exchange/imports/new/", {"kind": "partners", "file": upload})
    assert response.status_code == 400 and "ميجابايت" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_the_check_then_import_flow_through_the_pages(manager):
    GovernorateFactory(code="badr")
    client = client_for(manager)
    content = csv_bytes(
        [
            ["external_id", "name_ar", "sector", "entity_type", "governorates"],
            ["P-1", "جهة بدر", "community", "other", "badr"],
        ]
    )
    response = client.post(
        "/ar/exchange/imports/new/", {"kind": "partners", "file": SimpleUploadedFile("p.csv", content)}
    )
    check = ImportRun.objects.get()
    assert response["Location"] == f"/ar/exchange/imports/{check.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "لم يُكتب شيء بعد" in page and not Entity.objects.filter(external_id="P-1").exists()
    response = client.post(f"/ar/exchange/imports/{check.pk}/import/")
    assert Entity.objects.filter(external_id="P-1").exists()
    history = client.get("/ar/exchange/imports/").content.decode()
    assert "p.csv" in history and ImportRun.objects.filter(mode="commit", checked_by=check).exists()


def _held_session_with_two_confirmed(entity):
    """A session of `entity`'s that ended an hour ago, and two confirmed places in it."""
    started = timezone.now() - dt.timedelta(hours=3)
    session = SessionFactory(
        opportunity=OpportunityFactory(provider=entity),
        starts_at=started,
        ends_at=started + dt.timedelta(hours=2),
    )
    first, second = (
        Registration.objects.create(learner=learner, session=session, status="confirmed")
        for learner in LearnerFactory.create_batch(2)
    )
    return session, first, second


def test_attendance_exported_by_the_provider_imports_back_and_marks_completion(coordinator_a, entity_a):
    session, came, absent = _held_session_with_two_confirmed(entity_a)
    # The waiting list holds no place to attend: not in the file, which then imports back as it is.
    Registration.objects.create(learner=LearnerFactory(), session=session, status="waitlisted")
    content = exported_csv("attendance", coordinator_a).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(content)))
    assert len(lines) == 3
    unchanged = run("attendance", csv_bytes(lines), coordinator_a)
    assert unchanged.ok and unchanged.unchanged == 2, unchanged.errors
    attended, completed = lines[0].index("حضر"), lines[0].index("أتمّ")
    lines[1][attended], lines[1][completed] = "نعم", "نعم"
    lines[2][attended] = "لا"
    report = run("attendance", csv_bytes(lines), coordinator_a)
    assert report.ok and report.updated == 2, report.errors
    came.refresh_from_db()
    absent.refresh_from_db()
    assert came.attended and came.completed_at and came.certificate
    assert absent.attended is False
    again = run("attendance", csv_bytes(lines), coordinator_a)
    assert again.ok and again.unchanged == 2


def test_attendance_of_children_booked_by_a_parent_is_found_by_the_registration_id(coordinator_a, entity_a):
    """A group booking's members may have no mobile number or e-mail of their own: the
    exported sheet names each place by its registration id, and imports back by it."""
    session, _first, _second = _held_session_with_two_confirmed(entity_a)
    child = Registration.objects.create(
        learner=LearnerFactory(user__email="", mobile=None, full_name="جود الحربي"),
        session=session,
        status="confirmed",
    )
    content = exported_csv("attendance", coordinator_a).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(content)))
    header = lines[0]
    row = next(line for line in lines[1:] if line[header.index("اسم المتعلم")] == "جود الحربي")
    assert row[header.index("رقم التسجيل")] == str(child.pk)
    assert row[header.index("رقم الجوال")] == row[header.index("البريد الإلكتروني")] == ""
    row[header.index("حضر")] = "نعم"
    report = run("attendance", csv_bytes(lines), coordinator_a)
    assert report.ok and report.updated == 1 and report.unchanged == 2, report.errors
    child.refresh_from_db()
    assert child.attended is True

    # An id is good for its own session only: another session's place is not this row's.
    elsewhere = SessionFactory(opportunity=session.opportunity)
    row[header.index("رقم الجلسة")] = str(elsewhere.pk)
    report = run("attendance", csv_bytes([header, row]), coordinator_a)
    assert [(e["column"], e["message"]) for e in report.errors] == [
        ("رقم التسجيل", "ليس لهذا المتعلّم مقعد مؤكد في هذه الجلسة.")
    ]


def test_attendance_for_several_sessions_in_one_file_and_a_session_not_yet_held(coordinator_a, entity_a):
    """The rows of every session of a batch are marked together; rows of a session that has
    not started are reported one by one and then nothing is kept."""
    opportunity = OpportunityFactory(provider=entity_a)
    started = timezone.now() - dt.timedelta(hours=3)
    held = [
        SessionFactory(opportunity=opportunity, starts_at=started, ends_at=started + dt.timedelta(hours=2))
        for _ in range(3)
    ]
    upcoming = SessionFactory(opportunity=opportunity)
    learners = LearnerFactory.create_batch(4)
    for session, learner in zip([*held, upcoming], learners, strict=True):
        Registration.objects.create(learner=learner, session=session, status="confirmed")
    header = ["session", "learner_name", "mobile", "email", "attended", "completed"]
    rows = [[s.pk, "", lr.mobile, "", "نعم", ""] for s, lr in zip(held, learners, strict=False)]
    learners[2].user.email = "Reem@Example.org"
    learners[2].user.save()
    rows[2][2:4] = ["", "reem@example.ORG"]  # named by e-mail, in any case
    report = run("attendance", csv_bytes([header, *rows]), coordinator_a)
    assert report.ok and report.updated == 3, report.errors
    assert Registration.objects.filter(session__in=held, attended=True).count() == 3
    late = [*rows, [upcoming.pk, "", learners[3].mobile, "", "لا", ""]]
    late[0][4] = "لا"
    report = run("attendance", csv_bytes([header, *late]), coordinator_a)
    assert not report.ok
    assert [(e["row"], e["message"]) for e in report.errors] == [
        (5, "يمكن تسجيل الحضور قبل بدء الجلسة بنصف ساعة فما بعد.")
    ]
    assert Registration.objects.filter(session__in=held, attended=True).count() == 3  # nothing kept


def test_measurements_import_with_breakdowns(coordinator_a, entity_a):
    from learningcity.indicators.models import Measurement
    from tests.factories import IndicatorFactory

    indicator = IndicatorFactory(owner_entity=entity_a, allowed_disaggregations=["sex"], code="LC-01")
    governorate = GovernorateFactory(code="khaybar")
    period = timezone.localdate().replace(day=1).isoformat()
    rows = [["indicator", "period_start", "governorate", "dimension", "category", "value"],
            ["LC-01", period, "khaybar", "sex", "female", "7"],
            ["LC-01", period, "khaybar", "", "", "12"],
            ["LC-01", period, "khaybar", "sex", "male", "5"]]  # fmt: skip
    report = run("measurements", csv_bytes(rows), coordinator_a)
    assert report.ok, report.errors
    assert Measurement.objects.filter(indicator=indicator, governorate=governorate).count() == 3
    assert run("measurements", csv_bytes(rows), coordinator_a).unchanged == 3


def test_the_command_checks_and_imports(tmp_path, manager, capsys):
    GovernorateFactory(code="alula")
    path = tmp_path / "partners.csv"
    path.write_bytes(
        csv_bytes([["external_id", "name_ar", "sector", "entity_type"], ["C-1", "جهة", "private", "company"]])
    )
    call_command("import", "partners", str(path), "--user", "manager")
    assert not Entity.objects.filter(external_id="C-1").exists()
    call_command("import", "partners", str(path), "--user", "manager", "--commit")
    assert Entity.objects.filter(external_id="C-1").exists()
    assert "1 new" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_an_export_job_produces_the_same_file_as_the_stream(manager, fmt):
    EntityFactory.create_batch(3)
    client = client_for(manager)
    response = client.get(f"/ar/exchange/export/partners.{fmt}?job=1")
    job_page = response["Location"]
    page = client.get(job_page).content.decode()
    assert "جاهز" in page
    download = client.get(job_page + "?download=1")
    streamed = client.get(f"/ar/exchange/export/partners.{fmt}")
    content = b"".join(download.streaming_content)
    direct = b"".join(streamed.streaming_content)
    if fmt == "xlsx":

        def cells(data):
            return [
                [c.value for c in row] for row in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows()
            ]

        assert cells(content) == cells(direct)
    else:
        assert content == direct


def test_someone_elses_export_job_is_not_theirs_to_see(manager, coordinator_a):
    response = client_for(manager).get("/ar/exchange/export/partners.csv?job=1")
    assert client_for(coordinator_a).get(response["Location"]).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_list_pages_export_with_their_filters(manager, fmt):
    from learningcity.partners.models import Sector

    EntityFactory(name_ar="خاصة", sector=Sector.PRIVATE)
    EntityFactory(name_ar="حكومية", sector=Sector.GOVERNMENT)
    response = client_for(manager).get("/ar/partners/", {"sector": "private", "export": fmt})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "json":
        import json

        assert [row["name_arabic"] for row in json.loads(content)] == ["خاصة"]
    elif fmt == "csv":
        assert "خاصة" in content.decode("utf-8-sig") and "حكومية" not in content.decode("utf-8-sig")
    else:
        names = [
            row[0].value for row in openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(min_row=2)
        ]
        assert names == ["خاصة"]


def test_a_place_cancelled_while_the_import_runs_is_reported_on_its_row_and_nothing_is_kept(
    coordinator_a, entity_a, monkeypatch
):
    from learningcity.exchange.datasets.attendance import AttendanceDataset

    session, staying, leaving = _held_session_with_two_confirmed(entity_a)
    checked = AttendanceDataset.prepare

    def cancelled_after_the_check(self, rows, user):
        prepared = checked(self, rows, user)
        Registration.objects.filter(pk=leaving.pk).update(status="cancelled")  # someone else, meanwhile
        return prepared

    monkeypatch.setattr(AttendanceDataset, "prepare", cancelled_after_the_check)
    header = ["session", "learner_name", "mobile", "email", "attended", "completed"]
    rows = [[session.pk, "", place.learner.mobile, "", "نعم", ""] for place in (staying, leaving)]
    report = run("attendance", csv_bytes([header, *rows]), coordinator_a)
    assert not report.ok
    assert [(e["row"], e["message"]) for e in report.errors] == [
        (row, "تغيّر بعض هذه المقاعد في أثناء تسجيل الحضور. أعِد المحاولة.") for row in (2, 3)
    ]
    assert not Registration.objects.filter(session=session, attended=True).exists()  # nothing kept


def test_the_report_groups_the_thousands_of_every_count_it_gives(manager):
    """A large file's report: every count grouped as the rows are (it said "5,151" rows and
    then "5151" unchanged), in the page's language and digits."""

    def page(language, **run):
        run = ImportRun.objects.create(kind="attendance", filename="a.csv", file="imports/a.csv", created_by=manager, **run)  # fmt: skip
        return client_for(manager).get(f"/{language}/exchange/imports/{run.pk}/").content.decode()

    done = ImportReport(kind="attendance", committed=True, rows=5151, updated=1234, unchanged=3917).as_dict()
    text = page("en", mode="commit", status="done", rows_done=5151, report=done)
    assert all(count in text for count in ("5,151", "1,234", "3,917")) and "3917" not in text
    running = page("en", mode="check", status="running", rows_done=2500)
    assert "2,500 rows read so far." in running
    failed = ImportReport(kind="attendance", rows=5151, error_count=1234)
    failed.errors = [{"row": row, "column": "", "message": "x"} for row in range(2, 502)]
    text = page("en", mode="check", status="done", report=failed.as_dict())
    assert "1,234 problems found." in text and "The first 500 of 1,234 problems are listed." in text
    assert "قُرئ 2,500 صف حتى الآن." in page("ar", mode="check", status="running", rows_done=2500)


def test_the_report_counts_in_the_arabic_interfaces_digits_when_it_uses_arabic_indic(manager, settings):
    settings.ARABIC_DIGITS = "arabic-indic"
    run = ImportRun.objects.create(kind="attendance", filename="a.csv", file="imports/a.csv", created_by=manager,
                                   mode="check", status="running", rows_done=2500)  # fmt: skip
    assert (
        "قُرئ ٢,٥٠٠ صف حتى الآن."
        in client_for(manager).get(f"/ar/exchange/imports/{run.pk}/").content.decode()
    )
