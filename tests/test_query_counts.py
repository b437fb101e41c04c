"""Every list page and API list answers with the same number of queries whatever the amount
of data: each is counted over a small and a larger data set (both built by the scale seeder),
and the counts are pinned so that an N+1 query cannot come back unnoticed.

A new list needs a line here; when a change legitimately adds a query to a list, update its
pinned count in the same commit."""

from __future__ import annotations

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from learningcity.demo.scale import Builder, Size
from learningcity.partners.models import Coordinator
from tests.conftest import client_for
from tests.exchange.conftest import api, make_token
from tests.factories import UserFactory

SMALL = Size(
    entities=10, coordinators=20, meetings=3, action_items=12, initiatives=8, indicators=2, months=3,
    opportunities=20, learners=15, registrations=40,
)  # fmt: skip
LARGER = Size(
    entities=40, coordinators=80, meetings=12, action_items=60, initiatives=40, indicators=6, months=3,
    opportunities=80, learners=60, registrations=200,
)  # fmt: skip

# url: pinned number of queries for a programme manager (pages) or a coordinator's token (API).
PAGES = {
    "/ar/": 18,  # with featured opportunities in the data, their cards are one query; the kinds one more
    "/ar/partners/": 8,  # the staff-only head counts: one generation read once kept (partner_summary)
    "/ar/partners/agreements/": 4,
    "/ar/meetings/": 8,
    "/ar/action-items/": 9,
    "/ar/roadmap/": 8,
    "/ar/initiatives/": 11,
    "/ar/initiatives/at-risk/": 7,
    "/ar/initiatives/proposals/": 4,
    "/ar/resources/": 6,
    "/ar/challenges/": 6,
    # Which indicators get a tile is settled on their ids first, then only those are loaded
    # (one query more); the on-time score is counted in one.
    "/ar/dashboard/": 16,
    "/ar/indicators/": 11,
    "/ar/indicators/verification/": 4,
    "/ar/open-data/indicators/": 7,
    "/ar/opportunities/": 9,
    # + 4 for the ranked search: the thesaurus, the vocabulary and the embeddings each check
    # whether they are out of date (every search here; once in 30 s in a served process), and
    # the semantic neighbours are kept to what the filters allow.
    "/ar/opportunities/?q=الإسعافات": 13,
    "/ar/campaigns/": 4,
    "/ar/notifications/announcements/": 4,
    "/ar/exchange/imports/": 4,
    "/ar/reports/archive/": 4,
    "/ar/audit/": 6,
}
API = {
    "/api/v1/entities/": 4,
    "/api/v1/tracks/": 3,
    "/api/v1/meetings/": 3,
    "/api/v1/initiatives/": 4,
    "/api/v1/milestones/": 3,
    "/api/v1/challenges/": 3,
    "/api/v1/measurements/": 3,
    "/api/v1/opportunities/": 7,
    "/api/v1/sessions/": 3,
    "/api/v1/registrations/": 4,  # with the audit entry of the personal data handed out
    "/api/v1/action-items/": 3,
}


def _counts() -> dict[str, int]:
    manager = UserFactory(username="query-count-manager", role="programme_manager")
    coordinator = (
        Coordinator.objects.filter(user__isnull=False).select_related("user", "entity").order_by("pk").first()
    )
    token = make_token(coordinator.user, coordinator.entity)
    counts = {}
    web, machine = client_for(manager), api(token)
    for url in PAGES:
        web.get(url)  # warm caches that are filled once per process (content types, sessions)
        with CaptureQueriesContext(connection) as queries:
            response = web.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts[url] = len(queries)
    for url in API:
        machine.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = machine.get(url, {"page_size": 100})
        assert response.status_code == 200, (url, response.status_code)
        counts[url] = len(queries)
    return counts


def test_list_query_counts_do_not_grow_with_the_data_and_are_pinned(db):
    with transaction.atomic():
        Builder(SMALL, say=lambda _line: None).build()
        small = _counts()
        transaction.set_rollback(True)
    Builder(LARGER, say=lambda _line: None).build()
    larger = _counts()
    pinned = {**PAGES, **API}
    growing = {url: (small[url], larger[url]) for url in pinned if small[url] != larger[url]}
    assert not growing, f"queries that grow with the data (small, larger): {growing}"
    moved = {url: (pinned[url], larger[url]) for url in pinned if larger[url] != pinned[url]}
    assert not moved, f"query counts that moved (pinned, now): {moved}"
