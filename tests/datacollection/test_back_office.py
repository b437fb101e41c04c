"""The back office offers no way around the forms: values, locks, forms and their approvals
are not changed there (every write goes through the services that check the rules and the
lock)."""

from django.contrib import admin

from learningcity.core.admin import ReadOnlyAdmin
from learningcity.datacollection.models import ApprovalStep, Approver, DataForm, DataSet, FormReminder
from learningcity.indicators.models import ActionPlan, LockedPeriod, Measurement, ValidationRule


def test_no_back_office_page_changes_a_value_a_lock_or_a_form():
    for model in (
        Measurement,
        LockedPeriod,
        DataForm,
        ApprovalStep,
        Approver,
        DataSet,
        FormReminder,
        ValidationRule,
        ActionPlan,
    ):
        registered = admin.site._registry.get(model)
        assert registered is None or isinstance(registered, ReadOnlyAdmin), model
