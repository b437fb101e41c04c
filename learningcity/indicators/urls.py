from django.urls import path

from learningcity.indicators.views import dashboard, indicators, measurements, plans, public, rules

app_name = "indicators"

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("indicators/", indicators.indicator_list, name="list"),
    path("indicators/new/", indicators.indicator_form, name="create"),
    path("indicators/framework/", dashboard.framework_view, name="framework"),
    path("indicators/framework/<slug:code>/", dashboard.framework_view, name="framework_code"),
    path("indicators/freshness/", dashboard.freshness, name="freshness"),
    path("indicators/verification/", measurements.verification_queue, name="verification"),
    path("indicators/verification/decide/", measurements.verification_decide, name="verification_decide"),
    path("indicators/rules/", rules.rule_list, name="rules"),
    path("indicators/rules/new/", rules.rule_form, name="rule_create"),
    path("indicators/rules/report/", rules.rule_report, name="rule_report"),
    path("indicators/rules/<int:pk>/edit/", rules.rule_form, name="rule_edit"),
    path("indicators/plans/<int:pk>/", plans.action_plan_detail, name="action_plan"),
    path("indicators/plans/<int:pk>/edit/", plans.action_plan_form, name="action_plan_edit"),
    path("indicators/plans/<int:pk>/actions/", plans.action_plan_add_action, name="action_plan_add_action"),
    path("indicators/<int:indicator_pk>/plans/new/", plans.action_plan_form, name="action_plan_create"),
    path("indicators/<int:pk>/", indicators.indicator_detail, name="detail"),
    path("indicators/<int:pk>/edit/", indicators.indicator_form, name="edit"),
    path("indicators/<int:pk>/targets/", indicators.target_add, name="target_add"),
    path("indicators/<int:pk>/report/", indicators.measurement_report, name="report"),
    path("open-data/indicators/", public.public_list, name="public_list"),
    path("open-data/indicators/<str:code>/", public.public_detail, name="public_detail"),
    # The metadata pattern comes first: "<code>.csv" would also match "<code>-metadata.csv".
    path("open-data/indicators/<str:code>-metadata.csv", public.public_metadata, name="public_metadata"),
    path("open-data/indicators/<str:code>.csv", public.public_csv, name="public_csv"),
]
