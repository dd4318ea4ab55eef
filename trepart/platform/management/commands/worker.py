"""``trepart worker``: run the background work — the outbox's e-mail, and the daily duties."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django_tasks_db import DatabaseBackend

from trepart.platform.duties_schedule import daily_duties, daily_schedule, next_daily_run


class Command(BaseCommand):
    help = (
        "Run Trepart's background work from the database queue: e-mail, and the daily "
        "duties (deadline reminders, the digest …) at TREPART_DAILY_AT. Runs until stopped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval",
            type=float,
            default=2.0,
            help="seconds to wait when the queue is empty (default 2)",
        )
        parser.add_argument(
            "--batch",
            action="store_true",
            help="run what is due now, then stop (for a cron job instead of a service)",
        )

    def handle(self, *args: Any, interval: float, batch: bool, **options: Any) -> None:
        backend = daily_duties.get_backend()
        if not isinstance(backend, DatabaseBackend):
            raise CommandError(
                "The worker runs tasks stored in the database, but TREPART_TASK_BACKEND "
                f"is {type(backend).__module__}.{type(backend).__name__}."
            )
        queued = daily_schedule()
        when = timezone.localtime(next_daily_run(timezone.now()))
        self.stdout.write(
            f"Daily duties: next run {when:%Y-%m-%d %H:%M}"
            + (f" ({len(queued)} run(s) queued now)." if queued else ".")
        )
        self.stdout.flush()
        call_command(
            "db_worker",
            queue_name=daily_duties.queue_name,
            interval=interval,
            batch=batch,
            reload=False,
            startup_delay=not batch,
            backend_name=backend.alias,
            verbosity=options.get("verbosity", 1),
            stdout=self.stdout,
            stderr=self.stderr,
        )
