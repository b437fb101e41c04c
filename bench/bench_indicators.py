"""Indicators at regional scale: 200 indicators × 60 months × 9 governorates, each value with
a breakdown by sex (324,000 rows). Times the region scorecard and an indicator page, each
against a baseline measured in the same run: fetching the same rows with raw SQL (the floor
any page needs) and a trivial page through the same stack (/healthz).

    .venv/bin/python bench/bench_indicators.py [--rebuild]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from decimal import Decimal

from common import TABLE_HEAD, report, row, setup_django, time_it

INDICATORS, MONTHS = 200, 60


def build() -> float:
    from learningcity.core.reference import seed_madinah_region
    from learningcity.indicators import calc
    from learningcity.indicators.models import Indicator, IndicatorTarget, Measurement, scope_key

    started = time.perf_counter()
    region = seed_madinah_region()
    governorates = list(region.governorates.all())
    rng = random.Random(5)
    indicators = Indicator.objects.bulk_create(
        Indicator(
            code=f"BENCH-{n:03d}",
            name_ar=f"مؤشر {n}",
            name_en=f"Indicator {n}",
            frequency="monthly",
            aggregation="sum",
            allowed_disaggregations=["sex"],
        )
        for n in range(INDICATORS)
    )
    periods = calc.recent_periods(dt.date.today(), "monthly", MONTHS)
    batch = []
    for indicator in indicators:
        for period in periods:
            IndicatorTarget(indicator=indicator, period_start=period, value=Decimal(900))
            for governorate in governorates:
                total = rng.randint(50, 150)
                scope = scope_key(region.pk, None, governorate.pk)
                common = {
                    "indicator": indicator,
                    "period_start": period,
                    "region": region,
                    "governorate": governorate,
                    "scope": scope,
                    "status": "verified",
                }
                female = total // 2
                batch += [
                    Measurement(value=total, **common),
                    Measurement(value=female, dimension="sex", category="female", **common),
                    Measurement(value=total - female, dimension="sex", category="male", **common),
                ]
                if len(batch) >= 20000:
                    Measurement.objects.bulk_create(batch)
                    batch = []
        IndicatorTarget.objects.bulk_create(
            IndicatorTarget(indicator=indicator, period_start=p, value=Decimal(900)) for p in periods
        )
    Measurement.objects.bulk_create(batch)
    return time.perf_counter() - started


def main() -> None:
    vendor = setup_django("indicators")
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from learningcity.indicators.models import Indicator, Measurement

    build_seconds = None
    if "--rebuild" in sys.argv or not Indicator.objects.filter(code__startswith="BENCH-").exists():
        Measurement.objects.all().delete()
        Indicator.objects.all().delete()
        build_seconds = build()
    rows = Measurement.objects.count()
    user, _ = get_user_model().objects.get_or_create(
        username="bench-manager", defaults={"role": "programme_manager"}
    )
    client = Client()
    client.force_login(user)
    indicator = Indicator.objects.order_by("pk").first()

    def raw_rows() -> None:
        since = dt.date.today().replace(day=1) - dt.timedelta(days=335)  # the last 12 months
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indicator_id, period_start, scope, value FROM indicators_measurement WHERE dimension = '' AND status = 'verified' AND period_start >= %s",
                [since],
            )
            cursor.fetchall()

    health = time_it("GET /healthz", lambda: client.get("/healthz"))
    floor = time_it("raw SQL: the scorecard's rows", raw_rows, runs=10)
    scorecard = time_it("region scorecard (/ar/dashboard/)", lambda: client.get("/ar/dashboard/"), runs=10)
    page = time_it(
        "indicator page (/ar/indicators/<id>/)",
        lambda: client.get(f"/ar/indicators/{indicator.pk}/"),
        runs=10,
    )
    lines = [
        f"{INDICATORS} indicators × {MONTHS} months × 9 governorates with a sex breakdown: {rows:,} values."
    ]
    if build_seconds is not None:
        lines.append(f"Built in {build_seconds:.0f} s.")
    lines += ["", *TABLE_HEAD, row(scorecard, floor), row(scorecard, health), row(page, health)]
    report("Indicators", vendor, lines)


if __name__ == "__main__":
    main()
