from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider.models import Application

from identity_provider.validator import MODE


@csrf_exempt
def control(request: HttpRequest) -> HttpResponse:
    """For the tests: how the next ID tokens are made (id_token: "ok", "expired",
    "wrong_key"), and another address of the platform to send people back to (rp)."""
    if request.method != "POST":
        return HttpResponseForbidden()
    if request.POST.get("id_token") in ("ok", "expired", "wrong_key"):
        MODE["id_token"] = request.POST["id_token"]
    if rp := request.POST.get("rp", "").rstrip("/"):
        for application in Application.objects.all():
            application.redirect_uris += f" {rp}/identity/{application.name}/callback/"
            application.post_logout_redirect_uris += f" {rp}/"
            application.save(update_fields=["redirect_uris", "post_logout_redirect_uris"])
    return HttpResponse(MODE["id_token"])


urlpatterns = [
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("control/", control),
]
