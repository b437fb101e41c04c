from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.catalogue.contact import normalize_email, normalize_mobile
from learningcity.catalogue.models import Registration, RegistrationStatus, Session
from learningcity.catalogue.permissions import can_edit_opportunity
from learningcity.catalogue.services.registrations import attendance_mark, registrations_complete
from learningcity.exchange.datasets.base import Dataset, Prepared, RowError, service_message
from learningcity.exchange.tabular.schema import Field, TableSchema
from learningcity.partners.permissions import coordinated_entity_ids


class AttendanceDataset(Dataset):
    """Who came to a session and who completed: one row per registration, the learner named
    by mobile number or e-mail. Exported by the provider, updated, imported back."""

    kind = "attendance"
    label = gettext_lazy("Attendance and completion")
    schema = TableSchema(
        [
            Field("session", "integer", "رقم الجلسة", "Session id", required=True),
            Field("learner_name", "string", "اسم المتعلم", "Learner's name"),
            Field("mobile", "string", "رقم الجوال", "Mobile number"),
            Field("email", "string", "البريد الإلكتروني", "Email"),
            Field("attended", "boolean", "حضر", "Attended"),
            Field("completed", "boolean", "أتمّ", "Completed"),
        ],
        primary_key=["session", "mobile", "email"],
    )

    def export_queryset(self, user: Any) -> QuerySet:
        registrations = (
            Registration.objects.exclude(status=RegistrationStatus.CANCELLED)
            .select_related("learner__user")
            .order_by("session_id", "pk")
        )
        if user.is_programme_manager:
            return registrations
        return registrations.filter(session__opportunity__provider__in=coordinated_entity_ids(user))

    def export_row(self, registration: Registration) -> dict[str, Any]:
        learner = registration.learner
        return {
            "session": registration.session_id,
            "learner_name": learner.full_name,
            "mobile": learner.mobile_display,
            "email": learner.user.email,
            "attended": registration.attended,
            "completed": registration.completed_at is not None,
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
        registrations = (
            Registration.objects.filter(
                session__in={values["session"] for _r, values, _m, _e in contacts},
                status=RegistrationStatus.CONFIRMED,
            )
            .filter(
                Q(learner__mobile__in={m for _r, _v, m, _e in contacts if m})
                | Q(learner__user__email__in={e for _r, _v, _m, e in contacts if e})
            )
            .select_related("learner__user")
        )
        by_contact: dict[tuple[int, str], Registration] = {}
        for registration in registrations:
            if registration.learner.mobile:
                by_contact[(registration.session_id, registration.learner.mobile)] = registration
            if registration.learner.user.email:
                by_contact[(registration.session_id, registration.learner.user.email.lower())] = registration
        items = []
        for row, values, mobile, email in contacts:
            registration = by_contact.get((values["session"], mobile or email))
            if registration is None:
                errors.append(
                    RowError(
                        row,
                        self.column("mobile" if mobile else "email"),
                        _("This learner has no confirmed place in this session."),
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
                completed and registration.completed_at is None
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
        """Per session: attendance in one go, then completions (which issue certificates)."""
        by_session: dict[int, list[Prepared]] = defaultdict(list)
        for item in items:
            if item.changed:
                by_session[item.existing.session_id].append(item)
        errors = []
        for session_id, session_items in by_session.items():
            session = Session.objects.select_related("opportunity").get(pk=session_id)
            try:
                with transaction.atomic():
                    marks = {
                        i.key: i.data["attended"] for i in session_items if i.data["attended"] is not None
                    }
                    if marks:
                        attendance_mark(session=session, attended=marks, by=user)
                    done = [
                        i.key
                        for i in session_items
                        if i.data["completed"] and i.existing.completed_at is None
                    ]
                    if done:
                        registrations_complete(session=session, registration_ids=done, by=user)
            except (ValidationError, PermissionDenied) as exc:
                errors += [RowError(i.row, "", service_message(exc)) for i in session_items]
        return errors
