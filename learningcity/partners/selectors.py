from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from learningcity.core.arabic import search_terms
from learningcity.core.cache import cached
from learningcity.partners.models import Agreement, Coordinator, Entity, EntityStatus, Responsibility, Sector
from learningcity.partners.permissions import coordinated_entity_ids

# A query is cut to this many terms: enough for any real name, and a pasted essay cannot
# turn into hundreds of LIKE clauses.
MAX_QUERY_TERMS = 8
# The generation of the partner entities themselves (core/cache.py): moves on when one is
# added, renamed or removed. Kept under it: the every-entity select lists (entity_choices).
PARTNERS_CACHE = "partners"
# The generation of the programme's head counts (partner_summary): moves on when an entity or
# a coordinator is saved or removed.
PARTNER_SUMMARY_CACHE = "partner-summary"


def filter_by_search(queryset: QuerySet, query: str, field: str = "search_document") -> QuerySet:
    """Records whose index holds every term of `query` as a word or word prefix, after the
    shared Arabic normalisation (so the same records match on SQLite and PostgreSQL)."""
    for term in search_terms(query[:500])[:MAX_QUERY_TERMS]:
        queryset = queryset.filter(**{f"{field}__contains": f" {term}"})
    return queryset


def entity_list(*, filters: dict[str, Any] | None = None) -> QuerySet[Entity]:
    filters = filters or {}
    # Counted for the rows of the page only (a subquery per row read), not grouped over every
    # entity and its coordinators before the page is cut: at national scale (20,000 entities)
    # grouping them all was most of the list's time (bench/bench_lists.py).
    active = (
        Coordinator.objects.filter(entity=OuterRef("pk"), is_active=True)
        .order_by()
        .values("entity")
        .annotate(count=Count("pk"))
        .values("count")
    )
    entities = Entity.objects.prefetch_related("governorates").annotate(
        coordinator_count=Coalesce(Subquery(active), 0)
    )
    if filters.get("q"):
        entities = filter_by_search(entities, filters["q"])
    if filters.get("sector"):
        entities = entities.filter(sector=filters["sector"])
    if filters.get("entity_type"):
        entities = entities.filter(entity_type=filters["entity_type"])
    if filters.get("status"):
        entities = entities.filter(status=filters["status"])
    if filters.get("governorate"):
        entities = entities.filter(governorates=filters["governorate"])
    return entities.order_by("name_ar", "pk")


def entity_detail(*, pk: int) -> Entity:
    return Entity.objects.prefetch_related(
        "governorates",
        Prefetch("coordinators", queryset=Coordinator.objects.select_related("user")),
        Prefetch("agreements", queryset=Agreement.objects.prefetch_related("parties")),
    ).get(pk=pk)


def agreement_list(*, entity: Entity | None = None) -> QuerySet[Agreement]:
    agreements = Agreement.objects.prefetch_related("parties")
    if entity is not None:
        agreements = agreements.filter(parties=entity)
    return agreements


def responsibility_matrix() -> list[dict[str, Any]]:
    """One row per sector with its responsibilities, general ones (every track) first."""
    by_sector: dict[str, list[Responsibility]] = {}
    for item in Responsibility.objects.select_related("track__axis").order_by("sector", "track__code"):
        by_sector.setdefault(item.sector, []).append(item)
    return [
        {"sector": sector, "label": label, "responsibilities": by_sector.get(sector, [])}
        for sector, label in Sector.choices
    ]


def partner_summary() -> dict[str, Any]:
    """Counts of active entities by sector and of coordinators by gender, for the home page and
    the partner list. Kept until an entity or a coordinator changes: counting them read every
    row, on every view of the list (20,000 entities and 100,000 coordinators at national scale)."""
    return cached(PARTNER_SUMMARY_CACHE, (), _count_partners)


def _count_partners() -> dict[str, Any]:
    by_sector = dict(
        Entity.objects.filter(status=EntityStatus.ACTIVE)
        .values_list("sector")
        .annotate(total=Count("pk"))
        .values_list("sector", "total")
    )
    coordinators = Coordinator.objects.filter(is_active=True).aggregate(
        men=Count("pk", filter=Q(gender="m")), women=Count("pk", filter=Q(gender="f"))
    )
    return {
        "sectors": [
            {"sector": value, "label": label, "count": by_sector.get(value, 0)}
            for value, label in Sector.choices
        ],
        "entities": sum(by_sector.values()),
        "coordinators_men": coordinators["men"],
        "coordinators_women": coordinators["women"],
    }


def entity_coordinator_users(entity_ids: list[int] | set[int] | frozenset[int]) -> QuerySet:
    """Active accounts of the active coordinators of these entities: who hears about their work."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            coordinator_records__entity_id__in=list(entity_ids),
            coordinator_records__is_active=True,
        )
        .distinct()
    )


def entity_choices() -> QuerySet[Entity]:
    """Every entity for a select list, by Arabic name, with only what an option shows: at
    regional scale (2,000 entities) loading whole rows — descriptions, search text — took
    half of a filtered list page's time (bench/bench_lists.py)."""
    return Entity.objects.only("pk", "name_ar", "name_en").order_by("name_ar")


def editable_entities(user: Any) -> QuerySet[Entity]:
    """The entities `user` may act for, by Arabic name: every one for a programme manager,
    their own for a coordinator (what a form offers as provider or host)."""
    entities = Entity.objects.order_by("name_ar")
    return entities if user.is_programme_manager else entities.filter(pk__in=coordinated_entity_ids(user))
