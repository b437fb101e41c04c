"""Addresses of the credentials' issuer, keys and revocation list: published inside every
certificate's credential, so they are stable and carry no language prefix."""

from django.urls import path

from learningcity.catalogue.views import credentials

app_name = "credentials"

urlpatterns = [
    path("issuer", credentials.issuer, name="issuer"),
    path("keys", credentials.key_set, name="key_set"),
    path("keys/<str:kid>", credentials.key, name="key"),
    path("status/revocation", credentials.revocation_list, name="revocation_list"),
]
