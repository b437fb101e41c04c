"""Background jobs on the real backends: the database queue with its worker, and Redis (RQ)
when a Redis server answers on 127.0.0.1:6379."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from learningcity.exchange.models import ImportRun
from learningcity.partners.models import Entity
from tests.conftest import client_for
from tests.factories import GovernorateFactory

pytestmark = pytest.mark.django_db(transaction=True)

CSV = "external_id,name_ar,sector,entity_type\nJ-1,جهة عبر المهمة,government,school\n".encode()


def _start_import(manager) -> ImportRun:
    GovernorateFactory()
    response = client_for(manager).post(
        "/ar/exchange/imports/new/", {"kind": "partners", "file": SimpleUploadedFile("j.csv", CSV)}
    )
    assert response.status_code == 302
    return ImportRun.objects.get()


def test_the_database_queue_holds_jobs_until_the_worker_runs_them(settings, manager):
    settings.TASKS_BACKEND = "database"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    run = _start_import(manager)
    assert run.status == "queued"
    page = client_for(manager).get(f"/ar/exchange/imports/{run.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in page  # the page keeps asking while it waits
    call_command("worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())
    run.refresh_from_db()
    assert run.status == "done" and run.report["created"] == 1 and run.rows_done == 1
    assert not Entity.objects.filter(external_id="J-1").exists()  # a check writes nothing


def test_periodic_jobs_are_enqueued_and_run(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    from django_tasks_db.models import DBTaskResult

    out = io.StringIO()
    call_command("enqueue_jobs", "hourly", stdout=out)
    # reminders, upcoming sessions, webhooks, embeddings, messages due (retries, the morning's
    # SMS), offers from waiting lists that lapsed
    assert out.getvalue().count("Queued") == 6
    assert "Queued lapse_due_offers" in out.getvalue()
    daily = io.StringIO()
    call_command("enqueue_jobs", "daily", stdout=daily)
    # Each app registers its own (core/tasks.periodic): retention, computed indicators,
    # monthly reports, action-item reminders.
    for job in (
        "apply_retention",
        "compute_indicators",
        "send_monthly_reports",
        "send_action_item_reminders",
    ):
        assert f"Queued {job}" in daily.getvalue(), job
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(), stderr=io.StringIO())
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def _redis_up() -> bool:
    try:
        import redis

        return redis.Redis.from_url("redis://127.0.0.1:6379/15", socket_connect_timeout=0.5).ping()
    except Exception:  # any failure means no Redis here
        return False


@pytest.mark.skipif(not _redis_up(), reason="needs Redis on 127.0.0.1:6379")
def test_the_redis_queue_runs_jobs_through_an_rq_worker(settings, manager):
    import django_rq

    settings.TASKS_BACKEND = "rq"
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/15", "DEFAULT_TIMEOUT": 60}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    django_rq.get_queue("default").empty()
    run = _start_import(manager)
    assert run.status == "queued"
    worker = django_rq.get_worker(
        "default", worker_class="rq.worker.SimpleWorker", job_class="django_tasks_rq.Job"
    )
    worker.work(burst=True)
    run.refresh_from_db()
    assert run.status == "done" and run.report["created"] == 1
