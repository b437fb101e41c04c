"""How long personal data is kept (Saudi PDPL: no longer than its purpose needs), applied daily
by the `apply_retention` job and on demand by `learningcity apply_retention [--dry-run]`.

settings.RETENTION_DAYS, each overridable from the environment:
- inactive_learner: a learner who has neither signed in nor had a session for this long is
  anonymised exactly as when they delete their account (certificates stay verifiable; past
  attendance stays as anonymous counts);
- import_file / export_file: uploaded import files and generated export files (which may hold
  contact details) are deleted; the run's record and report stay;
- access_log: audit entries recording who viewed personal data are deleted (changes to records
  are kept for good).

Each kind of data is removed by a step that the app holding it registers in its ready()
(`register_retention`), so core knows none of them; the access log is core's own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from learningcity.core.models import AuditAction, AuditEntry


@dataclass(frozen=True)
class RetentionStep:
    counter: str  # how a run reports it: "learners_anonymised"
    key: str  # its entry in settings.RETENTION_DAYS
    remove: Callable[[dt.datetime, bool], int]  # (cut-off, dry run) → how many went (or would)


STEPS: dict[str, RetentionStep] = {}


def register_retention(counter: str, key: str, remove: Callable[[dt.datetime, bool], int]) -> None:
    """`remove(cutoff, dry_run)` removes what is older than `cutoff`, or with `dry_run` counts it."""
    STEPS[counter] = RetentionStep(counter, key, remove)


class RetentionRun:
    """How much each step removed, by its counter name (also readable as attributes)."""

    def __init__(self, counts: dict[str, int]) -> None:
        self._counts = counts

    def __getattr__(self, name: str) -> int:
        try:
            return self.__dict__["_counts"][name]
        except KeyError:
            raise AttributeError(name) from None

    def as_dict(self) -> dict[str, int]:
        return dict(self._counts)


def apply_retention(*, now: dt.datetime | None = None, dry_run: bool = False) -> RetentionRun:
    """Remove what has outlived its retention period; with `dry_run`, only count it."""
    now = now or timezone.now()
    return RetentionRun(
        {
            step.counter: step.remove(now - dt.timedelta(days=settings.RETENTION_DAYS[step.key]), dry_run)
            for step in STEPS.values()
        }
    )


def remove_access_entries(before: dt.datetime, dry_run: bool) -> int:
    """Audit entries recording who viewed personal data (changes to records stay for good)."""
    if dry_run:
        return AuditEntry.objects.filter(action=AuditAction.ACCESS, timestamp__lt=before).count()
    return AuditEntry.objects.delete_expired_access(before=before)


register_retention("access_entries_deleted", "access_log", remove_access_entries)
