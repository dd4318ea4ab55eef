"""The daily duties: work each app registers to run once every morning.

An app registers a duty in its ``AppConfig.ready()``::

    duty_register(name="deadline_reminders", run=deadline_reminders)

``run`` takes the day and returns what it did as counts (``{"sent": 3}``). A duty owns its
transactions: it writes in one atomic block and sends e-mail after it, so a duty that fails
leaves nothing half-written. Duties run in the order they were registered (the apps' order
in INSTALLED_APPS).

``daily_duties_run`` runs them all for a day, once: a ``DailyRun`` row per day makes any
second start on the same day do nothing, so a cron job and a worker, or two workers, can
never do anything twice. One duty that fails is logged and recorded in the report; the
others still run. The report (counts per duty) is stored on the ``DailyRun`` and printed
by ``trepart daily``. ``duties_schedule.py`` runs this every morning from the worker.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction

from trepart.platform.models import DailyRun

logger = logging.getLogger(__name__)

DutyRun = Callable[[datetime.date], Mapping[str, int]]


@dataclass(frozen=True)
class Duty:
    name: str
    run: DutyRun


_registry: dict[str, Duty] = {}


def duty_register(*, name: str, run: DutyRun) -> None:
    """Add a daily duty. Registering the same duty again changes nothing; another duty
    under a name already taken is a configuration error (its report would be lost)."""
    existing = _registry.get(name)
    if existing is not None and existing.run is not run:
        raise ImproperlyConfigured(f"Two daily duties are named {name!r}.")
    _registry[name] = Duty(name=name, run=run)


def registered_duties() -> list[Duty]:
    return list(_registry.values())


@dataclass
class DailyReport:
    """What one day's duties did: counts per duty, and the duties that failed (with the
    error, whose traceback is in the log)."""

    day: datetime.date
    already_ran: bool = False
    duties: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "already_ran": self.already_ran,
            "duties": self.duties,
            "errors": self.errors,
        }


def daily_duties_run(*, day: datetime.date) -> DailyReport:
    """Run every registered duty for ``day``, unless that day has already run."""
    report = DailyReport(day=day)
    try:
        with transaction.atomic():
            run = DailyRun.objects.create(day=day)
    except IntegrityError:
        report.already_ran = True
        return report
    for duty in registered_duties():
        try:
            counts = duty.run(day)
        except Exception as error:
            # One duty's failure must not cost the others their day.
            logger.exception("The daily duty %r failed for %s", duty.name, day)
            report.errors[duty.name] = f"{type(error).__name__}: {error}"
        else:
            report.duties[duty.name] = dict(counts)
    DailyRun.objects.filter(pk=run.pk).update(report=report.as_dict())
    return report
