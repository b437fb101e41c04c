from django.urls import path

from learningcity.exchange import views

app_name = "exchange"

urlpatterns = [
    path("api-tokens/", views.token_list, name="token_list"),
    path("api-tokens/<int:pk>/revoke/", views.token_revoke_view, name="token_revoke"),
]
