"""Search quality on the judged test set (bench/search_quality/): 151 queries as residents
type them over 330 opportunities of 30 topics, graded by hand. Prints recall@10, nDCG@10, MRR,
the share of answerable queries with no result and of unanswerable queries with any result
(junk), overall and per kind of query, for the platform's search (hybrid and lexical only),
for its lexical search with other root extractors, and for a BM25 baseline over ISRI-stemmed
tokens computed in the same run. Also writes each query's top ten to bench/data/ so that the
SQLite and PostgreSQL runs can be compared (the second run prints the differences).

    .venv/bin/python bench/bench_search_quality.py
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/learningcity_bench .venv/bin/python bench/bench_search_quality.py
"""

from __future__ import annotations

import json
import math
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from common import DATA, report, setup_django

sys.path.insert(0, str(Path(__file__).parent / "search_quality"))
import catalogue
import queries

K = 10


def ndcg(grades: list[int], ideal: list[int]) -> float:
    def dcg(values: list[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(values[:K]))

    best = dcg(sorted(ideal, reverse=True))
    return dcg(grades) / best if best else 0.0


def evaluate(search: Callable[[str], list[str]], docs: dict[str, dict]) -> dict[str, dict[str, float]]:
    per_kind: dict[str, list[dict[str, float]]] = defaultdict(list)
    for query in queries.QUERIES:
        kind, text, topics, _facet = query
        found = search(text)
        if not topics:
            per_kind["unanswerable"].append({"junk": float(bool(found))})
            per_kind["all unanswerable"].append({"junk": float(bool(found))})
            continue
        grades = [queries.grade(query, docs[key]) for key in found[:K]]
        ideal = [g for g in (queries.grade(query, doc) for doc in docs.values()) if g]
        relevant = len(ideal)
        first = next((i for i, g in enumerate(grades) if g), None)
        scores = {
            "recall": sum(1 for g in grades if g) / min(relevant, K),
            "ndcg": ndcg(grades, ideal),
            "mrr": 1 / (first + 1) if first is not None else 0.0,
            "zero": float(not found),
        }
        per_kind[kind].append(scores)
        per_kind["all answerable"].append(scores)
    return {
        kind: {metric: sum(s[metric] for s in rows) / len(rows) for metric in rows[0]}
        for kind, rows in per_kind.items()
    }


def bm25_baseline(docs: dict[str, dict]) -> Callable[[str], list[str]]:
    from nltk.stem.isri import ISRIStemmer
    from rank_bm25 import BM25Okapi

    from learningcity.core.arabic import normalize_letters

    stemmer = ISRIStemmer()

    def tokens(text: str) -> list[str]:
        import re

        return [stemmer.stem(word) for word in re.findall(r"[^\W_]+", normalize_letters(text))]

    keys = list(docs)
    bm25 = BM25Okapi(
        [tokens(f"{d['title_ar']} {d['title_en']} {d['description_ar']}") for d in docs.values()]
    )

    def search(text: str) -> list[str]:
        scores = bm25.get_scores(tokens(text))
        ranked = sorted(range(len(keys)), key=lambda i: -scores[i])
        return [keys[i] for i in ranked if scores[i] > 0][:K]

    return search


def load(docs: list[dict]) -> dict[int, str]:
    from django.core.management import call_command
    from django.db import transaction

    from learningcity.catalogue.models import Opportunity
    from learningcity.catalogue.search import semantic
    from learningcity.core.models import Governorate, LearningCity
    from learningcity.partners.models import Entity

    call_command("seed_reference", verbosity=0)
    governorates = {g.name_ar: g for g in Governorate.objects.all()}
    city = LearningCity.objects.order_by("pk").first()
    Opportunity.objects.all().delete()
    provider, _created = Entity.objects.get_or_create(
        name_ar="مركز التعلم المجتمعي",
        defaults={"name_en": "Community learning centre", "sector": "government"},
    )
    with transaction.atomic():
        rows = [
            Opportunity(
                title_ar=d["title_ar"],
                title_en=d["title_en"],
                description_ar=d["description_ar"],
                opportunity_type="course",
                provider=provider,
                status="published",
                hours=10,
                external_id=d["key"],
                governorate=governorates[d["place"]],
                learning_city=city,
            )  # fmt: skip
            for d in docs
        ]
        for row in rows:
            row.save()  # save() writes the index columns
    started = time.perf_counter()
    embedded = semantic.embed_changed()
    print(f"embedded {embedded} opportunities in {time.perf_counter() - started:.1f} s")
    return dict(Opportunity.objects.values_list("pk", "external_id"))


def platform_search(keys: dict[int, str]) -> Callable[[str], list[str]]:
    from learningcity.catalogue.selectors import opportunity_search

    def search(text: str) -> list[str]:
        found, _parsed = opportunity_search(filters={"q": text, "sort": "relevance"})
        return [keys[pk] for pk in found.values_list("pk", flat=True)[:K]]

    return search


def with_roots(root_of: Callable[[str], str]) -> None:
    """Re-index the roots column with another root extractor (for the comparison)."""
    from learningcity.catalogue.models import Opportunity
    from learningcity.core import morphology

    original = morphology.root_of
    morphology.root_of = root_of
    try:
        for opportunity in Opportunity.objects.all():
            opportunity.save()
    finally:
        morphology.root_of = original


def table(results: dict[str, dict[str, dict[str, float]]]) -> list[str]:
    lines = [
        "| Search | recall@10 | nDCG@10 | MRR | zero results (answerable) | junk (unanswerable) |",
        "|---|---|---|---|---|---|",
    ]
    for name, result in results.items():
        a, u = result["all answerable"], result["all unanswerable"]
        lines.append(
            f"| {name} | {a['recall']:.3f} | {a['ndcg']:.3f} | {a['mrr']:.3f} | {a['zero']:.1%} | {u['junk']:.1%} |"
        )
    kinds = [k for k in next(iter(results.values())) if not k.startswith("all")]
    lines += ["", "nDCG@10 by kind of query (junk rate for unanswerable):", ""]
    lines.append("| Search | " + " | ".join(kinds) + " |")
    lines.append("|---|" + "---|" * len(kinds))
    for name, result in results.items():
        cells = [
            f"{result[k]['junk']:.0%} junk" if "junk" in result[k] else f"{result[k]['ndcg']:.2f}"
            for k in kinds
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def main() -> None:
    vendor = setup_django("search-quality")
    from django.conf import settings

    from learningcity.catalogue.search import engine, semantic
    from learningcity.core.morphology import root_of

    docs = catalogue.opportunities()
    by_key = {d["key"]: d for d in docs}
    keys = load(docs)
    settings.SEARCH_LOCAL_REFRESH_SECONDS = 0
    results: dict[str, dict[str, dict[str, float]]] = {}
    search = platform_search(keys)
    results["platform: hybrid (lexical + e5)"] = evaluate(search, by_key)
    top_tens = {text: search(text) for _kind, text, _t, _f in queries.QUERIES}
    settings.SEARCH_SEMANTIC = False
    results["platform: lexical only (ISRI roots)"] = evaluate(search, by_key)
    import snowballstemmer

    snowball = snowballstemmer.stemmer("arabic")
    with_roots(lambda word: snowball.stemWord(word) if len(word) >= 3 and not word.isascii() else "")
    results["platform: lexical, Snowball instead of ISRI"] = evaluate(search, by_key)
    with_roots(lambda word: "")
    results["platform: lexical, no roots"] = evaluate(search, by_key)
    with_roots(root_of)
    settings.SEARCH_SEMANTIC = True
    results["baseline: BM25 over ISRI stems (rank-bm25)"] = evaluate(bm25_baseline(by_key), by_key)

    def semantic_only(text: str) -> list[str]:
        floor = settings.SEARCH_SEMANTIC_MIN_SIMILARITY
        return [keys[pk] for pk, similarity in semantic.nearest(text, k=K) if similarity >= floor]

    results["e5 alone (similarity ≥ min)"] = evaluate(semantic_only, by_key)

    # The same top ten on both databases: compare with the other database's last run.
    DATA.mkdir(parents=True, exist_ok=True)
    mine = DATA / f"search-quality-top10-{vendor}.json"
    mine.write_text(json.dumps(top_tens, ensure_ascii=False, indent=1), encoding="utf-8")
    other_vendor = "postgresql" if vendor == "sqlite" else "sqlite"
    other = DATA / f"search-quality-top10-{other_vendor}.json"
    lines = [
        f"Test set: {len(queries.QUERIES)} queries ({sum(1 for q in queries.QUERIES if q[2])} answerable) over "
        f"{len(docs)} opportunities of {len(catalogue.TOPICS)} topics (bench/search_quality/).",
        f"Thresholds: semantic min {settings.SEARCH_SEMANTIC_MIN_SIMILARITY}, rescue "
        f"{settings.SEARCH_SEMANTIC_RESCUE_SIMILARITY}; fusion k={engine.RRF_K}, semantic weight {engine.SEMANTIC_WEIGHT}.",
        "",
        *table(results),
        "",
    ]
    if other.exists():
        theirs = json.loads(other.read_text(encoding="utf-8"))
        differ = [q for q in top_tens if q in theirs and theirs[q] != top_tens[q]]
        lines.append(
            f"Top ten compared with the last {other_vendor} run: {len(top_tens) - len(differ)} of "
            f"{len(top_tens)} queries identical" + (f"; differ: {', '.join(differ)}" if differ else ".")
        )
    report("Search quality (judged test set)", vendor, lines)


if __name__ == "__main__":
    main()
