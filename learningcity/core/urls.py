from django.urls import path

from learningcity.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("learning-cities/", views.geography, name="geography"),
    path("audit/", views.audit_log, name="audit_log"),
]
