from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.catalogue.contact import display_mobile, normalize_email, normalize_mobile
from learningcity.catalogue.models import Registration, RegistrationStatus, Session
from learningcity.catalogue.permissions import can_edit_opportunity
from learningcity.catalogue.services.registrations import (
    attendance_mark_sessions,
    attendance_refusal,
    registrations_complete,
)
from learningcity.exchange.datasets.base import Dataset, Prepared, RowError, service_message
from learningcity.exchange.tabular.schema import Field, TableSchema
from learningcity.partners.permissions import coordinated_entity_ids

# Whether a registration is completed, asked of the database: an export or an import only
# tests the completion time for None, and reading each one cost a fifth of an export.
COMPLETED = ExpressionWrapper(Q(completed_at__isnull=False), output_field=BooleanField())


class HeldPlace(NamedTuple):
    """A confirmed registration as the import needs it (and attendance_mark_sessions after it)."""

    pk: int
    session_id: int
    attended: bool | None
    completed: bool
    learner_name: str
    session: Session  # as prepare() read it, with its opportunity, for the writing step


class AttendanceDataset(Dataset):
    """Who came to a session and who completed: one row per confirmed place, named by its
    registration id (as exported) or by the learner's mobile number or e-mail (as typed).
    Exported by the provider, updated, imported back."""

    kind = "attendance"
    label = gettext_lazy("Attendance and completion")
    schema = TableSchema(
        [
            # The place itself, as exported: a learner booked by a group (a parent for their
            # children) may have neither a mobile number nor an e-mail to be found by.
            Field("registration", "integer", "رقم التسجيل", "Registration id"),
            Field("session", "integer", "رقم الجلسة", "Session id", required=True),
            Field("learner_name", "string", "اسم المتعلم", "Learner's name"),
            Field("mobile", "string", "رقم الجوال", "Mobile number"),
            Field("email", "string", "البريد الإلكتروني", "Email"),
            Field("attended", "boolean", "حضر", "Attended"),
            Field("completed", "boolean", "أتمّ", "Completed"),
        ],
        primary_key=["registration"],
    )

    # What export_row reads, as plain rows: a million registrations built as three model
    # objects each (registration, learner, user) spent most of an export doing just that.
    EXPORT_COLUMNS = (
        "pk",
        "session_id",
        "attended",
        "learner__full_name",
        "learner__mobile",
        "learner__user__email",
    )

    def export_queryset(self, user: Any) -> QuerySet:
        # Confirmed places only, as the import takes them: the waiting list holds no place to
        # attend, and a file exported with it came back with an error on each of its rows.
        registrations = Registration.objects.filter(status=RegistrationStatus.CONFIRMED).order_by(
            "session_id", "pk"
        )
        if not user.is_programme_manager:
            registrations = registrations.filter(
                session__opportunity__provider__in=coordinated_entity_ids(user)
            )
        return registrations.values(*self.EXPORT_COLUMNS, completed=COMPLETED)

    def export_row(self, registration: dict[str, Any]) -> dict[str, Any]:
        return {
            "registration": registration["pk"],
            "session": registration["session_id"],
            "learner_name": registration["learner__full_name"],
            "mobile": display_mobile(registration["learner__mobile"] or ""),
            "email": registration["learner__user__email"],
            "attended": registration["attended"],
            "completed": registration["completed"],
        }

    def prepare(
        self, rows: list[tuple[int, dict[str, Any]]], user: Any
    ) -> tuple[list[Prepared], list[RowError]]:
        errors: list[RowError] = []
        sessions = {
            session.pk: session
            for session in Session.objects.select_related("opportunity").filter(
                pk__in={v["session"] for _r, v in rows}
            )
        }
        allowed = {pk for pk, session in sessions.items() if can_edit_opportunity(user, session.opportunity)}
        contacts: list[tuple[int, dict[str, Any], str, str]] = []
        for row, values in rows:
            if values["session"] not in sessions:
                errors.append(RowError(row, self.column("session"), _("No session has this id.")))
                continue
            if values["session"] not in allowed:
                errors.append(
                    RowError(row, self.column("session"), _("You may not change records of this entity."))
                )
                continue
            mobile = email = ""
            if values["registration"]:
                contacts.append((row, values, mobile, email))  # found by its id, below
                continue
            try:
                if values["mobile"]:
                    mobile = normalize_mobile(values["mobile"])
                elif values["email"]:
                    email = normalize_email(values["email"]).lower()
                else:
                    errors.append(
                        RowError(row, self.column("mobile"), _("Give the learner's mobile number or e-mail."))
                    )
                    continue
            except ValidationError as exc:
                column = self.column("mobile" if values["mobile"] else "email")
                errors.append(RowError(row, column, exc.messages[0]))
                continue
            contacts.append((row, values, mobile, email))
        confirmed = Registration.objects.filter(
            session__in={values["session"] for _r, values, _m, _e in contacts},
            status=RegistrationStatus.CONFIRMED,
        ).order_by()
        # Plain rows, not model instances: a batch matches a thousand registrations and building
        # three objects for each was most of an import's time (bench/bench_exchange.py). Mobile
        # numbers and e-mails are matched apart: one query with an OR over the learner and the
        # user made PostgreSQL visit a user row per registration even when no e-mail was given.
        held = ("pk", "session_id", "attended", "done", "learner__full_name")
        confirmed = confirmed.annotate(done=COMPLETED)
        mobiles = {m for _r, _v, m, _e in contacts if m}
        emails = {e for _r, _v, _m, e in contacts if e}
        by_contact: dict[tuple[int, str], HeldPlace] = {}
        by_id: dict[int, HeldPlace] = {}
        if ids := [values["registration"] for _r, values, _m, _e in contacts if values["registration"]]:
            for place in confirmed.filter(pk__any_of=ids).values_list(*held):
                by_id[place[0]] = HeldPlace(*place, sessions[place[1]])
        if mobiles:
            for *place, mobile in confirmed.filter(learner__mobile__any_of=list(mobiles)).values_list(
                *held, "learner__mobile"
            ):
                by_contact[(place[1], mobile)] = HeldPlace(*place, sessions[place[1]])
        if emails:
            # E-mail addresses match whatever their case (people type them as they like).
            rows = (
                confirmed.annotate(email=Lower("learner__user__email"))
                .filter(email__in=emails)
                .values_list(*held, "email")
            )
            for *place, email in rows:
                by_contact[(place[1], email.lower())] = HeldPlace(*place, sessions[place[1]])
        items = []
        for row, values, mobile, email in contacts:
            if values["registration"]:
                registration = by_id.get(values["registration"])
                if registration is not None and registration.session_id != values["session"]:
                    registration = None  # another session's place: not this row's to change
                column = "registration"
            else:
                registration = by_contact.get((values["session"], mobile or email))
                column = "mobile" if mobile else "email"
            if registration is None:
                errors.append(
                    RowError(
                        row, self.column(column), _("This learner has no confirmed place in this session.")
                    )
                )
                continue
            attended = values["attended"]
            completed = bool(values["completed"])
            if completed and attended is False:
                errors.append(
                    RowError(row, self.column("completed"), _("Someone who did not attend cannot complete."))
                )
                continue
            if completed:
                attended = True
            changed = (attended is not None and attended != registration.attended) or (
                completed and not registration.completed
            )
            items.append(
                Prepared(
                    row,
                    registration.pk,
                    {"attended": attended, "completed": completed},
                    registration,
                    changed=changed,
                )
            )
        return items, errors

    def write_batch(self, items: Iterable[Prepared], user: Any, state: dict[str, Any]) -> list[RowError]:
        """Attendance for every session of the batch in one go, then completions per session
        (they issue certificates). A session that may not be changed is reported on each of
        its rows and the others still go ahead (the import keeps nothing if any row fails)."""
        by_session: dict[int, list[Prepared]] = defaultdict(list)
        # The sessions as prepare() read them in this transaction, not read a second time.
        sessions: dict[int, Session] = {}
        for item in items:
            if item.changed:
                by_session[item.existing.session_id].append(item)
                sessions[item.existing.session_id] = item.existing.session
        errors = []
        marks = {}
        marked: list[Prepared] = []
        for session_id, session_items in list(by_session.items()):
            refusal = attendance_refusal(session=sessions[session_id], by=user)
            if refusal is not None:
                errors += [RowError(i.row, "", refusal) for i in session_items]
                del by_session[session_id]
                continue
            attended = {i.key: i.data["attended"] for i in session_items if i.data["attended"] is not None}
            if attended:
                marks[sessions[session_id]] = attended
                marked += session_items
        if marks:
            # The places were read by prepare() in this transaction, with the learners' names.
            # One that moved on since (cancelled meanwhile) refuses the batch: said on its rows.
            try:
                attendance_mark_sessions(marks=marks, by=user, read=[i.existing for i in marked])
            except (ValidationError, PermissionDenied) as exc:
                keys = {pk for attended in marks.values() for pk in attended}
                errors += [RowError(i.row, "", service_message(exc)) for i in marked if i.key in keys]
        for session_id, session_items in by_session.items():
            done = [i.key for i in session_items if i.data["completed"] and not i.existing.completed]
            if not done:
                continue
            try:
                with transaction.atomic():
                    registrations_complete(session=sessions[session_id], registration_ids=done, by=user)
            except (ValidationError, PermissionDenied) as exc:
                errors += [RowError(i.row, "", service_message(exc)) for i in session_items]
        return errors
