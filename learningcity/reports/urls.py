from django.urls import path

from learningcity.reports import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.index, name="index"),
    path("reports/city.pdf", views.city_pdf, name="city_pdf"),
    path("reports/city.xlsx", views.city_xlsx, name="city_xlsx"),
    path("reports/initiatives/<int:pk>.pdf", views.initiative_pdf, name="initiative_pdf"),
    path("reports/gnlc/new/", views.gnlc_create, name="gnlc_create"),
    path("reports/gnlc/<int:pk>/", views.gnlc_detail, name="gnlc_detail"),
    path("reports/gnlc/<int:pk>/report.pdf", views.gnlc_pdf, name="gnlc_pdf"),
    path("reports/gnlc/<int:pk>/report.xlsx", views.gnlc_xlsx, name="gnlc_xlsx"),
    path("reports/gnlc/<int:pk>/versions/", views.gnlc_versions, name="gnlc_versions"),
    path("reports/archive/", views.archive, name="archive"),
    path("reports/archive/<int:pk>/", views.archive_download, name="archive_download"),
    path("reports/subscriptions/", views.subscribe, name="subscribe"),
    path("reports/subscriptions/<int:pk>/delete/", views.unsubscribe, name="unsubscribe"),
]
