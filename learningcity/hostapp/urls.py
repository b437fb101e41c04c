from django.urls import path

from learningcity.hostapp import views

app_name = "hostapp"

urlpatterns = [
    path("host/", views.app, name="app"),
    path("host/sw.js", views.service_worker, name="service_worker"),
    path("host/manifest.webmanifest", views.manifest, name="manifest"),
    path("host/day.json", views.day, name="day"),
    path("host/token.json", views.token, name="token"),
    path("host/sessions/<int:pk>/walk-in-places/", views.walk_in_places, name="walk_in_places"),
    path("host/sync/", views.sync, name="sync"),
]
