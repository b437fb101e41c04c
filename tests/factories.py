"""factory_boy factories for the domain records; personas live in conftest.py."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from learningcity.accounts.models import Role
from learningcity.core.models import Governorate, LearningCity, Region
from learningcity.partners.models import Agreement, Coordinator, Entity, Sector
from learningcity.programme.models import Axis, Track

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.sa")
    role = Role.VIEWER
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"region-{n}")
    name_ar = factory.Sequence(lambda n: f"منطقة {n}")
    name_en = factory.Sequence(lambda n: f"Region {n}")


class GovernorateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Governorate
        django_get_or_create = ("code",)

    region = factory.SubFactory(RegionFactory)
    code = factory.Sequence(lambda n: f"governorate-{n}")
    name_ar = factory.Sequence(lambda n: f"محافظة {n}")
    name_en = factory.Sequence(lambda n: f"Governorate {n}")


class LearningCityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningCity

    governorate = factory.SubFactory(GovernorateFactory)
    region = factory.LazyAttribute(lambda city: city.governorate.region)
    code = factory.Sequence(lambda n: f"city-{n}")
    name_ar = factory.Sequence(lambda n: f"مدينة {n}")
    name_en = factory.Sequence(lambda n: f"City {n}")


class EntityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entity
        skip_postgeneration_save = True

    name_ar = factory.Sequence(lambda n: f"جهة شريكة رقم {n}")
    name_en = factory.Sequence(lambda n: f"Partner entity {n}")
    sector = Sector.GOVERNMENT

    @factory.post_generation
    def governorates(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.governorates.set(extracted)


class CoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coordinator

    entity = factory.SubFactory(EntityFactory)
    full_name_ar = factory.Sequence(lambda n: f"منسق {n}")
    full_name_en = factory.Sequence(lambda n: f"Coordinator {n}")
    gender = "m"


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    title_ar = factory.Sequence(lambda n: f"مذكرة تفاهم {n}")
    title_en = factory.Sequence(lambda n: f"Memorandum {n}")
    start_date = dt.date(2025, 1, 1)

    @factory.post_generation
    def parties(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.parties.set(extracted)


class AxisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Axis
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n + 1)
    title_ar = factory.Sequence(lambda n: f"محور {n}")
    title_en = factory.Sequence(lambda n: f"Axis {n}")


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    axis = factory.SubFactory(AxisFactory)
    code = factory.Sequence(lambda n: f"track-{n}")
    title_ar = factory.Sequence(lambda n: f"مسار {n}")
    title_en = factory.Sequence(lambda n: f"Track {n}")


def coordinator_user(entity: Entity, username: str, gender: str = "m") -> object:
    """An account with the coordinator role, linked to `entity`."""
    user = UserFactory(username=username, role=Role.COORDINATOR)
    CoordinatorFactory(entity=entity, user=user, gender=gender)
    return user


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "coordination.Meeting"

    title_ar = factory.Sequence(lambda n: f"لقاء تنسيقي {n}")
    title_en = factory.Sequence(lambda n: f"Coordination meeting {n}")
    learning_city = factory.SubFactory(LearningCityFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    venue_ar = "قاعة الاجتماعات"
    organiser = factory.SubFactory(EntityFactory)


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "coordination.ActionItem"

    meeting = factory.SubFactory(MeetingFactory)
    title_ar = factory.Sequence(lambda n: f"مهمة متابعة {n}")
    owner_entity = factory.SubFactory(EntityFactory)
    due_date = factory.LazyAttribute(
        lambda item: timezone.localtime(item.meeting.starts_at).date() + dt.timedelta(days=30)
    )


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Initiative"

    code = factory.Sequence(lambda n: f"INI-T-{n:04d}")
    title_ar = factory.Sequence(lambda n: f"مبادرة {n}")
    title_en = factory.Sequence(lambda n: f"Initiative {n}")
    learning_city = factory.SubFactory(LearningCityFactory)
    track = factory.SubFactory(TrackFactory)
    owner_entity = factory.SubFactory(EntityFactory)
    status = "active"
    start_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=100))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=100))


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Resource"

    owner_entity = factory.SubFactory(EntityFactory)
    kind = "venue"
    title_ar = factory.Sequence(lambda n: f"قاعة {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "indicators.Indicator"

    code = factory.Sequence(lambda n: f"IND-{n:03d}")
    name_ar = factory.Sequence(lambda n: f"مؤشر {n}")
    name_en = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "count"
    frequency = "monthly"
    aggregation = "sum"


class SkillGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "skills.SkillGroup"
        django_get_or_create = ("code",)

    code = "digital"
    name_ar = "المهارات الرقمية"
    name_en = "Digital skills"


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "skills.Skill"
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"skill-{n}")
    name_ar = factory.Sequence(lambda n: f"مهارة {n}")
    name_en = factory.Sequence(lambda n: f"Skill {n}")
    group = factory.SubFactory(SkillGroupFactory)


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalogue.Campaign"

    slug = factory.Sequence(lambda n: f"campaign-{n}")
    title_ar = factory.Sequence(lambda n: f"حملة {n}")
    title_en = factory.Sequence(lambda n: f"Campaign {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=3))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=4))


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalogue.Opportunity"

    title_ar = factory.Sequence(lambda n: f"فرصة تعلم {n}")
    title_en = factory.Sequence(lambda n: f"Learning opportunity {n}")
    description_ar = "وصف الفرصة"
    opportunity_type = "course"
    provider = factory.SubFactory(EntityFactory)
    learning_city = factory.SubFactory(LearningCityFactory)
    governorate = factory.LazyAttribute(lambda o: o.learning_city.governorate)
    status = "published"
    hours = 10
    credential = "completion"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalogue.Session"

    opportunity = factory.SubFactory(OpportunityFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + dt.timedelta(hours=2))
    capacity = 20


class LearnerFactory(factory.django.DjangoModelFactory):
    """A learner with an account (role learner) that can sign in with TEST_PASSWORD."""

    class Meta:
        model = "catalogue.Learner"

    user = factory.SubFactory(UserFactory, role=Role.LEARNER)
    full_name = factory.Sequence(lambda n: f"متعلم {n}")
    mobile = factory.Sequence(lambda n: f"+9665{10_000_000 + n:08d}")
    sex = "female"
    age_group = "25-44"
    governorate = factory.SubFactory(GovernorateFactory)
    nationality = "citizen"
    consented_at = factory.LazyFunction(timezone.now)
    privacy_notice_version = "test"
