"""The audit log never counts further than a little past the page asked for (core/paging.py):
with more entries than that it says "more than", and "Next" still leads on to every entry."""

import pytest
from django.contrib.contenttypes.models import ContentType

from learningcity.core import paging
from learningcity.core.models import AuditEntry
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(manager):
    kind = ContentType.objects.get_for_model(AuditEntry)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor_label="importer",
            action="update",
            content_type=kind,
            object_id=str(n),
            object_label=f"record {n}",
        )
        for n in range(120)
    )


def test_a_long_log_says_more_than_and_still_leads_to_every_entry(manager, entries, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_AT_LEAST", 60)
    monkeypatch.setattr(paging, "PAGES_AHEAD", 0)
    client = client_for(manager)
    total = AuditEntry.objects.count()
    assert total >= 120

    first = client.get("/en/audit/").content.decode()
    assert "More than 60 entries; the filters narrow them down." in first
    assert "Page 1 of more than 1" in first and "page=2" in first  # "Next" is there

    arabic = client.get("/ar/audit/").content.decode()
    assert "أكثر من 60 قيدًا، وتضيّقها عوامل التصفية." in arabic and "صفحة 1 من أكثر من 1" in arabic

    # Each page counts a little further; the last page says the exact figure.
    last = (total + 49) // 50
    page = client.get(f"/en/audit/?page={last}").content.decode()
    assert (
        f"{total} entries" in page
        and f"Page {last} of {last}" in page
        and "page=" + str(last + 1) not in page
    )


def test_a_short_or_filtered_log_is_counted_exactly(manager, entries):
    client = client_for(manager)
    page = client.get("/en/audit/?actor=importer").content.decode()
    assert "120 entries" in page and "Page 1 of 3" in page and "More than" not in page


def test_counting_stops_at_the_limit(manager, entries):
    paginator = paging.CountedUpTo(AuditEntry.objects.all(), 50, number="oops")
    assert paginator.limit == paging.COUNT_AT_LEAST  # a page number that is no number counts as 1
    paginator = paging.CountedUpTo(AuditEntry.objects.order_by("-id"), 10, number=2)
    paginator.limit = 30
    assert paginator.count == 31 and paginator.more and paginator.pages_counted == 3


def test_an_absurd_page_number_is_the_last_page(manager, entries):
    client = client_for(manager)
    for number in ("99999999999999999999999", "-5", "1e9", "last"):
        response = client.get(f"/en/audit/?page={number}")
        assert response.status_code == 200, number
    assert (
        paging.CountedUpTo(AuditEntry.objects.all(), 50, number=10**30).limit
        == (paging.MAX_PAGE + paging.PAGES_AHEAD) * 50
    )
