"""The region's city progress report, timed over the demo data and over report-scale data,
each part beside a baseline measured in the same run:

- gathering the figures (`city_report`) against bare SQL aggregates over the same tables;
- rendering the Arabic PDF against WeasyPrint rendering a one-page document with the same
  fonts (the floor of any PDF);
- the Excel workbook.

The report-scale data is a deterministic part of the regional set issue 9 describes: 2,000
partner entities, 5,000 initiatives, 200 indicators × 60 months × 9 governorates, 500 meetings
with 20,000 action items, 50,000 learners with 250,000 registrations.

    .venv/bin/python bench/bench_reports.py            # both data sets (each in its own process)
    BENCH_DATABASE_URL=postgres://… .venv/bin/python bench/bench_reports.py --data scale
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import sys
import time

from common import ROOT, Timing, report, setup_django, time_it

ENTITIES = 2_000
INITIATIVES = 5_000
INDICATORS = 200
MONTHS = 60
MEETINGS = 500
ACTION_ITEMS = 20_000
LEARNERS = 50_000
OPPORTUNITIES = 200
REGISTRATIONS_PER_LEARNER = 5


def build_scale() -> float:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from learningcity.catalogue.models import Learner, Opportunity, Registration, Session
    from learningcity.coordination.models import ActionItem, Decision, Meeting
    from learningcity.core.models import Governorate, LearningCity, Region
    from learningcity.indicators.models import Indicator, Measurement, scope_key
    from learningcity.partners.models import Entity, Sector
    from learningcity.programme.models import (
        Axis,
        Challenge,
        Initiative,
        InitiativeFunding,
        Track,
    )

    started = time.perf_counter()
    rng = random.Random(2026)
    call_command("seed_reference", verbosity=0)
    region = Region.objects.get()
    cities = list(LearningCity.objects.all())
    governorates = list(Governorate.objects.all())
    today = timezone.localdate()
    now = timezone.now()
    sectors = [s for s, _label in Sector.choices]
    entities = Entity.objects.bulk_create(
        Entity(name_ar=f"جهة شريكة {n}", sector=sectors[n % len(sectors)], entity_type="other")
        for n in range(ENTITIES)
    )
    Through = Entity.governorates.through
    Through.objects.bulk_create(
        Through(entity_id=e.pk, governorate_id=governorates[i % len(governorates)].pk)
        for i, e in enumerate(entities)
    )
    tracks = list(Track.objects.all())
    if not tracks:
        tracks = [
            Track.objects.create(axis=axis, code=f"T{axis.number}-{n}", title_ar=f"مسار {axis.number}-{n}")
            for axis in Axis.objects.all()
            for n in range(4)
        ]
    statuses = ["planned", "active", "active", "active", "on_hold", "completed", "cancelled"]
    initiatives = []
    for n in range(INITIATIVES):
        start = today - dt.timedelta(days=rng.randint(0, 900))
        initiatives.append(
            Initiative(
                code=f"SC-{n:05d}",
                title_ar=f"مبادرة تعلم مجتمعي رقم {n}",
                learning_city=cities[n % len(cities)],
                track=tracks[n % len(tracks)],
                owner_entity=entities[n % ENTITIES],
                status=statuses[n % len(statuses)],
                start_date=start,
                end_date=start + dt.timedelta(days=rng.randint(60, 720)),
                progress=rng.randint(0, 100),
            )  # fmt: skip
        )
    initiatives = Initiative.objects.bulk_create(initiatives, batch_size=2_000)
    InitiativeFunding.objects.bulk_create(
        InitiativeFunding(
            initiative=initiatives[n * 2],
            source=entities[(n * 7) % ENTITIES],
            amount=rng.randint(10, 500) * 1000,
        )
        for n in range(INITIATIVES // 2)
    )
    Challenge.objects.bulk_create(
        Challenge(
            initiative=initiatives[n],
            title=f"تحد ميداني {n}",
            category="logistics",
            severity="medium",
            status="resolved" if n % 3 == 0 else "open",
            resolved_on=today - dt.timedelta(days=n % 300) if n % 3 == 0 else None,
        )  # fmt: skip
        for n in range(0, INITIATIVES, 2)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            code=f"SC-IND-{n:03d}",
            name_ar=f"مؤشر أداء {n}",
            unit="count",
            frequency="monthly",
            aggregation="sum",
        )
        for n in range(INDICATORS)
    )
    first_month = (today.replace(day=1) - dt.timedelta(days=31 * (MONTHS - 1))).replace(day=1)
    months = []
    month = first_month
    while len(months) < MONTHS:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    for indicator in indicators:
        Measurement.objects.bulk_create(
            (
                Measurement(
                    indicator=indicator,
                    period_start=period,
                    region=region,
                    governorate=governorate,
                    scope=scope_key(region.pk, None, governorate.pk),
                    value=rng.randint(10, 1000),
                    status="verified",
                )  # fmt: skip
                for period in months
                for governorate in governorates
            ),
            batch_size=5_000,
        )
    meetings = Meeting.objects.bulk_create(
        Meeting(
            title_ar=f"لقاء تنسيقي {n}",
            learning_city=cities[n % len(cities)],
            organiser=entities[n % ENTITIES],
            starts_at=now - dt.timedelta(days=rng.randint(1, 700)),
        )  # fmt: skip
        for n in range(MEETINGS)
    )
    decisions = Decision.objects.bulk_create(
        Decision(meeting=meeting, number=d + 1, text_ar=f"قرار {d + 1}")
        for meeting in meetings
        for d in range(4)
    )
    ActionItem.objects.bulk_create(
        (
            ActionItem(
                meeting=decisions[n % len(decisions)].meeting,
                decision=decisions[n % len(decisions)],
                title_ar=f"مهمة متابعة {n}",
                owner_entity=entities[n % ENTITIES],
                due_date=today + dt.timedelta(days=rng.randint(-200, 200)),
                status=rng.choice(["open", "in_progress", "done", "done"]),
            )  # fmt: skip
            for n in range(ACTION_ITEMS)
        ),
        batch_size=5_000,
    )
    opportunities = Opportunity.objects.bulk_create(
        Opportunity(
            title_ar=f"دورة {n}",
            description_ar="وصف",
            opportunity_type="course",
            provider=entities[n % ENTITIES],
            learning_city=cities[n % len(cities)],
            governorate=cities[n % len(cities)].governorate,
            status="published",
            credential="none",
            hours=rng.randint(2, 40),
        )  # fmt: skip
        for n in range(OPPORTUNITIES)
    )
    sessions = Session.objects.bulk_create(
        Session(
            opportunity=o,
            starts_at=now - dt.timedelta(days=rng.randint(1, 300)),
            ends_at=now,
            capacity=LEARNERS,
        )  # fmt: skip
        for o in opportunities
    )
    User = get_user_model()
    unusable = make_password(None)  # learners of the benchmark never sign in
    for start in range(0, LEARNERS, 10_000):
        users = User.objects.bulk_create(
            User(username=f"+9665{n:08d}", password=unusable, role="learner")
            for n in range(start, start + 10_000)
        )
        learners = Learner.objects.bulk_create(
            Learner(
                user=user,
                full_name=f"متعلم {n}",
                mobile=user.username,
                sex=("female", "male")[n % 2],
                age_group=("15-24", "25-44", "45-64")[n % 3],
                governorate=governorates[n % len(governorates)],
                nationality=("citizen", "resident")[n % 2],
                has_disability=n % 17 == 0,
                consented_at=now,
                privacy_notice_version="b",
            )  # fmt: skip
            for n, user in zip(range(start, start + 10_000), users, strict=True)
        )
        Registration.objects.bulk_create(
            (
                Registration(
                    learner=learner,
                    session=sessions[(i * 7 + k * 31) % len(sessions)],
                    status="confirmed",
                    confirmed_at=now,
                    completed_at=now - dt.timedelta(days=k) if k < 2 else None,
                )  # fmt: skip
                for i, learner in enumerate(learners)
                for k in range(REGISTRATIONS_PER_LEARNER)
            ),
            batch_size=5_000,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def build_demo() -> float:
    from django.core.management import call_command

    started = time.perf_counter()
    with open(os.devnull, "w") as sink:
        call_command("load_demo", stdout=sink)
    return time.perf_counter() - started


def bare_aggregates(start: dt.date, end: dt.date) -> None:
    """The floor for gathering the figures: one plain SQL aggregate per section."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT status, count(*), avg(progress) FROM programme_initiative WHERE start_date <= %s AND end_date >= %s GROUP BY status",
            [end, start],
        )
        cursor.fetchall()
        cursor.execute(
            "SELECT count(DISTINCT learner_id) FROM catalogue_registration WHERE created_at >= %s", [start]
        )
        cursor.fetchall()
        cursor.execute("SELECT count(*) FROM catalogue_registration WHERE completed_at >= %s", [start])
        cursor.fetchall()
        cursor.execute("SELECT sector, count(*) FROM partners_entity GROUP BY sector")
        cursor.fetchall()
        cursor.execute("SELECT status, count(*) FROM coordination_actionitem GROUP BY status")
        cursor.fetchall()
        cursor.execute(
            "SELECT indicator_id, max(period_start) FROM indicators_measurement GROUP BY indicator_id"
        )
        cursor.fetchall()


def one_page_pdf() -> bytes:
    from weasyprint import HTML

    from learningcity.core.pdf import font_css

    html = f"<html dir='rtl' lang='ar'><style>{font_css()} body{{font-family:PlatformArabic}}</style><body><h1>تقرير</h1><p>صفحة واحدة</p></body></html>"
    return HTML(string=html).write_pdf()


def run(data: str) -> dict:
    import logging

    vendor = setup_django(f"reports_{data}")
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from learningcity.core.models import Region
    from learningcity.programme.models import Initiative
    from learningcity.reports.city import ReportScope, city_report
    from learningcity.reports.documents import city_report_pdf, city_report_xlsx

    build = None
    if not Initiative.objects.exists() or "--rebuild" in sys.argv:
        build = build_scale() if data == "scale" else build_demo()
    today = timezone.localdate()
    start = today - dt.timedelta(days=365)
    scope = ReportScope(
        region=Region.objects.order_by("pk").first(), learning_city=None, start=start, end=today
    )
    with CaptureQueriesContext(connection) as queries:
        figures = city_report(scope)
    gather = time_it("gather the figures (city_report)", lambda: city_report(scope), runs=5, warmup=1)
    floor = time_it("bare SQL aggregates", lambda: bare_aggregates(start, today), runs=5, warmup=1)
    pdf = time_it("render the Arabic PDF", lambda: city_report_pdf(figures, "ar"), runs=3, warmup=1)
    one_page = time_it("WeasyPrint one-page PDF", one_page_pdf, runs=3, warmup=1)
    xlsx = time_it("write the Excel workbook", lambda: city_report_xlsx(figures, "ar"), runs=3, warmup=1)
    import pymupdf

    pages = pymupdf.open(stream=city_report_pdf(figures, "ar"), filetype="pdf").page_count
    whole = time_it(
        "whole region report (figures + Arabic PDF)",
        lambda: city_report_pdf(city_report(scope), "ar"),
        runs=3,
        warmup=0,
    )

    def timing(t: Timing) -> dict:
        return {"name": t.name, "p50": t.p50, "p95": t.p95}

    return {
        "data": data,
        "vendor": vendor,
        "build": build,
        "initiatives": Initiative.objects.count(),
        "queries": len(queries),
        "pages": pages,
        "rows": [
            (timing(gather), timing(floor)),
            (timing(pdf), timing(one_page)),
            (timing(xlsx), None),
            (timing(whole), None),
        ],
    }


def main() -> None:
    if "--data" in sys.argv:
        print("RESULT " + json.dumps(run(sys.argv[sys.argv.index("--data") + 1])))
        return
    lines = []
    vendor = ""
    for data in ("demo", "scale"):
        output = subprocess.run(
            [sys.executable, __file__, "--data", data, *[a for a in sys.argv[1:] if a == "--rebuild"]],
            capture_output=True, text=True, check=True, cwd=ROOT,
        ).stdout  # fmt: skip
        result = json.loads(next(line for line in output.splitlines() if line.startswith("RESULT "))[7:])
        vendor = result["vendor"]
        label = "demo data" if data == "demo" else "report-scale data"
        built = f" Built in {result['build']:.0f} s." if result["build"] else ""
        lines += [
            f"### Region report over the {label} ({result['initiatives']:,} initiatives): "
            f"{result['pages']} pages, {result['queries']} queries to gather the figures.{built}",
            "",
            "| Work | p50 ms | p95 ms | Baseline | baseline p95 ms | ratio (p95) |",
            "|---|---|---|---|---|---|",
        ]
        for work, base in result["rows"]:
            if base:
                lines.append(
                    f"| {work['name']} | {work['p50']:.0f} | {work['p95']:.0f} | {base['name']} | {base['p95']:.0f} | "
                    f"{work['p95'] / base['p95']:.1f}× |"
                )
            else:
                lines.append(f"| {work['name']} | {work['p50']:.0f} | {work['p95']:.0f} | | | |")
        lines.append("")
    report("Reports", vendor, lines)


if __name__ == "__main__":
    main()
