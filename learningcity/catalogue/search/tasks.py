"""Background jobs of the search: embedding opportunities after they change."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django_tasks import task

from learningcity.catalogue.models import Opportunity
from learningcity.catalogue.search import semantic


@task()
def embed_opportunities(opportunity_ids: list[int]) -> int:
    opportunities = list(Opportunity.objects.filter(pk__in=opportunity_ids))
    return semantic.embed_opportunities(opportunities)


def schedule_embedding(opportunity_ids: Iterable[int]) -> None:
    """Embed these opportunities once the current transaction commits (never for a change
    that was rolled back), unless semantic search is off."""
    ids = sorted({pk for pk in opportunity_ids if pk})
    if ids and semantic.enabled():
        transaction.on_commit(lambda: embed_opportunities.enqueue(ids))
