"""The suite empties the database after a transactional test with DELETE rather than
PostgreSQL's TRUNCATE (tests/conftest.py): that holds only while every foreign key can wait
for the end of the transaction, and it must leave nothing behind."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from learningcity.coordination.models import ActionItem, Meeting
from learningcity.partners.models import Entity
from tests.factories import ActionItemFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")


@pytest.mark.django_db
def test_every_foreign_key_waits_for_the_end_of_the_transaction():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname FROM pg_constraint"
            " WHERE contype = 'f' AND NOT (condeferrable AND condeferred)"
        )
        assert cursor.fetchall() == []


def test_the_flush_deletes_rows_of_tables_that_refer_to_each_other(transactional_db):
    assert connection.ops.sql_flush(no_style(), ["coordination_actionitem"]) == [
        'DELETE FROM "coordination_actionitem";'
    ]
    ActionItemFactory()  # an action item refers to its meeting and to an entity
    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
    assert (ActionItem.objects.count(), Meeting.objects.count(), Entity.objects.count()) == (0, 0, 0)
