"""The limit the platform's pages are measured against: a bare Django 5.2 project in its own
process — one view returning a small page, no middleware, no database, no templates — served
by the same gunicorn the same way (bench/bench_http.py)."""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bare-django-bench",  # noqa: S106 - a benchmark's throwaway project
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)

PAGE = "<!doctype html><html lang=ar dir=rtl><meta charset=utf-8><title>منصة مدن التعلم</title><p>مرحبًا</p></html>"


def page(request):
    return HttpResponse(PAGE)


urlpatterns = [path("", page)]
application = get_wsgi_application()
