"""Issuing and revoking certificates."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.accounts.models import User
from learningcity.catalogue.models import Certificate, Credential, Registration
from learningcity.catalogue.permissions import can_edit_opportunity
from learningcity.core.audit import audit_created, audit_record
from learningcity.core.models import AuditAction
from learningcity.notifications.services import notify


@transaction.atomic
def certificate_issue(*, registration: Registration, by: User | None = None) -> Certificate | None:
    """The registration's certificate (issued now if the opportunity awards one and it was
    not issued before); None when the opportunity awards no certificate."""
    opportunity = registration.session.opportunity
    if opportunity.credential == Credential.NONE:
        return None
    existing = Certificate.objects.filter(registration=registration).first()
    if existing:
        return existing
    provider = opportunity.provider
    certificate = Certificate.objects.create(
        registration=registration,
        learner_name=registration.learner.full_name,
        achievement_ar=opportunity.title_ar,
        achievement_en=opportunity.title_en,
        issuer_ar=provider.name_ar,
        issuer_en=provider.name_en,
        credential=opportunity.credential,
        hours=opportunity.hours,
        issued_at=timezone.now(),
    )
    audit_created(actor=by, instance=certificate)
    learner = registration.learner
    with translation.override(learner.language):
        title = str(gettext_lazy("Your certificate is ready: %(title)s")) % {"title": opportunity.title}
        url = certificate.get_absolute_url()
    notify(recipients=[learner.user], kind="certificate.issued", title=title, url=url)
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str, by: User) -> Certificate:
    opportunity = certificate.registration.session.opportunity
    if not can_edit_opportunity(by, opportunity):
        raise PermissionDenied(_("You may not change this record."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why the certificate is revoked; the verification page shows it.")}
        )
    if certificate.revoked_at:
        return certificate
    certificate.revoked_at = timezone.now()
    certificate.revocation_reason = reason[:300]
    certificate.save(update_fields=["revoked_at", "revocation_reason"])
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        instance=certificate,
        changes={"revocation_reason": ["", certificate.revocation_reason]},
    )
    return certificate
