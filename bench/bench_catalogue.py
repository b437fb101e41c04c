"""Catalogue search at scale: 50,000 learning opportunities (one session each). Times Arabic
queries — spelling variants included — through the public search page, each against
baselines measured in the same run: a naive `icontains` search on the raw title and
description (what an unnormalised search costs, and what it misses) and a trivial page
through the same stack (/healthz).

    .venv/bin/python bench/bench_catalogue.py [--rebuild]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/learningcity_bench .venv/bin/python bench/bench_catalogue.py
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from urllib.parse import urlencode

from common import TABLE_HEAD, report, row, setup_django, time_it

OPPORTUNITIES = 50_000

# fmt: off
SUBJECTS = (
    ("مهارات الحاسب الآلي", "Computer skills"), ("البرمجة بلغة بايثون", "Python programming"),
    ("الإسعافات الأولية", "First aid"), ("لغة الإشارة", "Sign language"), ("ريادة الأعمال", "Entrepreneurship"),
    ("اللغة الإنجليزية", "English"), ("محو الأمية", "Literacy"), ("الخط العربي", "Arabic calligraphy"),
    ("التصوير الضوئي", "Photography"), ("الأمن السيبراني", "Cybersecurity"), ("تحليل البيانات", "Data analysis"),
    ("الضيافة والسياحة", "Hospitality and tourism"), ("السلامة المهنية", "Occupational safety"),
    ("التربية الإيجابية", "Positive parenting"), ("الثقافة المالية", "Financial literacy"),
    ("التسويق الرقمي", "Digital marketing"), ("طريقة برايل", "Braille"), ("الذكاء الاصطناعي", "Artificial intelligence"),
    ("التغذية الصحية", "Healthy eating"), ("العمل التطوعي", "Volunteering"), ("الخدمات اللوجستية", "Logistics"),
    ("صيانة الأجهزة", "Appliance repair"), ("التراث والتاريخ", "Heritage and history"), ("إدارة الوقت", "Time management"),
)
FORMS = (("دورة", "Course"), ("ورشة عمل", "Workshop"), ("محاضرة", "Lecture"), ("نادي", "Club"), ("برنامج", "Programme"))
AUDIENCES = (("للمعلمات", "for women teachers"), ("للشباب", "for young people"), ("لكبار السن", "for older people"),
             ("للأسرة", "for families"), ("للمبتدئين", "for beginners"), ("للموظفين", "for employees"), ("", ""))
# Queries as people type them: with and without ال, ة/ه, hamza, diacritics and tatweel.
QUERIES = (
    "الحاسب", "حاسب", "الإسعافات الأولية", "اسعافات اوليه", "لغة الإشارة", "لغه الاشاره", "مَهارات",
    "ريادة الأعمال للمعلمات", "ريادة الاعمال للمعلمات", "البرمجة بايثون", "برمجه", "ينبع", "المدينة المنورة",
    "مدينه منوره", "الخط العربي للشباب", "خـط", "cybersecurity", "تحليل البيانات", "برايل", "التطوعي",
)
# fmt: on


def build() -> float:
    from django.utils import timezone

    from learningcity.catalogue.models import Opportunity, Session
    from learningcity.core.arabic import search_document
    from learningcity.core.models import LearningCity
    from learningcity.core.reference import seed_madinah_region
    from learningcity.partners.models import Entity

    started = time.perf_counter()
    region = seed_madinah_region()
    governorates = list(region.governorates.all())
    city = LearningCity.objects.get(code="madinah")
    providers = Entity.objects.bulk_create(
        Entity(name_ar=f"جهة مقدمة {n}", name_en=f"Provider {n}", sector="government", entity_type="other")
        for n in range(200)
    )
    rng = random.Random(7)
    now = timezone.now()
    batch, sessions = [], []
    for number in range(OPPORTUNITIES):
        subject_ar, subject_en = rng.choice(SUBJECTS)
        form_ar, form_en = rng.choice(FORMS)
        audience_ar, audience_en = rng.choice(AUDIENCES)
        governorate = rng.choice(governorates)
        provider = rng.choice(providers)
        title_ar = f"{form_ar} {subject_ar} {audience_ar} — {governorate.name_ar}".replace("  ", " ")
        title_en = f"{form_en}: {subject_en} {audience_en} — {governorate.name_en}".replace("  ", " ")
        other_ar, _other_en = rng.choice(SUBJECTS)
        description_ar = (
            f"يقدم {provider.name_ar} هذه الفرصة ضمن برنامج مدن التعلم في {governorate.name_ar}. "
            f"تتناول {subject_ar} وتمهد لموضوعات مثل {other_ar}، وهي مفتوحة للمواطنين والمقيمين (رقم {number})."
        )
        opportunity = Opportunity(
            title_ar=title_ar, title_en=title_en, description_ar=description_ar, opportunity_type="course",
            provider=provider, learning_city=city, governorate=governorate, status="published",
            fee=0 if rng.random() < 0.8 else 100, hours=rng.choice([2, 6, 12, 20]),
            search_title=search_document(title_ar, title_en),
            search_body=search_document(description_ar, provider.name_ar, provider.name_en),
        )  # fmt: skip
        batch.append(opportunity)
        if len(batch) == 5000:
            created = Opportunity.objects.bulk_create(batch)
            sessions += [_session(o, rng, now) for o in created]
            batch = []
    if batch:
        sessions += [_session(o, rng, now) for o in Opportunity.objects.bulk_create(batch)]
    Session.objects.bulk_create(sessions, batch_size=5000)
    # Planner statistics, as autovacuum (PostgreSQL) or `PRAGMA optimize` (SQLite) would keep them.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def _session(opportunity, rng, now):  # noqa: ANN001, ANN202
    from learningcity.catalogue.models import Session

    starts = now + dt.timedelta(days=rng.randint(-30, 120), hours=rng.randint(0, 10))
    return Session(
        opportunity=opportunity, starts_at=starts, ends_at=starts + dt.timedelta(hours=2), capacity=30
    )


def main() -> None:
    vendor = setup_django("catalogue")
    from django.core.paginator import Paginator
    from django.db.models import Q
    from django.test import Client

    from learningcity.catalogue.models import Opportunity
    from learningcity.catalogue.selectors import card_page, opportunity_search

    build_seconds = None
    if "--rebuild" in sys.argv or Opportunity.objects.count() != OPPORTUNITIES:
        Opportunity.objects.all().delete()
        build_seconds = build()
    client = Client()
    queries = iter(())

    def cycle() -> str:
        nonlocal queries
        try:
            return next(queries)
        except StopIteration:
            queries = iter(QUERIES)
            return next(queries)

    def search_page() -> None:
        response = client.get("/ar/opportunities/?" + urlencode({"q": cycle()}))
        assert response.status_code == 200

    def filtered_page() -> None:
        response = client.get(
            "/ar/opportunities/?" + urlencode({"q": cycle(), "free": "on", "sort": "soonest"})
        )
        assert response.status_code == 200

    def naive() -> None:
        # What an unnormalised search would do: raw icontains on the two Arabic columns.
        words = cycle().split()
        matches = Opportunity.objects.filter(status="published")
        for word in words:
            matches = matches.filter(Q(title_ar__icontains=word) | Q(description_ar__icontains=word))
        page = Paginator(matches.order_by("-pk"), 20).get_page(1)
        list(page)

    def selector_only() -> None:
        opportunities, _parsed = opportunity_search(filters={"q": cycle()})
        card_page(opportunities, 1, 20)

    runs = len(QUERIES) * 2
    health = time_it("GET /healthz", lambda: client.get("/healthz"), runs=runs)
    baseline = time_it("naive icontains on raw Arabic (first page + count)", naive, runs=runs)
    selector = time_it("normalised ranked search (first page + count)", selector_only, runs=runs)
    page = time_it("search page /ar/opportunities/?q=…", search_page, runs=runs)
    filtered = time_it("search page with filters, soonest first", filtered_page, runs=runs)
    browse = time_it(
        "browse page, no query (soonest first)", lambda: client.get("/ar/opportunities/"), runs=10
    )
    home = time_it("home page /ar/ (upcoming, featured, campaigns)", lambda: client.get("/ar/"), runs=10)

    # What the normalisation buys: results for each spelling-variant pair, ours vs naive.
    recall = []
    for canonical, variant in (("الإسعافات الأولية", "اسعافات اوليه"), ("لغة الإشارة", "لغه الاشاره"),
                               ("المدينة المنورة", "مدينه منوره"), ("ريادة الأعمال", "ريادة الاعمال")):  # fmt: skip
        ours = [opportunity_search(filters={"q": q})[0].count() for q in (canonical, variant)]
        raw = []
        for q in (canonical, variant):
            matches = Opportunity.objects.all()
            for word in q.split():
                matches = matches.filter(Q(title_ar__icontains=word) | Q(description_ar__icontains=word))
            raw.append(matches.count())
        recall.append(f"| {canonical} / {variant} | {ours[0]:,} / {ours[1]:,} | {raw[0]:,} / {raw[1]:,} |")

    lines = [
        f"{OPPORTUNITIES:,} published opportunities, one session each; {len(QUERIES)} Arabic queries cycled."
    ]
    if build_seconds is not None:
        lines.append(f"Built in {build_seconds:.0f} s.")
    lines += [
        "",
        *TABLE_HEAD,
        row(selector, baseline),
        row(page, baseline),
        row(page, health),
        row(filtered, health),
        row(browse, health),
        row(home, health),
        "",
        "Results for a spelling and its variant (normalised search vs naive icontains):",
        "",
        "| Query / variant | normalised | naive |",
        "|---|---|---|",
        *recall,
    ]
    report("Catalogue search", vendor, lines)


if __name__ == "__main__":
    main()
