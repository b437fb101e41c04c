"""The demo data set, loaded once for the whole module (it takes most of a minute): in a
transaction rolled back when the module ends, each test in a savepoint inside it."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from learningcity.accounts.models import Role
from learningcity.catalogue.models import Campaign, Opportunity, Session
from learningcity.collaboration.models import Story
from learningcity.core.models import Governorate, LearningCity
from learningcity.exchange import opendata
from learningcity.indicators.models import Indicator, IndicatorTarget
from learningcity.partners.models import Agreement, Coordinator, Entity, Responsibility, Sector
from learningcity.programme.models import Axis
from tests.conftest import folders, module_data
from tests.exchange.test_open_data import _hsds, hsds_errors

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]  # the demo is loaded once


@pytest.fixture(scope="module")
def demo_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("demo")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, demo_root):
    with module_data(django_db_blocker, demo_root):
        call_command("load_demo", verbosity=0)
        yield


@pytest.fixture(autouse=True)
def _the_demos_files(settings, demo_root):
    for name, path in folders(demo_root).items():
        setattr(settings, name, path)


def test_reference_geography_and_axes(demo):
    assert Governorate.objects.count() == 9
    assert set(Governorate.objects.values_list("name_ar", flat=True)) == {
        "المدينة المنورة", "ينبع", "العلا", "المهد", "بدر", "خيبر", "الحناكية", "العيص", "وادي الفرع",
    }  # fmt: skip
    assert dict(LearningCity.objects.values_list("name_en", "gnlc_member_since")) == {
        "Madinah": 2024, "Yanbu": 2022, "AlUla": 2025,
    }  # fmt: skip
    assert Axis.objects.count() == 5


def test_partners_cover_every_sector_and_governorate(demo):
    assert Entity.objects.count() >= 30
    assert set(Entity.objects.values_list("sector", flat=True)) == set(Sector.values)
    assert Governorate.objects.filter(entities__isnull=True).count() == 0
    assert Entity.objects.filter(name_ar="مدينة طيبة التعليمية للتربية الخاصة").exists()
    assert Entity.objects.filter(name_ar="الإدارة العامة للتعليم بمنطقة المدينة المنورة").exists()


def test_coordinators_men_and_women(demo):
    assert Coordinator.objects.count() >= 40
    assert Coordinator.objects.filter(gender="m").count() >= 10
    assert Coordinator.objects.filter(gender="f").count() >= 10


def test_agreements_and_matrix(demo):
    assert Agreement.objects.count() >= 5
    assert Responsibility.objects.filter(track__isnull=True, sector="government").exists()
    assert Responsibility.objects.filter(track__isnull=True, sector="private").exists()


def test_demo_logins(demo):
    users = {user.username: user for user in get_user_model().objects.all()}
    assert users["manager"].role == Role.PROGRAMME_MANAGER
    assert users["evaluator"].role == Role.EVALUATOR
    assert users["viewer"].role == Role.VIEWER
    coordinator = users["coordinator"]
    assert coordinator.role == Role.COORDINATOR
    assert list(coordinator.coordinator_records.values_list("entity__name_ar", flat=True)) == [
        "مدينة طيبة التعليمية للتربية الخاصة"
    ]
    # Everyone who signs in does so with the demo password; the children a learner registered
    # (group places) have no way to sign in at all.
    assert all(user.check_password("learningcity-demo") for user in users.values() if user.is_active)
    assert all(not user.has_usable_password() for user in users.values() if not user.is_active)


def test_load_demo_twice_changes_nothing(demo):
    before = Entity.objects.count(), Coordinator.objects.count()
    call_command("load_demo", verbosity=0)
    assert (Entity.objects.count(), Coordinator.objects.count()) == before


def test_catalogue_has_300_opportunities_across_providers_types_and_every_governorate(demo):
    from learningcity.catalogue.models import Campaign, Certificate, Opportunity, Registration, Session

    published = Opportunity.objects.filter(status="published")
    assert Opportunity.objects.count() >= 300
    assert published.values("provider").distinct().count() >= 20
    assert set(Opportunity.objects.values_list("opportunity_type", flat=True)) >= {
        "course", "workshop", "lecture", "event", "volunteering", "elearning", "visit", "club",
    }  # fmt: skip
    assert published.values("governorate").distinct().count() == 9
    taibah = published.filter(provider__name_ar="مدينة طيبة التعليمية للتربية الخاصة")
    assert taibah.filter(sign_language=True).exists() and taibah.filter(braille_large_print=True).exists()
    assert taibah.filter(suited_disabilities__kind="hearing").exists()
    assert published.filter(audience_sex="women").exists() and published.filter(audience_sex="men").exists()
    assert (
        Session.objects.filter(audience_sex="women").exists()
        and Session.objects.filter(audience_sex="men").exists()
    )
    assert published.exclude(online_url="").exists()
    assert (
        Campaign.objects.count() >= 2
        and Campaign.objects.filter(opportunities__isnull=False).distinct().count() >= 2
    )
    assert Registration.objects.filter(status="confirmed").exists()
    assert Registration.objects.filter(status="waitlisted").exists()
    assert Registration.objects.filter(completed_at__isnull=False).exists()
    assert Certificate.objects.exists()
    _no_session_is_overbooked_or_breaks_its_audience()
    _the_demo_learner_signs_in_with_a_mobile_number_and_has_a_learning_record()


def _no_session_is_overbooked_or_breaks_its_audience():
    from django.db.models import Count, Q

    from learningcity.catalogue.models import Registration, Session

    for session in Session.objects.annotate(
        held=Count("registrations", filter=Q(registrations__status__in=["confirmed", "offered"]))
    ):
        assert session.held <= session.capacity
    assert not Registration.objects.filter(session__audience_sex="men", learner__sex="female").exists()
    assert not Registration.objects.filter(
        session__audience_sex="", session__opportunity__audience_sex="women", learner__sex="male"
    ).exists()


def _the_demo_learner_signs_in_with_a_mobile_number_and_has_a_learning_record():
    from django.test import Client

    client = Client()
    response = client.post("/ar/accounts/login/", {"username": "0500000001", "password": "learningcity-demo"})
    assert response.status_code == 302
    body = client.get("/ar/learn/my-learning/").content.decode()
    assert "نورة الحربي" in body or "تعلّمي" in body
    from learningcity.catalogue.models import Learner

    learner = Learner.objects.get(mobile="+966500000001")
    assert learner.registrations.filter(certificate__isnull=False).exists()
    assert learner.registrations.filter(completed_at__isnull=True, status="confirmed").exists()
    # A place offered to her from a waiting list, to confirm or let go, on her page.
    offered = learner.registrations.get(status="offered")
    assert offered.offer_expires_at > offered.offered_at
    assert "تأكيد مقعدي" in body
    # Her two children, registered together with her own account.
    assert (
        learner.dependents.filter(
            registrations__status="confirmed", registrations__group__isnull=False
        ).count()
        == 2
    )
    assert "جود الحربي" in body


def test_demo_has_a_gnlc_draft_and_an_archived_monthly_report(demo):
    from learningcity.reports.models import ArchivedReport, GnlcReport, ReportSubscription

    draft = GnlcReport.objects.get()
    assert draft.version == 1 and draft.narrative("overview", "en").startswith("The Madinah region")
    assert ReportSubscription.objects.filter(user__username="viewer").exists()
    archived = ArchivedReport.objects.get()
    assert archived.scheduled and archived.file.read().startswith(b"%PDF")


def test_demo_partnership_shows_each_part(demo):
    from learningcity.collaboration.models import ChannelPost, Pledge, Practice, ReviewStatus, Story
    from learningcity.collaboration.permissions import can_use_channel
    from learningcity.collaboration.selectors import story_figures

    users = {user.username: user for user in get_user_model().objects.all()}
    partner, coordinator = users["partner"], users["coordinator"]
    assert list(partner.coordinator_records.values_list("entity__sector", flat=True)) == [Sector.PRIVATE]
    assert Practice.objects.filter(status=ReviewStatus.PUBLISHED).exclude(source_city="").count() == 2
    assert Practice.objects.filter(status=ReviewStatus.SUBMITTED).exists()
    # The private partner's venue offer waits for the demo coordinator; funding was accepted.
    waiting = Pledge.objects.get(status="offered")
    assert waiting.offered_by == partner and waiting.need.initiative.owner_entity.name_ar.startswith(
        "مدينة طيبة"
    )
    assert Pledge.objects.filter(status="accepted", funding__isnull=False).count() == 2
    track = ChannelPost.objects.first().track
    assert can_use_channel(partner, track) and can_use_channel(coordinator, track)
    story = Story.objects.get(status=ReviewStatus.PUBLISHED, kind="learner")
    assert story.photo and story.photo_consent and story_figures(story).learners > 0


def test_the_demo_festival_has_each_stage_of_its_call(demo):
    from django.utils import timezone

    from learningcity.festivals.models import EventStatus, Festival, HostSignUp, HostStatus
    from learningcity.festivals.selectors import ProgrammeFilters, programme

    festival = Festival.objects.get()
    assert festival.accepts_submissions() and festival.themes.count() == 5
    statuses = set(festival.events.values_list("status", flat=True))
    assert statuses == {
        EventStatus.ACCEPTED,
        EventStatus.SUBMITTED,
        EventStatus.CHANGES_REQUESTED,
        EventStatus.DECLINED,
    }
    returned = festival.events.get(status=EventStatus.CHANGES_REQUESTED)
    assert returned.review_note and returned.host.coordinators.filter(user__username="partner").exists()
    # The programme spans the week, several governorates and both men's and women's events.
    sessions = programme(festival, ProgrammeFilters())
    assert len(sessions) == 9 and all(session.opportunity.status == "published" for session in sessions)
    assert len({timezone.localtime(session.starts_at).date() for session in sessions}) == 7
    assert len({session.opportunity.governorate_id for session in sessions}) >= 4
    assert {session.audience for session in sessions} == {"everyone", "men", "women"}
    # A community organisation joined through the call and hosts an event; another waits.
    joined = HostSignUp.objects.get(status=HostStatus.APPROVED)
    assert joined.entity.sector == Sector.COMMUNITY and joined.entity.festival_events.exists()
    assert HostSignUp.objects.filter(status=HostStatus.PENDING).count() == 1


def test_every_demo_service_validates_against_the_official_hsds_schema(demo):
    """All of the demo's published opportunities (the found problem: 321 of 321 invalid)."""
    services = opendata.hsds_services()
    assert len(services) > 250
    schema = _hsds("service.json")
    invalid = {
        service["id"]: hsds_errors(schema, service)[:3]
        for service in services
        if hsds_errors(schema, service)
    }
    assert invalid == {}
    assert len({service["id"] for service in services}) == len(services)


def test_every_demo_opportunity_page_passes_schema_orgs_own_shapes(demo, rf):
    """The JSON-LD of every published opportunity page of the demo (the found problem: empty
    course instances, events without a start, empty street addresses on hundreds of pages)."""
    from learningcity.catalogue import selectors
    from learningcity.catalogue.models import Opportunity
    from learningcity.catalogue.structured_data import opportunity_json_ld
    from tests import schema_org
    from tests.catalogue.test_structured_data import empty_values

    request = rf.get("/ar/")
    documents = []
    for pk in Opportunity.objects.filter(status="published").values_list("pk", flat=True):
        opportunity = selectors.opportunity_detail(pk=pk)
        document = opportunity_json_ld(opportunity, selectors.session_list(opportunity=opportunity), request)
        if document is not None:
            documents.append(document)
    assert len(documents) > 200  # the others are events with no session to come
    assert [path for document in documents for path in empty_values(document)] == []
    assert schema_org.violations(*documents) == []


def test_counts_have_whole_targets_and_baselines(demo):
    counts = IndicatorTarget.objects.filter(indicator__unit="count").values_list("value", flat=True)
    assert counts and all(value == value.to_integral_value() for value in counts)
    baselines = Indicator.objects.filter(unit="count", baseline_value__isnull=False).values_list(
        "baseline_value", flat=True
    )
    assert baselines and all(value == value.to_integral_value() for value in baselines)


def test_the_demo_looks_like_madinahs_programme(demo):
    """Quran circles in every governorate, free where learning is free by nature, campaigns that
    list sessions within their dates, stories of a few paragraphs."""
    quran = Opportunity.objects.filter(skills__code="quran", status="published")
    assert quran.values("governorate").distinct().count() == 9
    assert quran.filter(audience_sex="women").exists() and quran.filter(audience_sex="men").exists()
    free_by_nature = Opportunity.objects.filter(skills__code__in=["arabic-literacy", "volunteering", "quran"])
    assert free_by_nature.exists() and not free_by_nature.filter(fee__gt=0).exists()
    assert not Opportunity.objects.filter(opportunity_type="volunteering", fee__gt=0).exists()
    for campaign in Campaign.objects.all():
        for opportunity in campaign.opportunities.all():
            assert Session.objects.filter(
                opportunity=opportunity,
                starts_at__date__gte=campaign.starts_on,
                starts_at__date__lte=campaign.ends_on,
            ).exists(), (campaign.slug, opportunity.pk)
    for story in Story.objects.filter(status="published"):
        assert story.body_ar.count("\n\n") >= 2, story.title_ar


def test_the_demo_coordinator_has_data_set_forms_at_every_stage(demo):
    """Issue 26's demo: two data sets with forms due for the demo coordinator, one draft
    breaking a rule, one returned by a manager and one approved up to the region and locked."""
    from learningcity.accounts.models import User
    from learningcity.datacollection import selectors, services
    from learningcity.datacollection.models import DataForm, DataSet
    from learningcity.indicators.models import LockedPeriod

    coordinator = User.objects.get(username="coordinator")
    assert DataSet.objects.count() == 2
    due = selectors.forms_to_fill(coordinator)
    assert {slot.data_set.code for slot in due} == {"inclusion-quarterly", "learning-centres-monthly"}
    statuses = dict(DataForm.objects.values_list("status", "data_set__code").order_by("status"))
    assert set(statuses) == {"approved", "returned", "draft"}
    approved = DataForm.objects.get(status="approved")
    assert approved.approved_level == "region"
    assert LockedPeriod.objects.filter(period_start=approved.period_start, scope=approved.scope).count() == 2
    draft = DataForm.objects.get(status="draft")
    check = services.form_check(
        data_set=draft.data_set, period_start=draft.period_start, scope=draft.scope, entries=draft.entries
    )
    assert [violation.rule.name_en for violation in check.blocking] == ["Women and men add up to the total"]
    assert DataForm.objects.get(status="returned").return_reason
    # The returned form comes first on the coordinator's list.
    assert due[0].status == "returned"
