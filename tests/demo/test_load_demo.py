import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from learningcity.accounts.models import Role
from learningcity.core.models import Governorate, LearningCity
from learningcity.partners.models import Agreement, Coordinator, Entity, Responsibility, Sector
from learningcity.programme.models import Axis


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


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
    assert all(user.check_password("learningcity-demo") for user in users.values())


def test_load_demo_twice_changes_nothing(demo):
    before = Entity.objects.count(), Coordinator.objects.count()
    call_command("load_demo", verbosity=0)
    assert (Entity.objects.count(), Coordinator.objects.count()) == before


def test_demo_logins_are_only_created_by_the_demo_command(db):
    call_command("seed_reference", verbosity=0)
    assert not get_user_model().objects.exists()
