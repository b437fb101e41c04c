"""every_row: a whole table read through a cursor planned for reading all of it, and the
connection left as it was found (it is kept for later requests)."""

import pytest
from django.db import connection, transaction

from learningcity.core.exports import every_row
from learningcity.core.models import Governorate

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _places():
    from learningcity.core.reference import seed_madinah_region

    seed_madinah_region()  # nine governorates


def _fraction() -> str | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SHOW cursor_tuple_fraction")
        return cursor.fetchone()[0]


def test_every_row_yields_the_whole_queryset_in_order_and_restores_the_planner():
    before = _fraction()
    seen = []
    during = set()
    for code in every_row(Governorate.objects.order_by("code").values_list("code", flat=True), chunk_size=2):
        seen.append(code)
        during.add(_fraction())
    assert seen == sorted(Governorate.objects.values_list("code", flat=True)) and len(seen) == 9
    assert _fraction() == before
    if connection.vendor == "postgresql":
        assert before == "0.1" and during == {"1"}


def test_a_file_abandoned_half_way_restores_the_planner_too():
    before = _fraction()
    rows = every_row(Governorate.objects.order_by("code"), chunk_size=2)
    next(rows)
    rows.close()  # what a streamed response does when the person goes away
    assert _fraction() == before


def test_inside_a_transaction_the_setting_ends_with_it():
    before = _fraction()
    with transaction.atomic():
        assert len(list(every_row(Governorate.objects.all(), chunk_size=3))) == 9
    assert _fraction() == before
