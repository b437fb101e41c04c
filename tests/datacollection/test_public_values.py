"""Public pages and open data show approved values only; staff may choose to see the values
still on their way through approval."""

from learningcity.datacollection import services
from learningcity.indicators.models import Indicator
from tests.conftest import client_for


def test_a_value_reaches_the_public_only_when_its_form_is_approved_at_the_last_level(
    data_set, places, last_period, coordinator_a, manager
):
    Indicator.objects.filter(code="CMP").update(is_public=True)
    form, _check = services.form_save(
        data_set=data_set, period_start=last_period, place=places["first"],
        entries={"LRN": "50", "CMP": "4321"}, submit=True, by=coordinator_a,
    )  # fmt: skip
    visitor = client_for(None)
    assert "4321" not in visitor.get("/en/open-data/indicators/CMP.csv").content.decode()
    # Approved by the governorate and the city: still not the region's, still not public.
    form = services.form_approve(form=form, by=manager)
    form = services.form_approve(form=form, by=manager)
    assert "4321" not in visitor.get("/en/open-data/indicators/CMP.csv").content.decode()
    staff = client_for(manager)
    scope = f"governorate:{places['first'].pk}"
    assert "4,321" not in staff.get("/en/dashboard/", {"scope": scope}).content.decode()
    provisional = staff.get("/en/dashboard/", {"scope": scope, "values": "provisional"}).content.decode()
    assert "4,321" in provisional and 'data-testid="provisional"' in provisional
    services.form_approve(form=form, by=manager)
    assert "4321" in visitor.get("/en/open-data/indicators/CMP.csv").content.decode()
    assert "4,321" in staff.get("/en/dashboard/", {"scope": scope}).content.decode()


def test_a_forms_values_are_not_verified_one_by_one(data_set, places, last_period, coordinator_a, manager):
    import pytest
    from django.core.exceptions import ValidationError

    from learningcity.indicators import services as indicator_services
    from learningcity.indicators.models import Measurement
    from learningcity.indicators.selectors import verification_queue

    services.form_save(
        data_set=data_set, period_start=last_period, place=places["first"], entries={"LRN": "5", "CMP": "4"},
        submit=True, by=coordinator_a,
    )  # fmt: skip
    assert not verification_queue().exists()
    held = list(Measurement.objects.all())
    with pytest.raises(ValidationError):
        indicator_services.measurements_verify(measurements=held, by=manager)
    with pytest.raises(ValidationError):
        indicator_services.measurement_return(measurements=held, reason="خطأ", by=manager)
    # A value reported alone (not through a form) still goes through the queue.
    indicator_services.measurement_submit(
        indicator=held[0].indicator,
        period_start=last_period,
        value=3,
        governorate=places["second"],
        by=manager,
    )
    assert verification_queue().count() == 1


def test_a_returned_forms_values_are_listed_once_with_their_form(
    data_set, places, last_period, coordinator_a, manager
):
    from learningcity.my_work import sections_for

    form, _check = services.form_save(
        data_set=data_set, period_start=last_period, place=places["first"], entries={"LRN": "5", "CMP": "4"},
        submit=True, by=coordinator_a,
    )  # fmt: skip
    services.form_return(form=form, reason="راجع", by=manager)
    sections = {section.key: section for section in sections_for(coordinator_a)}
    assert "returned_values" not in sections
    assert sections["forms_to_fill"].rows[0].status == "returned"
