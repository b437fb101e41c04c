"""A learning festival from the call to the programme: a manager opens a call with dates and
themes; a community organisation without an account signs up and a manager approves it; hosts
submit events; the manager accepts, asks for changes or declines with a reason; accepted events
are published in the catalogue and in the public programme, browsable by day, place, theme and
audience in both languages; the festival's totals reach the city report."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import urlparse

import pymupdf
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from learningcity.accounts.models import Role, User
from learningcity.catalogue.models import OpportunityStatus, Registration
from learningcity.catalogue.services.opportunities import opportunity_update, session_cancel, session_update
from learningcity.catalogue.services.registrations import registration_create
from learningcity.core.models import AuditEntry
from learningcity.core.retention import apply_retention
from learningcity.festivals.models import EventStatus, Festival, FestivalEvent, HostSignUp, HostStatus
from learningcity.festivals.services import event_review, festival_save
from learningcity.notifications.models import Notification, OutboundMessage
from learningcity.partners.models import Coordinator, Sector
from learningcity.reports.city import ReportScope, city_report
from learningcity.reports.documents import city_report_pdf, city_report_xlsx
from tests import pdf_ua
from tests.conftest import client_for
from tests.factories import LearnerFactory
from tests.festivals.conftest import THEMES, event_form

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "organisation_name": "جمعية أصدقاء القراءة", "organisation_type": "association", "sector": "community",
    "about": "نوادي قراءة للأطفال في الأحياء", "contact_name": "نورة الحربي", "contact_gender": "f",
    "email": "Noura@Reading.example", "phone": "0551234567", "consent": "on",
}  # fmt: skip


def _submit(client: Client, festival, host, **changes) -> FestivalEvent:
    response = client.post(f"/ar/festivals/{festival.slug}/submit/", event_form(festival, host, **changes))
    assert response.status_code == 302, response.content.decode()[:3000]
    return FestivalEvent.objects.latest("pk")


def test_only_a_manager_opens_a_festival_and_every_theme_is_kept_in_order(manager, coordinator_a, city):
    form = {
        "title_ar": "مهرجان ينبع للتعلم", "slug": "yanbu-festival", "learning_city": city.pk,
        "starts_on": "2027-03-01", "ends_on": "2027-03-07", "call_closes_on": "2027-02-15",
        "status": "call_open", "themes": "التعلم الرقمي | Digital learning\nالبيئة والاستدامة\n",
    }  # fmt: skip
    assert client_for(coordinator_a).post("/ar/festivals/new/", form).status_code == 403
    response = client_for(manager).post("/ar/festivals/new/", form)
    assert response.status_code == 302
    festival = Festival.objects.get(slug="yanbu-festival")
    assert [(t.name_ar, t.name_en) for t in festival.themes.all()] == [
        ("التعلم الرقمي", "Digital learning"),
        ("البيئة والاستدامة", ""),
    ]
    # A festival cannot close its call after its last day, and needs a theme.
    bad = client_for(manager).post(
        "/ar/festivals/new/", {**form, "slug": "x", "call_closes_on": "2027-04-01", "themes": ""}
    )
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "ينبع" in page  # what was typed is kept
    assert Festival.objects.filter(slug="x").count() == 0
    # An address name that is one of the festival pages' own would never be reached.
    taken = client_for(manager).post("/ar/festivals/new/", {**form, "slug": "hosts"})
    assert taken.status_code == 400 and not Festival.objects.filter(slug="hosts").exists()


def test_a_theme_with_events_cannot_be_removed(festival, manager, coordinator_a, entity_a):
    _submit(client_for(coordinator_a), festival, entity_a)
    with pytest.raises(ValidationError):
        festival_save(
            festival=festival,
            data={"title_ar": festival.title_ar},
            themes=THEMES[1:],  # the first theme, which the event uses, is left out
            by=manager,
        )
    # Nothing changed: the service runs in one transaction.
    festival.refresh_from_db()
    assert [t.name_ar for t in festival.themes.all()] == [ar for ar, _en in THEMES]


def test_an_organisation_without_an_account_signs_up_and_a_manager_approves_it(festival, manager, city):
    page = Client().get(f"/ar/festivals/{festival.slug}/host-sign-up/")
    assert page.status_code == 200
    response = Client().post(
        f"/ar/festivals/{festival.slug}/host-sign-up/", {**SIGN_UP, "governorate": city.governorate_id}
    )
    assert response.status_code == 302
    sign_up = HostSignUp.objects.get()
    assert sign_up.status == HostStatus.PENDING and sign_up.email == "noura@reading.example"
    assert Notification.objects.filter(recipient=manager, kind="festival.host_signed_up").exists()
    # The contact has no account: the acknowledgement goes by e-mail, in her own form.
    acknowledgement = OutboundMessage.objects.get(to="noura@reading.example", kind="festival.host_signed_up")
    assert "تصلكِ" in acknowledgement.body or "إليكِ" in acknowledgement.body

    # The same e-mail cannot ask twice while the first request waits.
    again = Client().post(
        f"/ar/festivals/{festival.slug}/host-sign-up/", {**SIGN_UP, "governorate": city.governorate_id}
    )
    assert again.status_code == 400 and HostSignUp.objects.count() == 1

    # Approving needs a manager.
    assert client_for(manager).get(sign_up.get_absolute_url()).status_code == 200
    response = client_for(manager).post(f"/ar/festivals/hosts/{sign_up.pk}/review/", {"decision": "approve"})
    assert response.status_code == 302
    sign_up.refresh_from_db()
    entity = sign_up.entity
    assert sign_up.status == HostStatus.APPROVED and entity.sector == Sector.COMMUNITY
    assert entity.name_ar == "جمعية أصدقاء القراءة"
    coordinator = Coordinator.objects.get(entity=entity)
    user = coordinator.user
    assert user.role == Role.COORDINATOR and not user.has_usable_password() and coordinator.gender == "f"

    # She is told with a link to choose her password; following it lets her set one and sign in.
    notice = Notification.objects.get(recipient=user, kind="festival.host_approved")
    browser = Client()
    link = browser.get(notice.url, follow=True)
    assert link.status_code == 200 and link.redirect_chain  # Django moves the token out of the address
    chosen = "festival-host-2027!"
    done = browser.post(link.redirect_chain[-1][0], {"new_password1": chosen, "new_password2": chosen})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(chosen)

    # Her account submits the association's events.
    host = Client()
    signed_in = host.post("/ar/accounts/login/", {"username": user.username, "password": chosen})
    assert signed_in.status_code == 302
    event = _submit(host, festival, entity)
    assert event.host == entity and event.status == EventStatus.SUBMITTED


def test_a_declined_organisation_is_told_why_and_nothing_is_created(festival, manager, city):
    Client().post(
        f"/ar/festivals/{festival.slug}/host-sign-up/", {**SIGN_UP, "governorate": city.governorate_id}
    )
    sign_up = HostSignUp.objects.get()
    without_reason = client_for(manager).post(
        f"/ar/festivals/hosts/{sign_up.pk}/review/", {"decision": "decline"}
    )
    assert without_reason.status_code == 400
    client_for(manager).post(
        f"/ar/festivals/hosts/{sign_up.pk}/review/",
        {"decision": "decline", "note": "النشاط خارج نطاق المنطقة"},
    )
    sign_up.refresh_from_db()
    assert sign_up.status == HostStatus.DECLINED and sign_up.entity is None
    assert not User.objects.filter(email="noura@reading.example").exists()
    told = OutboundMessage.objects.get(to="noura@reading.example", kind="festival.host_declined")
    assert "النشاط خارج نطاق المنطقة" in told.body


def test_the_organisation_is_answered_in_the_language_it_wrote_in(festival, manager, city):
    """An organisation that asked in English is answered in English, whatever language the
    manager reads the platform in."""
    Client().post(
        f"/en/festivals/{festival.slug}/host-sign-up/", {**SIGN_UP, "governorate": city.governorate_id}
    )
    sign_up = HostSignUp.objects.get()
    assert sign_up.language == "en"
    acknowledgement = OutboundMessage.objects.get(kind="festival.host_signed_up", to="noura@reading.example")
    assert acknowledgement.language == "en" and acknowledgement.subject.endswith("Madinah Learning Festival")
    client_for(manager).post(
        f"/ar/festivals/hosts/{sign_up.pk}/review/", {"decision": "decline", "note": "Outside the region"}
    )
    told = OutboundMessage.objects.get(kind="festival.host_declined")
    assert (
        told.language == "en" and told.body.startswith("The request of") and "Outside the region" in told.body
    )
    assert told.subject == "Your request to host events at Madinah Learning Festival"


def test_the_sign_up_closes_with_the_call(festival, city):
    festival.call_closes_on = timezone.localdate() - dt.timedelta(days=1)
    festival.save()
    page = Client().get(f"/ar/festivals/{festival.slug}/host-sign-up/")
    assert "أُغلق باب الاستضافة" in page.content.decode()
    response = Client().post(
        f"/ar/festivals/{festival.slug}/host-sign-up/", {**SIGN_UP, "governorate": city.governorate_id}
    )
    assert response.status_code == 400 and not HostSignUp.objects.exists()


def test_an_event_must_fit_the_festival(festival, coordinator_a, entity_a, entity_b):
    client = client_for(coordinator_a)
    outside = client.post(
        f"/ar/festivals/{festival.slug}/submit/", event_form(festival, entity_a, day_offset=30)
    )
    assert outside.status_code == 400 and "خلال المهرجان" in outside.content.decode()
    other_entity = client.post(f"/ar/festivals/{festival.slug}/submit/", event_form(festival, entity_b))
    assert other_entity.status_code == 400
    backwards = client.post(
        f"/ar/festivals/{festival.slug}/submit/",
        event_form(festival, entity_a, start_time="19:00", end_time="17:00"),
    )
    assert backwards.status_code == 400
    assert not FestivalEvent.objects.exists()


def test_a_host_sees_and_changes_only_their_entitys_events(festival, coordinator_a, coordinator_b, entity_a):
    event = _submit(client_for(coordinator_a), festival, entity_a)
    assert client_for(coordinator_b).get(event.get_absolute_url()).status_code == 404
    assert client_for(coordinator_b).post(f"/ar/festivals/events/{event.pk}/edit/", {}).status_code == 404
    listed = client_for(coordinator_b).get(f"/ar/festivals/{festival.slug}/submissions/").content.decode()
    assert "ورشة البرمجة للأسرة" not in listed
    assert (
        "ورشة البرمجة للأسرة"
        in client_for(coordinator_a).get(f"/ar/festivals/{festival.slug}/submissions/").content.decode()
    )


def test_changes_asked_for_go_back_to_the_host_and_return_for_review(
    festival, manager, coordinator_a, entity_a
):
    event = _submit(client_for(coordinator_a), festival, entity_a)
    assert Notification.objects.filter(recipient=manager, kind="festival.event_submitted").count() == 1
    review = f"/ar/festivals/events/{event.pk}/review/"
    assert client_for(coordinator_a).post(review, {"decision": "accept"}).status_code == 403
    assert client_for(manager).post(review, {"decision": "changes"}).status_code == 400  # a reason is needed
    client_for(manager).post(review, {"decision": "changes", "note": "أضيفوا العنوان التفصيلي للمكتبة"})
    event.refresh_from_db()
    assert event.status == EventStatus.CHANGES_REQUESTED
    told = Notification.objects.get(recipient=coordinator_a, kind="festival.event_reviewed")
    assert told.body == "أضيفوا العنوان التفصيلي للمكتبة"
    page = client_for(coordinator_a).get(f"/ar/festivals/events/{event.pk}/edit/").content.decode()
    assert "أضيفوا العنوان التفصيلي للمكتبة" in page

    client_for(coordinator_a).post(
        f"/ar/festivals/events/{event.pk}/edit/",
        event_form(festival, entity_a, address="حي العزيزية، شارع 12"),
    )
    event.refresh_from_db()
    assert event.status == EventStatus.SUBMITTED and event.address == "حي العزيزية، شارع 12"
    assert Notification.objects.filter(recipient=manager, kind="festival.event_submitted").count() == 2
    assert (
        AuditEntry.objects.filter(content_type__model="festivalevent", object_id=str(event.pk)).count() >= 3
    )


def test_an_accepted_event_is_published_in_the_catalogue_and_is_final(
    festival, manager, coordinator_a, entity_a
):
    event = _submit(
        client_for(coordinator_a), festival, entity_a, age_groups=["0-14", "25-44"], wheelchair_access="on"
    )
    client_for(manager).post(f"/ar/festivals/events/{event.pk}/review/", {"decision": "accept"})
    event.refresh_from_db()
    opportunity = event.opportunity
    assert event.status == EventStatus.ACCEPTED
    assert opportunity.status == OpportunityStatus.PUBLISHED and opportunity.provider == entity_a
    assert opportunity.wheelchair_access and opportunity.hours == 2
    assert sorted(opportunity.age_groups.values_list("age_group", flat=True)) == ["0-14", "25-44"]
    session = opportunity.sessions.get()
    assert (session.starts_at, session.ends_at, session.capacity) == (event.starts_at, event.ends_at, 30)
    # Registration works as for any opportunity.
    registration = registration_create(learner=LearnerFactory(), session=session)
    assert registration.status == "confirmed"
    # Nothing more to review, nothing more to change.
    assert client_for(coordinator_a).get(f"/ar/festivals/events/{event.pk}/edit/").status_code == 403
    with pytest.raises(ValidationError):
        event_review(event=event, decision="decline", note="x", by=manager)


def test_a_declined_event_says_why_and_publishes_nothing(festival, manager, coordinator_a, entity_a):
    event = _submit(client_for(coordinator_a), festival, entity_a)
    client_for(manager).post(
        f"/ar/festivals/events/{event.pk}/review/", {"decision": "decline", "note": "تكرر موضوع الورشة"}
    )
    event.refresh_from_db()
    assert event.status == EventStatus.DECLINED and event.opportunity is None
    assert "تكرر موضوع الورشة" in client_for(coordinator_a).get(event.get_absolute_url()).content.decode()
    with pytest.raises(PermissionDenied):
        event_review(event=event, decision="accept", note="", by=coordinator_a)


def _accepted(festival, manager, coordinator, host, **changes) -> FestivalEvent:
    event = _submit(client_for(coordinator), festival, host, **changes)
    event_review(event=event, decision="accept", note="", by=manager)
    return FestivalEvent.objects.get(pk=event.pk)


def test_the_public_programme_is_browsable_by_day_place_theme_and_audience(
    festival, manager, coordinator_a, entity_a, other_governorate
):
    second_theme = festival.themes.last()
    _accepted(festival, manager, coordinator_a, entity_a)  # day 1, Madinah, digital learning, everyone
    _accepted(
        festival, manager, coordinator_a, entity_a, day_offset=2, title_ar="جولة في البلدة القديمة",
        title_en="A walk in the old town", governorate=other_governorate.pk, theme=second_theme.pk,
        audience_sex="women", age_groups=["45-64"],
    )  # fmt: skip
    waiting = _submit(client_for(coordinator_a), festival, entity_a, title_ar="فعالية لم تراجع بعد")
    assert waiting.status == EventStatus.SUBMITTED

    def titles(query: str = "", language: str = "ar") -> list[str]:
        page = Client().get(f"/{language}/festivals/{festival.slug}/{query}")
        assert page.status_code == 200
        body = page.content.decode()
        return [
            t
            for t in (
                "ورشة البرمجة للأسرة",
                "جولة في البلدة القديمة",
                "Coding for families",
                "A walk in the old town",
                "فعالية لم تراجع بعد",
            )
            if t in body
        ]

    assert titles() == ["ورشة البرمجة للأسرة", "جولة في البلدة القديمة"]
    third_day = (festival.starts_on + dt.timedelta(days=2)).isoformat()
    assert titles(f"?day={third_day}") == ["جولة في البلدة القديمة"]
    assert titles(f"?place={other_governorate.pk}") == ["جولة في البلدة القديمة"]
    assert titles(f"?theme={festival.themes.first().pk}") == ["ورشة البرمجة للأسرة"]
    assert titles("?audience=men") == ["ورشة البرمجة للأسرة"]  # the women's walk is not for men
    assert titles("?audience=women") == ["ورشة البرمجة للأسرة", "جولة في البلدة القديمة"]
    assert titles("?audience=age:0-14") == ["ورشة البرمجة للأسرة"]  # every age includes children
    assert titles("", language="en") == ["Coding for families", "A walk in the old town"]
    english = Client().get(f"/en/festivals/{festival.slug}/").content.decode()
    assert "AlUla" in english and "Women only" in english and "45–64" in english
    assert Client().get(f"/ar/festivals/{festival.slug}/?day=not-a-day").status_code == 400


def test_once_accepted_the_catalogue_is_the_record_the_programme_shows(
    festival, manager, coordinator_a, entity_a
):
    """A provider who moves the session or renames the opportunity changes the programme too;
    a cancelled session leaves it."""
    event = _accepted(festival, manager, coordinator_a, entity_a)
    opportunity, session = event.opportunity, event.opportunity.sessions.get()
    later = session.starts_at + dt.timedelta(days=2)
    session_update(
        session=session, data={"starts_at": later, "ends_at": later + dt.timedelta(hours=2)}, by=coordinator_a
    )
    opportunity_update(opportunity=opportunity, data={"title_ar": "ورشة البرمجة للعائلة"}, by=coordinator_a)
    third_day = (festival.starts_on + dt.timedelta(days=2)).isoformat()
    page = Client().get(f"/ar/festivals/{festival.slug}/?day={third_day}").content.decode()
    assert "ورشة البرمجة للعائلة" in page and "ورشة البرمجة للأسرة" not in page
    session_cancel(session=session, by=coordinator_a)
    assert "ورشة البرمجة للعائلة" not in Client().get(festival.get_absolute_url()).content.decode()


def test_a_draft_festival_is_for_managers_only(festival, manager, coordinator_a):
    festival.status = "draft"
    festival.save()
    assert Client().get(festival.get_absolute_url()).status_code == 404
    assert client_for(coordinator_a).get(festival.get_absolute_url()).status_code == 404
    assert client_for(manager).get(festival.get_absolute_url()).status_code == 200
    assert "مهرجان المدينة للتعلم" not in Client().get("/ar/festivals/").content.decode()


def test_the_festivals_totals_reach_the_city_report(
    festival, manager, coordinator_a, coordinator_b, entity_a, entity_b, city
):
    first = _accepted(festival, manager, coordinator_a, entity_a)
    _accepted(festival, manager, coordinator_b, entity_b, day_offset=1)
    declined = _submit(client_for(coordinator_a), festival, entity_a, title_ar="أخرى")
    event_review(event=declined, decision="decline", note="مكررة", by=manager)
    session = first.opportunity.sessions.get()
    for _ in range(3):
        registration_create(learner=LearnerFactory(), session=session)
    Registration.objects.filter(session=session).update(attended=True)

    scope = ReportScope(
        region=city.region, learning_city=city, start=festival.starts_on, end=festival.ends_on
    )
    report = city_report(scope)
    (totals,) = report.festivals
    assert (
        totals.submitted,
        totals.accepted,
        totals.hosts,
        totals.places,
        totals.registered,
        totals.attended,
    ) == (
        3,
        2,
        2,
        60,
        3,
        3,
    )
    # A period the festival does not touch leaves it out.
    before = ReportScope(
        region=city.region,
        learning_city=city,
        start=festival.starts_on - dt.timedelta(days=60),
        end=festival.starts_on - dt.timedelta(days=30),
    )
    assert city_report(before).festivals == []
    # The PDF carries the same figures, and stays a tagged PDF (PDF/UA, by veraPDF's rules).
    pdf = city_report_pdf(report, "en")
    assert pdf_ua.problems(pdf, language="en") == []
    text = " ".join(" ".join(page.get_text() for page in pymupdf.open(stream=pdf, filetype="pdf")).split())
    assert "Learning festivals" in text and "Madinah Learning Festival" in text
    book = load_workbook(io.BytesIO(city_report_xlsx(report, "ar")))
    sheet = book["مهرجانات التعلم"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "مهرجان المدينة للتعلم" and rows[1][3:] == (3, 2, 2, 0, 60, 3, 3)


def test_the_programme_page_is_kept_for_anonymous_visitors_and_renewed_by_a_change(
    festival, manager, coordinator_a, entity_a
):
    assert "ورشة البرمجة للأسرة" not in Client().get(festival.get_absolute_url()).content.decode()
    _accepted(festival, manager, coordinator_a, entity_a)
    assert "ورشة البرمجة للأسرة" in Client().get(festival.get_absolute_url()).content.decode()
    assert urlparse(festival.get_absolute_url()).path.startswith("/")


def test_a_declined_request_and_its_contact_details_go_after_the_retention_period(festival, manager, city):
    for email in ("old@example.sa", "recent@example.sa", "waiting@example.sa"):
        Client().post(
            f"/ar/festivals/{festival.slug}/host-sign-up/",
            {**SIGN_UP, "email": email, "governorate": city.governorate_id},
        )
    old, recent = (
        HostSignUp.objects.get(email="old@example.sa"),
        HostSignUp.objects.get(email="recent@example.sa"),
    )
    for sign_up in (old, recent):
        client_for(manager).post(
            f"/ar/festivals/hosts/{sign_up.pk}/review/", {"decision": "decline", "note": "لا"}
        )
    HostSignUp.objects.filter(pk=old.pk).update(reviewed_at=timezone.now() - dt.timedelta(days=181))

    assert apply_retention(dry_run=True).host_requests_deleted == 1
    assert HostSignUp.objects.count() == 3
    assert apply_retention().host_requests_deleted == 1
    assert sorted(HostSignUp.objects.values_list("email", flat=True)) == [
        "recent@example.sa",
        "waiting@example.sa",
    ]


def test_requests_to_host_are_limited_per_address(festival, city, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign_up": (2, 3600)}
    answers = [
        Client()
        .post(
            f"/ar/festivals/{festival.slug}/host-sign-up/",
            {**SIGN_UP, "email": f"host{n}@example.sa", "governorate": city.governorate_id},
        )
        .status_code
        for n in range(3)
    ]
    assert answers == [302, 302, 429] and HostSignUp.objects.count() == 2


def _queries(client: Client, address: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def test_the_programme_and_submissions_do_not_grow_in_queries_with_the_events(
    festival, manager, coordinator_a, entity_a
):
    pages = [f"/ar/festivals/{festival.slug}/", f"/ar/festivals/{festival.slug}/submissions/"]
    _accepted(festival, manager, coordinator_a, entity_a, age_groups=["0-14"])
    few = [_queries(client_for(manager), page) for page in pages]
    for day in range(1, 5):
        _accepted(festival, manager, coordinator_a, entity_a, day_offset=day, age_groups=["15-24"])
        _submit(client_for(coordinator_a), festival, entity_a, day_offset=day)
    assert [_queries(client_for(manager), page) for page in pages] == few
