"""The catalogue's periodic jobs: session reminders, the soonest-first order as sessions begin,
and the search's embeddings of changed opportunities."""

from __future__ import annotations

from django.conf import settings
from django_tasks import task

from learningcity.core.tasks import periodic


@periodic("hourly")
@task()
def send_session_reminders() -> int:
    from learningcity.catalogue.services.registrations import session_reminders_send

    return session_reminders_send(hours_before=settings.SESSION_REMINDER_HOURS)


@periodic("hourly")
@task()
def refresh_upcoming_sessions() -> int:
    from learningcity.catalogue.services.upcoming import refresh_upcoming_sessions as refresh

    return refresh()


@periodic("hourly")
@task()
def embed_changed_opportunities() -> int:
    from learningcity.catalogue.search.semantic import embed_changed, enabled

    return embed_changed() if enabled() else 0


@periodic("hourly")
@task()
def lapse_due_offers() -> int:
    from learningcity.catalogue.services.waiting_list import lapse_due_offers as lapse

    return lapse()
