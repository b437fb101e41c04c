"""The audit log read by people (core/audit_display.py): field names and values in the
reader's language, dates as the platform writes them, yes/no, and never a secret."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from learningcity.core.audit_display import readable_changes
from learningcity.core.models import AuditAction, AuditEntry
from learningcity.exchange.models import ApiToken
from learningcity.exchange.tokens import token_create
from learningcity.partners import services
from learningcity.partners.models import Sector
from tests.conftest import client_for
from tests.factories import ActionItemFactory

pytestmark = pytest.mark.django_db


def _read(entry, language):
    with translation.override(language):
        return {change.label: change for change in readable_changes(entry)}


def test_choices_and_field_names_read_in_the_readers_language(manager):
    entity = services.entity_create(
        data={"name_ar": "جامعة طيبة", "name_en": "Taibah University", "sector": Sector.ACADEMIC}, by=manager
    )
    entry = AuditEntry.objects.for_object(entity).get()
    assert entry.changes["sector"] == [None, "academic"]  # stored exact, whatever the language
    arabic, english = _read(entry, "ar"), _read(entry, "en")
    assert arabic["القطاع"].after == "القطاع الأكاديمي" and arabic["القطاع"].before is None
    assert english["sector"].after == "Academic sector"


def test_dates_and_booleans_read_as_the_platform_writes_them(entity_a):
    item = ActionItemFactory(owner_entity=entity_a)
    entry = AuditEntry.objects.create(
        action=AuditAction.UPDATE,
        content_type=ContentType.objects.get_for_model(item),
        object_id=str(item.pk),
        object_label="x",
        changes={"due_date": ["2026-03-01", "2026-04-15"], "status": ["open", "in_progress"]},
    )
    arabic = _read(entry, "ar")
    due = next(change for label, change in arabic.items() if "2026" in (change.after or ""))
    assert due.after.startswith("15 أبريل 2026") and "1447" in due.after
    assert any(change.after == "قيد التنفيذ" for change in arabic.values())
    entity_entry = AuditEntry.objects.create(
        action=AuditAction.UPDATE,
        content_type=ContentType.objects.get_for_model(entity_a.coordinators.model),
        object_id="1",
        object_label="x",
        changes={"is_active": [True, False]},
    )
    assert [(c.before, c.after) for c in _read(entity_entry, "ar").values()] == [("نعم", "لا")]
    assert [(c.before, c.after) for c in _read(entity_entry, "en").values()] == [("Yes", "No")]


def test_a_secret_is_never_kept_in_the_log_nor_shown(manager, entity_a):
    token, raw = token_create(entity=entity_a, name="نظام التسجيل", scope="read", days=30, by=manager)
    entry = AuditEntry.objects.for_object(token).get()
    stored = entry.changes["secret_hash"][1]
    assert (
        stored.startswith("secret:")
        and token.secret_hash not in str(entry.changes)
        and raw not in str(entry.changes)
    )
    # An entry written before secrets were masked keeps the raw hash; reading hides it too.
    old = AuditEntry.objects.create(
        action=AuditAction.CREATE,
        content_type=ContentType.objects.get_for_model(ApiToken),
        object_id=str(token.pk),
        object_label="old",
        changes={"secret_hash": [None, token.secret_hash]},
    )
    for logged in (entry, old):
        hidden = [change for change in readable_changes(logged) if change.hidden]
        assert len(hidden) == 1 and hidden[0].after is None
    page = client_for(manager).get("/ar/audit/").content.decode()
    assert token.secret_hash not in page and "secret_hash" not in page
    assert "تغيّر (قيمة سرية لا تُعرض)" in page


def test_a_changed_date_reads_in_the_audit_log_page(manager, entity_a):
    item = ActionItemFactory(owner_entity=entity_a, due_date=dt.date(2026, 3, 1))
    AuditEntry.objects.create(
        action=AuditAction.UPDATE,
        content_type=ContentType.objects.get_for_model(item),
        object_id=str(item.pk),
        object_label="مهمة",
        changes={"due_date": ["2026-03-01", "2026-04-15"]},
    )
    english = client_for(manager).get("/en/audit/").content.decode()
    assert "15 April 2026" in english and "2026-04-15" not in english and "due_date" not in english


def test_a_field_left_empty_on_creation_is_not_listed(manager):
    entity = services.entity_create(data={"name_ar": "جامعة طيبة", "sector": Sector.ACADEMIC}, by=manager)
    entry = AuditEntry.objects.for_object(entity).get()
    assert "name_en" in entry.changes  # recorded, exact
    assert all(change.before is not None or change.after is not None for change in readable_changes(entry))
