import pytest

from learningcity.programme.models import InitiativePartner
from tests.factories import EntityFactory, InitiativeFactory, coordinator_user


@pytest.fixture
def partner_entity(db):
    return EntityFactory(name_ar="جمعية شريكة", sector="nonprofit")


@pytest.fixture
def coordinator_partner(partner_entity):
    return coordinator_user(partner_entity, "coordinator_partner", gender="f")


@pytest.fixture
def initiative(entity_a, partner_entity):
    """An initiative owned by entity A with one partner entity; entity B has no part in it."""
    initiative = InitiativeFactory(owner_entity=entity_a)
    InitiativePartner.objects.create(initiative=initiative, entity=partner_entity, role="implementer")
    return initiative
