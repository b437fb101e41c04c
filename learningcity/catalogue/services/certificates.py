"""Issuing and revoking certificates."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.accounts.models import User
from learningcity.catalogue.models import Certificate, Credential, Learner, Registration
from learningcity.catalogue.permissions import can_edit_opportunity
from learningcity.core import assurance
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
    learner = registration.learner
    if not assurance.meets(learner.user, "certificate"):
        # Held, not lost: issued by certificates_release once the learner reaches the level.
        _tell_certificate_waits(registration)
        return None
    provider = opportunity.provider
    certificate = Certificate.objects.create(
        registration=registration,
        learner_name=learner.full_name,
        name_verified_by=learner.name_verified_by,
        achievement_ar=opportunity.title_ar,
        achievement_en=opportunity.title_en,
        issuer_ar=provider.name_ar,
        issuer_en=provider.name_en,
        credential=opportunity.credential,
        hours=opportunity.hours,
        issued_at=timezone.now(),
    )
    audit_created(actor=by, instance=certificate)
    with translation.override(learner.language):
        title = str(gettext_lazy("Your certificate is ready: %(title)s")) % {"title": opportunity.title}
        url = certificate.get_absolute_url()
    notify(recipients=[learner.user], kind="certificate.issued", title=title, url=url)
    return certificate


def _tell_certificate_waits(registration: Registration) -> None:
    learner = registration.learner
    with translation.override(learner.language):
        title = str(gettext_lazy("Your certificate for %(title)s is waiting: %(needs)s")) % {
            "title": registration.session.opportunity.title,
            "needs": assurance.explain("certificate"),
        }
    notify(
        recipients=[learner.user],
        kind="certificate.waiting",
        title=title,
        url=reverse("catalogue:my_learning"),
    )


@transaction.atomic
def certificates_release(*, learner: Learner) -> list[Certificate]:
    """Issue the certificates a learner earned while lacking the assurance certificates need,
    now that they hold it."""
    if not assurance.meets(learner.user, "certificate"):
        return []
    waiting = (
        Registration.objects.filter(learner=learner, completed_at__isnull=False, certificate__isnull=True)
        .exclude(session__opportunity__credential=Credential.NONE)
        .select_related("session__opportunity__provider", "learner__user")
    )
    return [
        certificate
        for registration in waiting
        if (certificate := certificate_issue(registration=registration))
    ]


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
