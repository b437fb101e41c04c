from django.urls import path

from learningcity.exchange import views, views_open, views_tables

app_name = "exchange"

urlpatterns = [
    path("api-tokens/", views.token_list, name="token_list"),
    path("api-tokens/<int:pk>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("open-data/", views_open.open_data_home, name="open_data"),
    path("exchange/", views_tables.exchange_home, name="home"),
    path("exchange/webhooks/", views.webhook_list, name="webhook_list"),
    path("exchange/webhooks/<int:pk>/", views.webhook_detail, name="webhook_detail"),
    path("exchange/webhooks/<int:pk>/toggle/", views.webhook_toggle, name="webhook_toggle"),
    path("exchange/webhooks/<int:pk>/delete/", views.webhook_delete, name="webhook_delete"),
    path("exchange/templates/<slug:kind>.<str:fmt>", views_tables.template_download, name="template"),
    path("exchange/export/<slug:kind>.<str:fmt>", views_tables.export_dataset, name="export"),
    path("exchange/exports/<int:pk>/", views_tables.export_job, name="export_job"),
    path("exchange/imports/", views_tables.import_history, name="import_history"),
    path("exchange/imports/new/", views_tables.import_start, name="import_start"),
    path("exchange/imports/<int:pk>/", views_tables.import_run, name="import_run"),
    path("exchange/imports/<int:pk>/import/", views_tables.import_commit, name="import_commit"),
]
