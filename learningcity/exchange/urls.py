from django.urls import path

from learningcity.exchange.views import open_data, tables, tokens, webhooks

app_name = "exchange"

urlpatterns = [
    path("api-tokens/", tokens.token_list, name="token_list"),
    path("api-tokens/<int:pk>/revoke/", tokens.token_revoke_view, name="token_revoke"),
    path("open-data/", open_data.open_data_home, name="open_data"),
    path("exchange/", tables.exchange_home, name="home"),
    path("exchange/webhooks/", webhooks.webhook_list, name="webhook_list"),
    path("exchange/webhooks/<int:pk>/", webhooks.webhook_detail, name="webhook_detail"),
    path("exchange/webhooks/<int:pk>/toggle/", webhooks.webhook_toggle, name="webhook_toggle"),
    path("exchange/webhooks/<int:pk>/delete/", webhooks.webhook_delete, name="webhook_delete"),
    path("exchange/templates/<slug:kind>.<str:fmt>", tables.template_download, name="template"),
    path("exchange/export/<slug:kind>.<str:fmt>", tables.export_dataset, name="export"),
    path("exchange/exports/<int:pk>/", tables.export_job, name="export_job"),
    path("exchange/imports/", tables.import_history, name="import_history"),
    path("exchange/imports/new/", tables.import_start, name="import_start"),
    path("exchange/imports/<int:pk>/", tables.import_run, name="import_run"),
    path("exchange/imports/<int:pk>/import/", tables.import_commit, name="import_commit"),
]
