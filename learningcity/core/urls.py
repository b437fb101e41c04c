from django.urls import path

from learningcity.core import files, views

app_name = "core"

urlpatterns = [
    path("learning-cities/", views.geography, name="geography"),
    path("audit/", views.audit_log, name="audit_log"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("documents/<slug:kind>/<int:pk>/", files.document_download, name="document"),
]
