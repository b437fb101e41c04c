"""Making, checking and revoking API tokens.

A token reads `lc_<prefix>_<secret>`: the prefix finds the row, the secret is compared by
its SHA-256 (a random 32-byte secret needs no slow hash). The plain token exists only in the
return value of `token_create`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.core.audit import audit_created, audit_record
from learningcity.core.models import AuditAction
from learningcity.exchange.models import ApiToken, TokenScope
from learningcity.partners.models import Entity
from learningcity.partners.permissions import can_edit_entity

MAX_DAYS = 366
# Writing last_used_at on every request would turn each read into a write.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


@transaction.atomic
def token_create(
    *, entity: Entity, name: str, scope: str, days: int, by: Any, personal_data: bool = False
) -> tuple[ApiToken, str]:
    if not can_edit_entity(by, entity):
        raise PermissionDenied(_("You may only make tokens for your own entity."))
    if scope not in TokenScope.values:
        raise ValidationError({"scope": _("Choose read only, or read and write.")})
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": _("A token lasts between 1 and %(max)d days.") % {"max": MAX_DAYS}})
    prefix = secrets.token_hex(5)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        entity=entity,
        name=name.strip()[:100] or _("API token"),
        prefix=prefix,
        secret_hash=_hash(secret),
        scope=scope,
        personal_data=personal_data,
        created_by=by,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    audit_created(actor=by, instance=token)
    return token, f"lc_{prefix}_{secret}"


@transaction.atomic
def token_revoke(*, token: ApiToken, by: Any) -> ApiToken:
    if not can_edit_entity(by, token.entity_id):
        raise PermissionDenied(_("You may not change this record."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit_record(
            actor=by, action=AuditAction.UPDATE, instance=token, changes={"revoked_at": [None, "now"]}
        )
    return token


def token_find(raw: str) -> ApiToken | None:
    """The active token `raw` stands for, or None (unknown, wrong secret, expired, revoked)."""
    parts = raw.split("_", 2)  # the secret itself may contain "_"
    if len(parts) != 3 or parts[0] != "lc":
        return None
    _lc, prefix, secret = parts
    token = ApiToken.objects.select_related("entity").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(secret)):
        return None
    if not token.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
