import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Run the background-job worker for the configured TASKS_BACKEND: the database worker by default, "
        "the RQ worker with TASKS_BACKEND=rq. --batch processes what is queued and exits."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Process the queued jobs, then exit.")

    def handle(self, *args, **options):
        backend = settings.TASKS_BACKEND
        if backend not in ("database", "rq"):
            raise CommandError("TASKS_BACKEND=immediate runs jobs at once; there is no worker to start.")
        self._recover_and_watch(batch=options["batch"])
        if backend == "database":
            arguments = ["--queue-name", "default", "--no-startup-delay"]
            if options["batch"]:
                arguments.append("--batch")
            call_command("db_worker", *arguments)
        elif backend == "rq":
            # django-tasks-rq runs its tasks through its own Job class.
            arguments = ["default", "--job-class", "django_tasks_rq.Job"]
            call_command("rqworker", *arguments, *(["--burst"] if options["batch"] else []))

    def _recover_and_watch(self, *, batch: bool) -> None:
        """Jobs left running by a worker that died are retried or failed before this worker
        takes new ones, and again every JOB_LEASE_CHECK_SECONDS while it runs."""
        from learningcity.core.leases import recover_abandoned_jobs, watch

        for lease, outcome in recover_abandoned_jobs():
            self.stdout.write(
                f"{lease.kind} {lease.object_id}: its worker {lease.host}:{lease.pid} stopped; {outcome}"
            )
        if not batch:
            threading.Thread(target=watch, args=(threading.Event(),), name="job-leases", daemon=True).start()
