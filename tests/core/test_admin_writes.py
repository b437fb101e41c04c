"""The back office writes nothing the services would do differently: a session's places and
status, and a registration, change only on the platform's pages (through the services that
promote the waiting list and tell people); what the back office does write is audited, inline
records included."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.forms import inlineformset_factory
from django.test import RequestFactory

from learningcity.catalogue.models import Registration
from learningcity.catalogue.services.registrations import registration_create
from learningcity.core.admin import AuditedAdmin
from learningcity.core.models import AuditAction, AuditEntry, Governorate, Region
from tests.conftest import client_for
from tests.factories import GovernorateFactory, LearnerFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("superuser", [False, True])
def test_a_sessions_places_and_status_are_not_edited_in_the_back_office(manager, superuser):
    manager.is_superuser = superuser  # the superuser could edit them before
    manager.save()
    session = SessionFactory(capacity=1)
    page = client_for(manager).get(f"/ar/admin/catalogue/opportunity/{session.opportunity.pk}/change/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'class="field-capacity"' in body  # the session is shown…
    for field in ("capacity", "status", "starts_at"):
        assert f'name="sessions-0-{field}"' not in body  # …with nothing to type into
    assert 'name="sessions-0-DELETE"' not in body


def test_a_registration_is_read_in_the_back_office_not_changed(manager):
    session = SessionFactory(capacity=1)
    first = registration_create(learner=LearnerFactory(), session=session)
    waiting = registration_create(learner=LearnerFactory(), session=session)
    assert (first.status, waiting.status) == ("confirmed", "waitlisted")
    client = client_for(manager)
    url = f"/ar/admin/catalogue/registration/{first.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": "cancelled", "learner": first.learner_id, "session": session.pk})
    assert response.status_code == 403
    assert (
        client.post(f"/ar/admin/catalogue/registration/{first.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert client.get("/ar/admin/catalogue/registration/add/").status_code == 403
    first.refresh_from_db()
    assert first.status == "confirmed" and Registration.objects.count() == 2


def test_records_changed_in_an_inline_are_audited(manager):
    """No inline is editable today; one added later is audited as its parent is."""
    region = Region.objects.create(code="r-inline", name_ar="منطقة", name_en="Region")
    kept = GovernorateFactory(region=region, name_ar="قديم", code="g-kept")
    gone = GovernorateFactory(region=region, code="g-gone")
    formset_class = inlineformset_factory(
        Region, Governorate, fields=("name_ar", "code"), extra=1, can_delete=True
    )
    prefix = formset_class.get_default_prefix()
    data = {
        f"{prefix}-TOTAL_FORMS": "3", f"{prefix}-INITIAL_FORMS": "2",
        f"{prefix}-0-id": kept.pk, f"{prefix}-0-name_ar": "جديد", f"{prefix}-0-code": "g-kept",
        f"{prefix}-1-id": gone.pk, f"{prefix}-1-name_ar": gone.name_ar, f"{prefix}-1-code": "g-gone",
        f"{prefix}-1-DELETE": "on",
        f"{prefix}-2-name_ar": "مضاف", f"{prefix}-2-code": "g-new",
    }  # fmt: skip
    formset = formset_class(data, instance=region)
    assert formset.is_valid(), formset.errors
    request = RequestFactory().post("/")
    request.user = manager
    AuditedAdmin(Region, admin.site).save_formset(request, form=None, formset=formset, change=True)

    entries = AuditEntry.objects.filter(content_type__model="governorate")
    assert set(entries.values_list("action", flat=True)) == {
        AuditAction.CREATE,
        AuditAction.UPDATE,
        AuditAction.DELETE,
    }
    update = entries.get(action=AuditAction.UPDATE)
    assert update.object_id == str(kept.pk) and update.changes["name_ar"] == ["قديم", "جديد"]
    assert entries.get(action=AuditAction.DELETE).object_id == str(gone.pk)
