"""How each figure grows with the data: the list, search, scorecard and bulk benchmarks run on
the small, regional and national data sets (`seed_scale --size …`, each seeded once into its
own database), and the figures go side by side into one table in bench/RESULTS.md, with the
national figure as a multiple of the regional one.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/learningcity_bench .venv/bin/python bench/growth.py
    GROWTH_SIZES=small,regional .venv/bin/python bench/growth.py      # a quicker run

Each benchmark runs in its own process (one database per process) and writes its own section
too; this script only reads the tables they print. The catalogue's search runs without its
semantic part (SEARCH_SEMANTIC=false): embedding the national set's 500,000 opportunities
would take most of a day here. The national seeding takes about an hour on PostgreSQL.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

from common import ROOT, report

# Each benchmark and the title of the section it writes in bench/RESULTS.md.
BENCHES = {
    "bench_catalogue.py": "Catalogue search",
    "bench_indicators.py": "Indicators",
    "bench_lists.py": "List pages and API lists",
    "bench_exchange.py": "Bulk import and export",
}
# Rows of the timing tables (| work | p50 | p95 | …) and of the bulk table (| work | rows |
# seconds | rows/s | …) that the growth table follows.
# (Timings have one decimal; the query-count tables' whole numbers are not timings.)
TIMING_ROW = re.compile(r"^\| (?P<name>[^|]+?) \| (?P<p50>[\d,]+\.\d) \| (?P<p95>[\d,]+\.\d) \|")
BULK_ROW = re.compile(
    r"^\| (?P<name>[^|]+?) \| (?P<rows>[\d,]+) \| (?P<seconds>[\d.]+) \| (?P<rate>[\d,]+) \|"
)
SKIPPED = ("GET /healthz", "raw SQL", "naive", "baseline")


def run(bench: str, size: str) -> dict[str, tuple[str, float]]:
    """{work: (unit, figure)} from one benchmark's run."""
    environment = {**os.environ, "BENCH_SIZE": size, "SEARCH_SEMANTIC": "false"}
    print(f"== {bench} on the {size} data set", flush=True)
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / bench)], env=environment, capture_output=True, text=True
    )
    if result.returncode != 0:
        print(result.stdout[-2000:], result.stderr[-4000:], flush=True)
        raise SystemExit(f"{bench} failed on the {size} data set")
    return figures_in(result.stdout)


def figures_in(text: str) -> dict[str, tuple[str, float]]:
    """{work: (unit, figure)} from a benchmark's printed tables."""
    figures: dict[str, tuple[str, float]] = {}
    for line in text.splitlines():
        if any(line.startswith(f"| {skip}") for skip in SKIPPED):
            continue
        if match := BULK_ROW.match(line):
            figures[match["name"]] = ("rows/s", float(match["rate"].replace(",", "")))
        elif match := TIMING_ROW.match(line):
            figures.setdefault(match["name"], ("p95 ms", float(match["p95"].replace(",", ""))))
    return figures


def growth(regional: float, national: float, unit: str) -> str:
    """The national figure as a multiple of the regional one (for a rate, how many times slower)."""
    if not regional or not national:
        return ""
    times = national / regional if unit != "rows/s" else regional / national
    return f"{times:.1f}×"


def newest_sections(vendor: str) -> dict[tuple[str, str], str]:
    """The newest section of bench/RESULTS.md per (title, size) on `vendor`, for --from-results."""
    text = (ROOT / "bench" / "RESULTS.md").read_text(encoding="utf-8")
    sections: dict[tuple[str, str], str] = {}
    for section in text.split("\n## ")[1:]:  # newest first
        title, _sep, rest = section.partition(" — ")
        size = re.search(r"seed_scale --size (\w+)`", section)
        if rest.startswith(vendor) and size and title in BENCHES.values():
            sections.setdefault((title, size[1]), section)
    return sections


def main() -> None:
    """With --from-results, the table is built from the newest sections already in
    bench/RESULTS.md (after re-running one benchmark on one data set, say) instead of
    running everything again."""
    sizes = os.environ.get("GROWTH_SIZES", "small,regional,national").split(",")
    vendor = "postgresql" if os.environ.get("BENCH_DATABASE_URL", "").startswith("postgres") else "sqlite"
    table: dict[str, dict[str, tuple[str, float]]] = {}
    sections = newest_sections(vendor) if "--from-results" in sys.argv else {}
    for size in sizes:
        for bench, title in BENCHES.items():
            figures = figures_in(sections.get((title, size), "")) if sections else run(bench, size)
            for name, figure in figures.items():
                table.setdefault(name, {})[size] = figure
    head = "| Work | unit | " + " | ".join(sizes) + " | national ÷ regional |"
    lines = [
        "Each figure from its benchmark's run on each data set (`seed_scale --size small|regional|national`: "
        "5,000 / 50,000 / 500,000 opportunities, 100,000 / 1,000,000 / 10,000,000 registrations, "
        "20 / 200 / 2,000 indicators). The last column is how many times the national figure is the "
        "regional one (for rows/s, how many times slower).",
        "",
        head,
        "|" + "---|" * (len(sizes) + 3),
    ]
    for name, by_size in table.items():
        unit = next(iter(by_size.values()))[0]
        style = ",.0f" if unit == "rows/s" else ",.1f"
        cells = [format(by_size[size][1], style) if size in by_size else "" for size in sizes]
        ratio = ""
        if "regional" in by_size and "national" in by_size:
            ratio = growth(by_size["regional"][1], by_size["national"][1], unit)
        lines.append(f"| {name} | {unit} | " + " | ".join(cells) + f" | {ratio} |")
    report("Growth with the data", vendor, lines)


if __name__ == "__main__":
    # The benchmarks' sections carry the platform's local time (Django sets TZ to TIME_ZONE);
    # this one, which never starts Django, says the same clock.
    os.environ.setdefault("TZ", "Asia/Riyadh")
    time.tzset()
    main()
