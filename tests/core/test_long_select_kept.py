"""Kept long select lists (core/forms.py LongSelect kept_under): the every-entity list is written once per
change to the entities and kept, and the person's choice is still marked in it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learningcity.coordination.forms import ActionItemFilterForm
from tests.factories import EntityFactory

# Committed as a request commits: the partners' generation moves on at once (core/cache.py).
pytestmark = pytest.mark.django_db(transaction=True)


def _entity_select(chosen=None):
    form = ActionItemFilterForm(data={"entity": chosen.pk} if chosen else {})
    with CaptureQueriesContext(connection) as queries:
        html = str(form["entity"])
    # The list itself, not the one row a bound form checks the choice against.
    return html, [q["sql"] for q in queries.captured_queries if 'FROM "partners_entity" ORDER BY' in q["sql"]]


def test_the_every_entity_list_is_written_once_and_marks_each_persons_choice():
    first, second = EntityFactory(name_en="Taibah"), EntityFactory(name_en="Yanbu")
    html, read = _entity_select(second)
    assert read  # written from the entities
    assert f'<option value="{second.pk}" selected>' in html
    assert f'<option value="{first.pk}">' in html
    html, read = _entity_select(first)
    assert not read  # kept
    assert f'<option value="{first.pk}" selected>' in html
    assert f'<option value="{second.pk}">' in html
    assert '<option value="" selected>' not in html


def test_a_renamed_or_new_entity_shows_in_the_kept_list_at_once():
    entity = EntityFactory(name_ar="جهة قديمة")
    assert "جهة قديمة" in _entity_select()[0]
    entity.name_ar = "الإدارة العامة للتعليم"
    entity.save()
    EntityFactory(name_ar="جامعة طيبة")
    html = _entity_select()[0]
    assert "الإدارة العامة للتعليم" in html and "جامعة طيبة" in html and "جهة قديمة" not in html
    assert '<option value="" selected>' in html  # nothing chosen: "All entities"
