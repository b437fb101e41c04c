import json
import os
import subprocess
import sys


def test_healthz_reports_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["status"] == "ok"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_is_unreachable(tmp_path):
    # A real unreachable database: an SQLite file in a folder that does not exist.
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(json.dumps({'status': r.status_code, 'body': r.json()}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "learningcity.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path}/missing-folder/db.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["status"] == 503
    assert outcome["body"]["database"]["status"] == "unavailable"


def test_readyz_reports_the_database_and_the_job_queue(client, db, settings):
    assert client.get("/readyz").json()["jobs"] == {"status": "ok", "backend": "immediate"}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    from learningcity.exchange.tasks import retry_webhooks

    retry_webhooks.enqueue()
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ok"
    assert body["database"]["status"] == "ok"
    assert body["jobs"]["backend"] == "database" and body["jobs"]["waiting"] == 1


def test_readyz_is_503_when_the_job_queue_cannot_be_reached(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["jobs"]["status"] == "unavailable"
    assert client.get("/healthz").status_code == 200  # alive, only not ready


def test_healthz_trusts_a_good_answer_for_a_second_and_never_a_failure(client, db, monkeypatch):
    """A load balancer may probe hundreds of times a second: a good answer from the database
    is leaned on for LIVENESS_TRUST_SECONDS; a failure is asked again on the next probe."""
    from learningcity.core import health

    clock = [1000.0]
    monkeypatch.setattr(health.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(health, "_answered_at", {})
    asked = []
    real_state = health.database_state

    def counted(alias="default"):
        asked.append(alias)
        return real_state(alias)

    monkeypatch.setattr(health, "database_state", counted)
    assert client.get("/healthz").json()["database"]["status"] == "ok"
    clock[0] += 0.5
    body = client.get("/healthz").json()
    assert body["database"] == {"status": "ok", "vendor": body["database"]["vendor"], "checked_ms_ago": 500}
    assert len(asked) == 1
    clock[0] += 0.6  # past the second: asked again
    client.get("/healthz")
    assert len(asked) == 2

    def unreachable(alias="default"):
        asked.append(alias)
        return {"status": "unavailable", "vendor": "sqlite", "error": "OperationalError"}

    clock[0] += 1.1
    monkeypatch.setattr(health, "database_state", unreachable)
    assert client.get("/healthz").status_code == 503
    assert client.get("/healthz").status_code == 503  # asked again, not kept
    assert len(asked) == 4
