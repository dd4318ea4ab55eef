"""When the daily duties run: every morning at ``TREPART_DAILY_AT`` (local time), from
``trepart worker`` (django-tasks, database backend).

Each run queues the next one, and the worker queues one when it starts. Because a day's
duties run once whoever starts them (see ``duties.py``), an extra run is harmless.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django_tasks import TaskResult, task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from trepart.platform.duties import daily_duties_run
from trepart.platform.models import DailyRun


@task()
def daily_duties(day: str | None = None) -> dict[str, Any]:
    """Run the duties of ``day`` (ISO date; default: today), then queue tomorrow's run."""
    try:
        run_day = datetime.date.fromisoformat(day) if day else timezone.localdate()
        return daily_duties_run(day=run_day).as_dict()
    finally:
        # Only the next regular run: a failing day must not queue itself again at once.
        daily_schedule(catch_up=False)


def daily_at() -> datetime.time:
    """The local time of day the daily duties run (``TREPART_DAILY_AT``, "HH:MM")."""
    value = settings.TREPART_DAILY_AT
    try:
        return datetime.time.fromisoformat(value)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"TREPART_DAILY_AT must be a time of day like 06:00, not {value!r}."
        ) from error


def next_daily_run(now: datetime.datetime) -> datetime.datetime:
    """The first moment at ``daily_at()`` local time after ``now``."""
    zone = timezone.get_default_timezone()
    local = timezone.localtime(now, zone)
    at = daily_at()
    candidate = datetime.datetime.combine(local.date(), at, tzinfo=zone)
    if candidate <= local:
        candidate = datetime.datetime.combine(
            local.date() + datetime.timedelta(days=1), at, tzinfo=zone
        )
    return candidate


def daily_schedule(
    *, now: datetime.datetime | None = None, catch_up: bool = True
) -> list[TaskResult[Any]]:
    """Make sure the daily duties are queued; returns what was queued now.

    Queues the next regular run unless one is already waiting. With ``catch_up`` (when the
    worker starts) today's duties are also queued to run at once if today's time has passed
    and they have not run yet. Needs a backend that can run tasks later; with one that runs
    them at once (as in tests) nothing is queued.
    """
    backend = daily_duties.get_backend()
    if not backend.supports_defer:
        return []
    now = now or timezone.now()
    queued: list[TaskResult[Any]] = []
    local = timezone.localtime(now, timezone.get_default_timezone())
    if (
        catch_up
        and local.time() >= daily_at()
        and not DailyRun.objects.filter(day=local.date()).exists()
        and not _waiting(now, due_now=True)
    ):
        queued.append(daily_duties.enqueue())
    if not _waiting(now, due_now=False):
        queued.append(daily_duties.using(run_after=next_daily_run(now)).enqueue())
    return queued


def _waiting(now: datetime.datetime, *, due_now: bool) -> bool:
    """Whether a daily run is already queued: to run now, or later (within a day)."""
    backend = daily_duties.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return False
    waiting = DBTaskResult.objects.filter(
        task_path=daily_duties.module_path, backend_name=backend.alias
    )
    if due_now:
        return waiting.ready().exists()
    return (
        waiting.filter(status="READY", run_after__gt=now)
        .filter(run_after__lte=now + datetime.timedelta(days=1))
        .exists()
    )
