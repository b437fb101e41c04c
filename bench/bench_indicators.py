"""Indicators at regional scale: the regional data set's 200 indicators × 60 months × 9
governorates, each value with a breakdown by sex (324,000 rows). Times the region scorecard and an indicator page, each
against a baseline measured in the same run: fetching the same rows with raw SQL (the floor
any page needs) and a trivial page through the same stack (/healthz).

    .venv/bin/python bench/bench_indicators.py
"""

from __future__ import annotations

import datetime as dt

from common import TABLE_HEAD, data_line, report, row, scale_database, time_it


def main() -> None:
    vendor, seeded, size = scale_database()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from learningcity.core.cache import bump
    from learningcity.indicators.geography import geography, place_scope
    from learningcity.indicators.models import Indicator, Measurement
    from learningcity.indicators.selectors import INDICATORS_CACHE

    rows = Measurement.objects.count()
    user, _ = get_user_model().objects.get_or_create(
        username="bench-manager", defaults={"role": "programme_manager"}
    )
    client = Client()
    client.force_login(user)
    indicator = Indicator.objects.order_by("pk").first()

    geo = geography()
    # The rows the scorecard reads: the default region's places (on the national data set the
    # other twelve regions' values are not the Madinah scorecard's to read).
    region_places = geo.within(place_scope(geo.default_region))

    def raw_rows() -> None:
        since = dt.date.today().replace(day=1) - dt.timedelta(days=335)  # the last 12 months
        placeholders = ", ".join(["%s"] * len(region_places))
        sql = (
            "SELECT indicator_id, period_start, scope, value FROM indicators_measurement WHERE dimension = '' "  # noqa: S608
            f"AND status = 'verified' AND period_start >= %s AND scope IN ({placeholders})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [since, *region_places])
            cursor.fetchall()

    health = time_it("GET /healthz", lambda: client.get("/healthz"))
    floor = time_it("raw SQL: the scorecard's rows", raw_rows, runs=10)

    # A value of the region's latest month, changed and changed back as a data collector
    # would: saving it moves the scorecard's generation and its indicator's own on.
    changing = (
        Measurement.objects.filter(dimension="", status="verified", scope__in=region_places)
        .order_by("-period_start", "pk")
        .first()
    )
    step = [1]

    def first_view() -> None:
        # The first view after a value changed: the section is recomputed, the changed
        # indicator's series rolled up again, the other indicators' kept series reused.
        step[0] = -step[0]
        changing.value += step[0]
        changing.save(update_fields=["value", "updated_at"])
        client.get("/ar/dashboard/")

    def cold_view() -> None:
        # Nothing kept: after a restart of the only process, or a change to the places.
        bump(INDICATORS_CACHE)
        cache.clear()
        client.get("/ar/dashboard/")

    scorecard = time_it(
        "region scorecard (/ar/dashboard/), first view after a value changed", first_view, runs=10
    )
    cold = time_it("region scorecard, first view with nothing kept", cold_view, runs=10)
    repeat = time_it(
        "region scorecard, repeat view (cached section)", lambda: client.get("/ar/dashboard/"), runs=10
    )
    page = time_it(
        "indicator page (/ar/indicators/<id>/)",
        lambda: client.get(f"/ar/indicators/{indicator.pk}/"),
        runs=10,
    )
    lines = [
        data_line(size, seeded),
        f"{Indicator.objects.count()} indicators, monthly values for 9 governorates with a sex breakdown: {rows:,} values.",
    ]
    lines += [
        "",
        *TABLE_HEAD,
        row(scorecard, floor),
        row(scorecard, health),
        row(cold, floor),
        row(repeat, health),
        row(page, health),
    ]
    report("Indicators", vendor, lines)


if __name__ == "__main__":
    main()
