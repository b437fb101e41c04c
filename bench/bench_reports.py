"""The region's city progress report, timed over the demo data and over the scale data set,
each part beside a baseline measured in the same run:

- gathering the figures (`city_report`) against bare SQL aggregates over the same tables;
- rendering the Arabic PDF against WeasyPrint rendering a one-page document with the same
  fonts (the floor of any PDF);
- the Excel workbook.

The scale data set is `learningcity seed_scale --size regional` (BENCH_SIZE=small for a quick run).

    .venv/bin/python bench/bench_reports.py            # both data sets (each in its own process)
    BENCH_DATABASE_URL=postgres://… .venv/bin/python bench/bench_reports.py --data scale
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time

from common import ROOT, Timing, report, scale_database, setup_django, time_it


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

    if data == "scale":
        vendor, build, size = scale_database()
    else:
        vendor, size = setup_django("reports_demo"), "demo"
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from learningcity.core.models import Region
    from learningcity.programme.models import Initiative
    from learningcity.reports.city import ReportScope, city_report
    from learningcity.reports.documents import city_report_pdf, city_report_xlsx

    if data == "demo":
        build = build_demo() if not Initiative.objects.exists() else None
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
        "size": size,
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
            [sys.executable, __file__, "--data", data, ],
            capture_output=True, text=True, check=True, cwd=ROOT,
        ).stdout  # fmt: skip
        result = json.loads(next(line for line in output.splitlines() if line.startswith("RESULT "))[7:])
        vendor = result["vendor"]
        label = "demo data" if data == "demo" else f"{result['size']} data set (seed_scale)"
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
