"""A bulk change's audit entries (an import of attendance) hold what audit_record writes for a
single change: who, when, how (channel, request, address), which record and its name in
Arabic, and the old and new value — inserted in one go on either database."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation

from learningcity.catalogue.models import Registration
from learningcity.catalogue.services.registrations import attendance_mark_sessions
from learningcity.core import context
from learningcity.core.models import AuditEntry
from tests.factories import LearnerFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_bulk_attendance_entries_say_who_what_and_how(opportunity, coordinator_a):
    started = timezone.now() - dt.timedelta(hours=3)
    sessions = [
        SessionFactory(
            opportunity=opportunity,
            starts_at=started + dt.timedelta(minutes=m),
            ends_at=started + dt.timedelta(hours=2),
        )
        for m in (0, 30)
    ]
    registrations = [
        session.registrations.create(
            learner=LearnerFactory(full_name=name),
            status="confirmed",
            confirmed_at=started,
            attended=attended,
        )
        for session, name, attended in (
            (sessions[0], "نورة الحربي", None),
            (sessions[0], "سارة الجهني", True),  # already marked: no change, no entry
            (sessions[1], "فهد المطيري", True),
        )
    ]
    before = timezone.now()
    with (
        context.acting(channel="web", request_id="req-42", remote_addr="192.0.2.7"),
        translation.override("en"),
    ):
        changed = attendance_mark_sessions(
            marks={
                sessions[0]: {registrations[0].pk: True, registrations[1].pk: True},
                sessions[1]: {registrations[2].pk: False},
            },
            by=coordinator_a,
        )
    assert changed == 2
    entries = {entry.object_id: entry for entry in AuditEntry.objects.filter(action="update")}
    assert set(entries) == {str(registrations[0].pk), str(registrations[2].pk)}
    registration_type = ContentType.objects.get_for_model(Registration)
    with translation.override("ar"):
        labels = {str(r.pk): str(Registration.objects.get(pk=r.pk)) for r in registrations}
    for pk, entry in entries.items():
        assert entry.actor == coordinator_a and entry.actor_label == coordinator_a.username
        assert entry.content_type == registration_type
        assert entry.object_label == labels[pk]  # in Arabic, though the page was English
        assert (entry.channel, entry.request_id, entry.remote_addr) == ("web", "req-42", "192.0.2.7")
        assert before <= entry.timestamp <= timezone.now()
    assert entries[str(registrations[0].pk)].changes == {"attended": [None, True]}
    assert entries[str(registrations[2].pk)].changes == {"attended": [True, False]}
    assert "نورة الحربي" in entries[str(registrations[0].pk)].object_label
    assert list(
        Registration.objects.filter(pk__in=[r.pk for r in registrations])
        .order_by("pk")
        .values_list("attended", flat=True)
    ) == [True, True, False]


def test_places_read_by_the_caller_are_not_read_again_and_a_moved_one_refuses_the_change(
    opportunity, coordinator_a
):
    from django.core.exceptions import ValidationError
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from learningcity.catalogue.services.registrations import MarkedPlace

    started = timezone.now() - dt.timedelta(hours=1)
    session = SessionFactory(
        opportunity=opportunity, starts_at=started, ends_at=started + dt.timedelta(hours=2)
    )
    came, stayed_away = (
        session.registrations.create(
            learner=LearnerFactory(full_name=name), status="confirmed", confirmed_at=started
        )
        for name in ("نورة الحربي", "فهد المطيري")
    )
    read = [
        MarkedPlace(came.pk, session.pk, None, "نورة الحربي"),
        MarkedPlace(stayed_away.pk, session.pk, None, "فهد المطيري"),
    ]
    marks = {session: {came.pk: True, stayed_away.pk: False}}
    # The permission check's reads, two updates, the audit insert — no read of the places.
    with CaptureQueriesContext(connection) as queries:
        assert attendance_mark_sessions(marks=marks, by=coordinator_a, read=read) == 2
    statements = [q["sql"] for q in queries.captured_queries]
    assert sum(sql.startswith("UPDATE") and "catalogue_registration" in sql for sql in statements) == 2
    assert not any(sql.startswith("SELECT") and "catalogue_registration" in sql for sql in statements)
    labels = set(AuditEntry.objects.values_list("object_label", flat=True))
    assert any("نورة الحربي" in label for label in labels) and any("فهد المطيري" in label for label in labels)

    # Cancelled after the caller read it: nothing is changed and the caller is told.
    Registration.objects.filter(pk=came.pk).update(status="cancelled")
    moved = [MarkedPlace(came.pk, session.pk, True, "نورة الحربي")]
    with pytest.raises(ValidationError):
        attendance_mark_sessions(marks={session: {came.pk: False}}, by=coordinator_a, read=moved)
    assert Registration.objects.get(pk=came.pk).attended is True
