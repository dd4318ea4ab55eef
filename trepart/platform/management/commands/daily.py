"""``trepart daily``: run the day's duties now and print what each did."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from trepart.platform.duties import DailyReport, daily_duties_run


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--date takes a date like 2026-11-23, not {value!r}.") from error


def report_lines(report: DailyReport) -> list[str]:
    """The report as text: each duty with its counts, then the duties that failed."""
    lines = [f"Daily duties for {report.day:%Y-%m-%d}:"]
    for name, counts in report.duties.items():
        lines.append(f"  {_words(name)}:")
        width = max((len(_words(key)) for key in counts), default=0) + 1
        lines += [f"    {_words(key) + ':':<{width}} {value}" for key, value in counts.items()]
    for name, error in report.errors.items():
        lines.append(f"  {_words(name)}: FAILED ({error}); see the log")
    return lines


def _words(key: str) -> str:
    return key.replace("_", " ")


class Command(BaseCommand):
    help = (
        "Run the day's duties now (deadline reminders, the daily digest, closing survey "
        "rounds …) and print what each did. Runs once a day: a second run for the same day "
        "does nothing. For cron, instead of `trepart worker`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day to run for, YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, date: str | None, **options: Any) -> None:
        day = _date(date) if date else timezone.localdate()
        report = daily_duties_run(day=day)
        if report.already_ran:
            self.stdout.write(
                f"The daily duties for {day:%Y-%m-%d} have already run: nothing done."
            )
            return
        self.stdout.write("\n".join(report_lines(report)))
        if report.errors:
            # A cron job's exit status shows that something needs looking at.
            raise CommandError(f"{len(report.errors)} daily duty(ies) failed.")
