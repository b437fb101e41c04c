"""Production mode: refuses to start without its secrets and passes Django's deploy checks."""

import os
import subprocess
import sys

import pytest

PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "x9!kQ2#vLp7@Zr4$Tm8^Wc1&Yb6*Nd3(Hf5)Jg0-Se2=Ua7+Ri4",
    "ALLOWED_HOSTS": "learningcity.example.sa",
    "CREDENTIAL_SIGNING_KEY": "Jq3v0kVYbJ1dAe0m9w9f7mDq1b0Qk3oP2x6rT8uVwXs",
    # What docs/deployment.md asks for: a shared cache and the one nginx in front.
    "CACHE_BACKEND": "redis",
    "PROXY_COUNT": "1",
}


def _run(args: list[str], extra_env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for this process; a deployment never has it.
    ignored = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in ignored}
    env.update({"DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3", "LEARNINGCITY_DATA_DIR": str(tmp_path)})
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "-m", "learningcity.manage", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "CREDENTIAL_SIGNING_KEY"])
def test_production_refuses_to_start_without(missing, tmp_path):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = _run(["check"], env, tmp_path)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_passes_check_deploy_without_warnings(tmp_path):
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_a_shared_cache_or_a_proxy_count_fails_the_deploy_check(tmp_path):
    per_process = _run(["check", "--deploy"], {**PRODUCTION_ENV, "CACHE_BACKEND": "local"}, tmp_path)
    assert per_process.returncode != 0 and "learningcity.E001" in per_process.stderr + per_process.stdout
    no_proxy = _run(
        ["check", "--deploy", "--fail-level", "WARNING"], {**PRODUCTION_ENV, "PROXY_COUNT": "0"}, tmp_path
    )
    assert no_proxy.returncode != 0 and "learningcity.W001" in no_proxy.stderr + no_proxy.stdout


def test_production_sets_secure_headers(tmp_path):
    script = (
        "import django; django.setup();"
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.DEBUG)"
    )
    env = {
        **os.environ,
        **PRODUCTION_ENV,
        "DJANGO_SETTINGS_MODULE": "learningcity.settings",
        "LEARNINGCITY_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["True", "True", "31536000", "True", "False"], result.stderr


def test_content_security_policy_forbids_inline_scripts(client, db):
    policy = client.get("/ar/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy


def test_pages_and_the_api_refuse_the_browsers_powerful_features(client, db):
    for address in ("/ar/", "/en/opportunities/", "/api/v1/"):
        header = client.get(address)["Permissions-Policy"]
        features = dict(part.strip().split("=", 1) for part in header.split(","))
        assert features["camera"] == features["geolocation"] == features["microphone"] == "()"
        assert features["payment"] == "()"


def test_sqlite_uses_wal_and_a_busy_timeout(settings):
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert "journal_mode=WAL" in options["init_command"]
        assert options["timeout"] >= 5


SCALE_OUT_ENV = {
    **PRODUCTION_ENV,
    "MEDIA_STORAGE": "s3",
    "S3_BUCKET": "learningcity-media",
    "S3_PRIVATE_BUCKET": "learningcity-private",
    "S3_ENDPOINT_URL": "https://objects.example.sa",
    "CACHE_BACKEND": "redis",
    "CACHE_REDIS_URL": "redis://cache.internal:6379/1",
    "TASKS_BACKEND": "rq",
}
SHOW_STORAGE = (
    "from django.core.files.storage import storages;"
    "default_storage = storages['default'];"
    "from django.conf import settings;"
    "from learningcity.exchange.models import private_storage;"
    "p = private_storage();"
    "print(type(default_storage).__name__, default_storage.bucket_name, default_storage.querystring_auth);"
    "print(type(p).__name__, p.bucket_name, p.querystring_auth, p.endpoint_url);"
    "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'])"
)


def test_the_scale_out_settings_put_files_on_object_storage_and_the_cache_in_redis(tmp_path):
    """The production layout of docs/deployment.md: media and private files in two buckets (the
    private one signed, never public), one cache for every web process, the RQ job queue."""
    result = _run(["shell", "--no-imports", "-c", SHOW_STORAGE], SCALE_OUT_ENV, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "S3Storage learningcity-media False",
        "S3Storage learningcity-private True https://objects.example.sa",
        "django.core.cache.backends.redis.RedisCache redis://cache.internal:6379/1",
    ]
    assert _run(["check", "--deploy", "--fail-level", "WARNING"], SCALE_OUT_ENV, tmp_path).returncode == 0


def test_object_storage_needs_its_buckets_named(tmp_path):
    env = {key: value for key, value in SCALE_OUT_ENV.items() if key != "S3_PRIVATE_BUCKET"}
    result = _run(["check"], env, tmp_path)
    assert result.returncode != 0 and "S3_PRIVATE_BUCKET must be set" in result.stderr


def test_what_a_signed_in_person_sees_is_never_kept_by_a_cache(db, coordinator_a, entity_a):
    from django.urls import reverse

    from tests.conftest import client_for
    from tests.factories import LearnerFactory, OpportunityFactory, SessionFactory

    session = SessionFactory(opportunity=OpportunityFactory(provider=entity_a))
    coordinator = client_for(coordinator_a)
    registrants = f"/ar/opportunities/manage/sessions/{session.pk}/registrants/"
    for response in (
        coordinator.get(registrants),
        coordinator.get(registrants, {"export": "csv"}),
        coordinator.get(registrants, {"export": "xlsx"}),
        client_for(LearnerFactory().user).get(reverse("catalogue:my_learning")),
        client_for(LearnerFactory().user).get(reverse("catalogue:my_data")),
    ):
        assert response.status_code == 200
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives
    from django.test import Client

    assert "no-store" not in Client().get("/ar/opportunities/").get("Cache-Control", "")
