"""The programme manager's rule for how staff sign in."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from learningcity.core.audit import audit_record
from learningcity.core.models import AuditAction
from learningcity.identity.models import StaffSignInRule


def organisation_sign_in_required() -> bool:
    rule = StaffSignInRule.objects.first()
    return bool(rule and rule.organisation_required)


def staff_sign_in_rule_set(*, organisation_required: bool, by: Any) -> StaffSignInRule:
    if not by.is_programme_manager:
        raise PermissionDenied(_("You may not change this record."))
    rule = StaffSignInRule.objects.first() or StaffSignInRule()
    before = rule.organisation_required if rule.pk else None
    rule.organisation_required = organisation_required
    rule.save()
    if before != organisation_required:
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            instance=rule,
            changes={"organisation_required": [before, organisation_required]},
        )
    return rule
