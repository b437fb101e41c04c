from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from identity_provider.validator import MODE


@csrf_exempt
def control(request: HttpRequest) -> HttpResponse:
    """For the tests: how the next ID tokens are made ("ok", "expired", "wrong_key")."""
    if request.method != "POST" or request.POST.get("id_token") not in ("ok", "expired", "wrong_key"):
        return HttpResponseForbidden()
    MODE["id_token"] = request.POST["id_token"]
    return HttpResponse(MODE["id_token"])


urlpatterns = [
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("control/", control),
]
