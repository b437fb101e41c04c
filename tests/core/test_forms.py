import datetime as dt

from django.utils import translation

from learningcity.core.forms import EitherCalendarDateField, model_form_values


def test_either_calendar_field_accepts_hijri_and_gregorian():
    field = EitherCalendarDateField()
    assert field.clean("1447-06-23") == dt.date(2025, 12, 14)
    assert field.clean("2025-12-14") == dt.date(2025, 12, 14)


def test_either_calendar_field_error_is_in_the_users_language():
    field = EitherCalendarDateField()
    with translation.override("ar"):
        try:
            field.clean("1447-06-31")
        except Exception as error:
            message = " ".join(error.messages)
    assert "هذا اليوم" in message or "لا يوجد" in message


def test_a_model_form_validates_on_its_own_copy_and_the_service_sees_the_change(db, manager):
    """The view gives the form the record it loaded and the service that same record: the form's
    validation must not write into it, or the service would find nothing changed."""
    from learningcity.coordination.forms import DecisionForm
    from learningcity.coordination.services import decision_save
    from learningcity.core.models import AuditEntry
    from tests.factories import MeetingFactory

    meeting = MeetingFactory()
    decision = decision_save(meeting=meeting, data={"text_ar": "قرار أول"}, by=manager)
    form = DecisionForm({"kind": decision.kind, "text_ar": "قرار معدّل"}, instance=decision)
    assert form.is_valid(), form.errors
    assert decision.text_ar == "قرار أول"  # untouched by the form's validation
    assert form.instance.text_ar == "قرار معدّل"
    decision_save(meeting=meeting, decision=decision, data=model_form_values(form), by=manager)
    decision.refresh_from_db()
    assert decision.text_ar == "قرار معدّل"
    update = AuditEntry.objects.get(object_id=str(decision.pk), action="update")
    assert update.changes["text_ar"] == ["قرار أول", "قرار معدّل"]


def test_no_select_offers_dashes_for_its_empty_choice(db, manager, entity_a):
    """Django's "---------" empty choice reads as nothing in either language; every select
    says "Choose…" in the page's language instead (templates/django/forms/widgets/)."""
    from tests.conftest import client_for

    client = client_for(manager)
    for language, choose in (("ar", "اختر…"), ("en", "Choose…")):
        for path in ("/meetings/new/", "/partners/new/", "/initiatives/new/"):
            body = client.get(f"/{language}{path}").content.decode()
            assert "---------" not in body, path
            assert f">{choose}</option>" in body, path
