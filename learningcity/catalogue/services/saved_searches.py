""" "Tell me when something like this opens": learners follow a search that found nothing (or
not enough); each newly published opportunity is run against the searches followed, and the
learners whose search it answers are told, once per opportunity."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from learningcity.accounts.models import User
from learningcity.catalogue.models import Learner, Opportunity, SavedSearch
from learningcity.catalogue.permissions import is_learner
from learningcity.catalogue.search import engine
from learningcity.catalogue.search.query import MAX_QUERY_CHARS
from learningcity.catalogue.selectors import public_opportunities
from learningcity.core.audit import audit_record
from learningcity.core.models import AuditAction

# A learner follows at most this many searches: enough for anyone, and no one can make the
# platform run thousands of searches for every published opportunity.
MAX_SAVED_SEARCHES = 20


def _learner_of(user: User) -> Learner:
    if not is_learner(user):
        raise PermissionDenied(_("Sign in as a learner to be told about new opportunities."))
    return user.learner


@transaction.atomic
def saved_search_create(*, query: str, by: User, language: str) -> SavedSearch:
    learner = _learner_of(by)
    query = " ".join((query or "").split())[:MAX_QUERY_CHARS]
    if not engine.understand(query).concepts:
        raise ValidationError(_("Type what you would like to learn, then ask to be told."))
    existing = learner.saved_searches.filter(query=query).first()
    if existing:
        return existing
    if learner.saved_searches.count() >= MAX_SAVED_SEARCHES:
        raise ValidationError(
            _("You follow %(count)d searches already; stop following one first.")
            % {"count": MAX_SAVED_SEARCHES}
        )
    saved = SavedSearch.objects.create(learner=learner, query=query, language=language)
    audit_record(actor=by, action=AuditAction.CREATE, instance=saved, changes={"query": [None, query]})
    return saved


@transaction.atomic
def saved_search_delete(*, saved_search: SavedSearch, by: User) -> None:
    if _learner_of(by).pk != saved_search.learner_id:
        raise PermissionDenied(_("You may not change this record."))
    audit_record(actor=by, action=AuditAction.DELETE, instance=saved_search, changes={})
    saved_search.delete()


def answers(saved_search: SavedSearch, opportunity: Opportunity) -> bool:
    """Whether the search `saved_search` would show `opportunity` (as the public page would)."""
    published = public_opportunities().filter(pk=opportunity.pk)
    parsed = engine.understand(saved_search.query)
    return bool(parsed.concepts) and bool(engine.relevance_order(published, parsed, saved_search.query))


@task()
def notify_saved_searches(opportunity_id: int) -> int:
    """Tell every learner whose followed search `opportunity_id` answers; returns how many."""
    from learningcity.notifications.services import notify

    opportunity = public_opportunities().filter(pk=opportunity_id).first()
    if opportunity is None:
        return 0
    told = 0
    searches = SavedSearch.objects.select_related("learner__user").filter(learner__user__is_active=True)
    for saved in searches.iterator(chunk_size=500):
        if not answers(saved, opportunity):
            continue
        with translation.override(saved.language):
            title = _("New: %(title)s — for your search “%(query)s”") % {
                "title": opportunity.title,
                "query": saved.query,
            }
            body = _("A learning opportunity that answers your search has just been published.")
        with transaction.atomic():
            notify(recipients=[saved.learner.user], kind="registration.saved_search", title=title, body=body,
                   url=opportunity.get_absolute_url())  # fmt: skip
            SavedSearch.objects.filter(pk=saved.pk).update(last_notified_at=timezone.now())
        told += 1
    return told


def on_opportunity_published(event: str, entity_ids: list[int], payload: dict[str, Any]) -> None:
    """core.events listener (catalogue/apps.py): runs after the publication commits."""
    if event == "opportunity.published":
        notify_saved_searches.enqueue(payload["id"])
