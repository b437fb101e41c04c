"""List pages and API lists over the scale data set: the API's list endpoints with a page of
100 (and the number of queries for a page of 10 and of 100, which must be the same), and every
staff list page, some with filters. Baselines from the same run: a trivial page
through the same stack (/healthz) and raw SQL fetching 100 rows of the same table.

    .venv/bin/python bench/bench_lists.py
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/learningcity_bench .venv/bin/python bench/bench_lists.py
"""

from __future__ import annotations

from common import TABLE_HEAD, data_line, report, row, scale_database, time_it

API_LISTS = {
    "entities": "partners_entity",
    "tracks": "programme_track",
    "meetings": "coordination_meeting",
    "initiatives": "programme_initiative",
    "milestones": "programme_milestone",
    "challenges": "programme_challenge",
    "measurements": "indicators_measurement",
    "opportunities": "catalogue_opportunity",
    "sessions": "catalogue_session",
    "registrations": "catalogue_registration",
    "action-items": "coordination_actionitem",
}


def main() -> None:
    vendor, seeded, size = scale_database()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    from learningcity.exchange.tokens import token_create
    from learningcity.partners.models import Coordinator

    # The coordinator of the entity that provides the most sessions: their registrations list is full.
    coordinator = (
        Coordinator.objects.filter(user__isnull=False).select_related("user", "entity").order_by("pk").first()
    )
    _token, plain = token_create(
        entity=coordinator.entity, name="bench", scope="read", days=1, by=coordinator.user
    )
    machine = APIClient()
    machine.credentials(HTTP_AUTHORIZATION=f"Bearer {plain}")
    manager, _ = get_user_model().objects.get_or_create(
        username="bench-manager", defaults={"role": "programme_manager"}
    )
    web = Client()
    web.force_login(manager)

    health = time_it("GET /healthz", lambda: web.get("/healthz"), runs=20)
    lines = [data_line(size, seeded), "", *TABLE_HEAD]
    query_lines = ["", "| API list | queries, page of 10 | queries, page of 100 |", "|---|---|---|"]
    for name, table in API_LISTS.items():
        url = f"/api/v1/{name}/"

        def fetch(url: str = url) -> None:
            response = machine.get(url, {"page_size": 100})
            assert response.status_code == 200, (url, response.status_code)

        def raw(table: str = table) -> None:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT * FROM {table} ORDER BY id LIMIT 100")  # noqa: S608 — fixed table names
                cursor.fetchall()

        timing = time_it(f"API {url} (page of 100)", fetch, runs=20)
        floor = time_it(f"raw SQL: 100 rows of {table}", raw, runs=20)
        lines.append(row(timing, floor))
        counts = []
        for page_size in (10, 100):
            with CaptureQueriesContext(connection) as queries:
                machine.get(url, {"page_size": page_size})
            counts.append(len(queries))
        query_lines.append(f"| {url} | {counts[0]} | {counts[1]} |")

    # Every staff list, as a programme manager sees it (everything in the region).
    pages = {
        "partners /ar/partners/": "/ar/partners/",
        "agreements /ar/partners/agreements/": "/ar/partners/agreements/",
        "meeting tracker /ar/meetings/": "/ar/meetings/",
        "meeting tracker, filtered (city, type, search)": "/ar/meetings/?learning_city=1&meeting_type=coordination&q=لقاء",
        "action-item tracker /ar/action-items/": "/ar/action-items/",
        "action-item tracker, filtered (overdue)": "/ar/action-items/?status=open&overdue=on",
        "initiative list /ar/initiatives/": "/ar/initiatives/",
        "initiative list, filtered (axis, status, search)": "/ar/initiatives/?axis=1&status=active&q=الإسعافات",
        "proposals /ar/initiatives/proposals/": "/ar/initiatives/proposals/",
        "resources /ar/resources/": "/ar/resources/",
        "field challenges /ar/challenges/": "/ar/challenges/",
        "indicators /ar/indicators/": "/ar/indicators/",
        "values to verify /ar/indicators/verification/": "/ar/indicators/verification/",
        "managed opportunities /ar/opportunities/manage/": "/ar/opportunities/manage/",
        "marketplace needs /ar/marketplace/": "/ar/marketplace/",
        "practices /ar/practices/": "/ar/practices/",
        "import history /ar/exchange/imports/": "/ar/exchange/imports/",
        "audit log /ar/audit/": "/ar/audit/",
    }
    for name, url in pages.items():

        def page(url: str = url) -> None:
            response = web.get(url)
            assert response.status_code == 200, (url, response.status_code)

        lines.append(row(time_it(name, page, runs=20), health))
    report("List pages and API lists", vendor, lines + query_lines)


if __name__ == "__main__":
    main()
