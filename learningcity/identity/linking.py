"""What a verified identity becomes on the platform: the account it is linked to, a link the
person must first prove, a new learner, or a staff account waiting for a role.

Accounts are linked, never duplicated: an identity whose verified mobile number or e-mail
address belongs to an account is linked to it only once the person proves the account is
theirs — by signing in to it (a password, or a code sent to its mobile number) while the link
waits in their session."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.accounts.models import Role
from learningcity.accounts.selectors import programme_managers
from learningcity.catalogue.contact import normalize_mobile
from learningcity.catalogue.models import Learner
from learningcity.catalogue.services.certificates import certificates_release
from learningcity.core import assurance
from learningcity.core.audit import audit_record
from learningcity.core.models import AuditAction
from learningcity.identity.models import LinkedIdentity, ProviderKind
from learningcity.identity.providers import Provider, configured
from learningcity.notifications.said import Named, said
from learningcity.notifications.services import notify
from learningcity.partners.models import Entity

PENDING = "identity.pending"  # the session key of an identity waiting for the person


@dataclass(frozen=True)
class Verified:
    """What a provider vouched for, from the checked ID token's claims."""

    provider: str
    kind: str
    subject: str
    name: str = ""
    email: str = ""
    mobile: str = ""
    national_id: str = ""
    entity_hint: str = ""

    @classmethod
    def from_claims(cls, source: Provider, claims: dict[str, Any]) -> Verified:
        mobile = ""
        if claims.get("phone_number") and claims.get("phone_number_verified"):
            try:
                mobile = normalize_mobile(str(claims["phone_number"]))
            except ValidationError:
                mobile = ""  # a number outside the Kingdom: not one the platform texts
        entity_claim = source.config.get("entity_claim")
        return cls(
            provider=source.name,
            kind=source.kind,
            subject=str(claims["sub"]),
            name=str(claims.get("name") or "")[:150],
            email=str(claims.get("email") or "").lower() if claims.get("email_verified") else "",
            mobile=mobile,
            national_id=str(claims.get(source.config.get("national_id_claim") or "national_id") or ""),
            entity_hint=str(claims.get(entity_claim) or "") if entity_claim else "",
        )


def hash_national_id(number: str) -> str:
    key = (settings.NATIONAL_ID_HASH_KEY or settings.SECRET_KEY).encode()
    return hmac.new(key, number.encode(), hashlib.sha256).hexdigest()


# --- What the identity is to the platform -------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    what: str  # "known", "prove", "new_learner", "new_staff", "refused"
    user: Any = None
    entity: Entity | None = None


def resolve(verified: Verified) -> Outcome:
    linked = LinkedIdentity.objects.select_related("user").filter(
        provider=verified.provider, subject=verified.subject
    )
    if identity := linked.first():
        return Outcome("known", identity.user)
    User = get_user_model()
    if verified.kind == ProviderKind.NATIONAL:
        candidate = None
        if verified.mobile:
            learner = Learner.objects.select_related("user").filter(mobile=verified.mobile).first()
            candidate = learner.user if learner else None
        if candidate is None and verified.email:
            candidate = User.objects.filter(email__iexact=verified.email, role=Role.LEARNER).first()
        return Outcome("prove", candidate) if candidate else Outcome("new_learner")
    if verified.email and (
        staff := User.objects.filter(email__iexact=verified.email).exclude(role=Role.LEARNER).first()
    ):
        return Outcome("prove", staff)
    entity = organisation_entity(verified)
    return Outcome("new_staff", entity=entity) if entity else Outcome("refused")


def organisation_entity(verified: Verified) -> Entity | None:
    """The entity an organisation account belongs to: the configured claim naming its short
    name, or the person's verified e-mail domain (one the provider is allowed for) matching the
    entity's own e-mail address."""
    config = settings.IDENTITY_PROVIDERS.get(verified.provider, {})
    if verified.entity_hint:
        return Entity.objects.filter(acronym__iexact=verified.entity_hint).first()
    domain = verified.email.rpartition("@")[2]
    if not domain or domain not in config.get("email_domains", []):
        return None
    return Entity.objects.filter(email__iendswith=f"@{domain}").order_by("pk").first()


# --- Linking ------------------------------------------------------------------------------------


@transaction.atomic
def identity_link(*, user: Any, verified: Verified, by: Any, entity: Entity | None = None) -> LinkedIdentity:
    """Link the identity to `user` (who proved the account is theirs, or was just created for
    it). The verified name becomes the learner's name, the verified number their verified
    number, and certificates waiting for this assurance are issued."""
    if by.pk != user.pk:
        raise PermissionDenied(_("You may not change this record."))
    try:
        with transaction.atomic():
            identity = LinkedIdentity.objects.create(
                user=user,
                provider=verified.provider,
                kind=verified.kind,
                subject=verified.subject,
                verified_name=verified.name,
                email=verified.email,
                national_id_hash=hash_national_id(verified.national_id) if verified.national_id else "",
                national_id=verified.national_id if settings.NATIONAL_ID_STORED else "",
                entity=entity,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _(
                "This identity is already linked to an account, or this account already has one from this provider."
            )
        ) from exc
    audit_record(
        actor=by,
        action=AuditAction.LINK,
        instance=identity,
        changes={"provider": [None, verified.provider], "assurance": [None, assurance.level_of(user)]},
    )
    learner = Learner.objects.filter(user=user).first()
    if learner is not None and verified.kind == ProviderKind.NATIONAL:
        _take_verified_details(learner, verified)
        certificates_release(learner=learner)
    return identity


def _take_verified_details(learner: Learner, verified: Verified) -> None:
    changes: dict[str, list[Any]] = {}
    if verified.name and (learner.full_name, learner.name_verified_by) != (verified.name, verified.provider):
        changes["full_name"] = [learner.full_name, verified.name]
        learner.full_name, learner.name_verified_by = verified.name, verified.provider
    if verified.mobile and verified.mobile == learner.mobile and learner.mobile_verified_at is None:
        learner.mobile_verified_at = timezone.now()
        changes["mobile_verified_at"] = [None, learner.mobile_verified_at.isoformat()]
    if changes:
        learner.save(update_fields=["full_name", "name_verified_by", "mobile_verified_at", "updated_at"])
        audit_record(actor=learner.user, action=AuditAction.UPDATE, instance=learner, changes=changes)
    if learner.user.first_name != learner.full_name[:150]:  # the name the account shows
        learner.user.first_name = learner.full_name[:150]
        learner.user.save(update_fields=["first_name"])


@transaction.atomic
def identity_unlink(*, identity: LinkedIdentity, by: Any) -> None:
    """Unlink an identity from one's own account, keeping a way to sign in."""
    if identity.user_id != by.pk:
        raise PermissionDenied(_("You may not change this record."))
    user = identity.user
    other_ways = (
        user.has_usable_password()
        or LinkedIdentity.objects.filter(user=user).exclude(pk=identity.pk).exists()
        or Learner.objects.filter(user=user, mobile_verified_at__isnull=False).exists()
    )
    if not other_ways:
        raise ValidationError(
            _("This is your only way to sign in. Set a password or verify your mobile number first.")
        )
    audit_record(
        actor=by,
        action=AuditAction.UNLINK,
        instance=identity,
        changes={"provider": [identity.provider, None]},
    )
    identity.delete()
    learner = Learner.objects.filter(user=user, name_verified_by=identity.provider).first()
    if learner is not None:
        Learner.objects.filter(pk=learner.pk).update(name_verified_by="")


def record_sign_in(*, identity: LinkedIdentity) -> None:
    LinkedIdentity.objects.filter(pk=identity.pk).update(last_signed_in_at=timezone.now())
    audit_record(
        actor=identity.user,
        action=AuditAction.SIGN_IN,
        instance=identity,
        changes={
            "provider": [None, identity.provider],
            "assurance": [None, assurance.level_of(identity.user)],
        },
    )


# --- New accounts -------------------------------------------------------------------------------


@transaction.atomic
def staff_account_request(*, verified: Verified, entity: Entity) -> LinkedIdentity:
    """A first sign-in with an organisation account: an account that cannot do anything until a
    programme manager gives it a role (roles are granted here, never taken from a claim)."""
    User = get_user_model()
    username = verified.email or f"{verified.provider}-{verified.subject}"
    user = User.objects.create(
        username=username[:150],
        email=verified.email,
        first_name=verified.name,
        role=Role.VIEWER,
        is_active=False,
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    identity = identity_link(user=user, verified=verified, by=user, entity=entity)
    managers = programme_managers()
    notify(
        recipients=managers,
        kind="identity.staff_waiting",
        title=said(
            gettext_lazy(
                "%(name)s of %(entity)s signed in with their organisation's account and waits for a role."
            ),
            name=verified.name or username,
            entity=Named(entity, "name"),
        ),
        url=reverse("admin:accounts_user_change", args=[user.pk]),
    )
    return identity


# --- The link waiting for its proof -------------------------------------------------------------


def hold(request: Any, verified: Verified, candidate: Any = None) -> None:
    request.session[PENDING] = {**asdict(verified), "candidate": candidate.pk if candidate else None}


def held(request: Any) -> tuple[Verified, int | None] | None:
    data = dict(request.session.get(PENDING) or {})
    if not data:
        return None
    candidate = data.pop("candidate", None)
    return Verified(**data), candidate


def release(request: Any) -> None:
    request.session.pop(PENDING, None)


def link_after_proof(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Signed in as the account the waiting identity points to: that proves the link."""
    if request is None or not hasattr(request, "session"):
        return
    waiting = held(request)
    if waiting is None or waiting[1] != user.pk:
        return
    verified, _candidate = waiting
    release(request)
    try:
        identity = identity_link(user=user, verified=verified, by=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return
    record_sign_in(identity=identity)
    source = next((p for p in configured() if p.name == verified.provider), None)
    messages.success(
        request,
        _("Your account is now linked to %(provider)s: next time, sign in with it.")
        % {"provider": source.label if source else verified.provider},
    )


# --- The assurance a national identity gives ----------------------------------------------------


def register_national_identity_proof() -> None:
    def holds(user: Any) -> bool:
        return LinkedIdentity.objects.filter(user=user, kind=ProviderKind.NATIONAL).exists()

    def way() -> tuple[str, str] | None:
        national = configured(ProviderKind.NATIONAL)
        if not national:
            return None
        return national[0].button, reverse("identity:start", args=[national[0].name])

    assurance.register_proof(assurance.NATIONAL_IDENTITY, holds=holds, way=way)
