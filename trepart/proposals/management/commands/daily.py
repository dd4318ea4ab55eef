"""``trepart daily``: run the day's deadline reminders and digest now."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from trepart.proposals.duties import daily_duties


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--date takes a date like 2026-11-23, not {value!r}.") from error


class Command(BaseCommand):
    help = (
        "Send the day's deadline reminders (chairs; the coordination group after the grace "
        "period) and the daily digest now, and print what was done. Runs once a day: a "
        "second run for the same day does nothing. For cron, instead of `trepart worker`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day to run for, YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, date: str | None, **options: Any) -> None:
        day = _date(date) if date else timezone.localdate()
        report = daily_duties(day=day)
        if report.already_ran:
            self.stdout.write(
                f"The daily duties for {day:%Y-%m-%d} have already run: nothing done."
            )
            return
        self.stdout.write(
            "\n".join(
                [
                    f"Daily duties for {day:%Y-%m-%d}:",
                    f"  overdue proposals:               {report.overdue}",
                    f"  chair reminders:                 {report.chair_reminders} proposal(s) "
                    f"in {report.chair_messages} message(s)",
                    f"  coordination group told:         {report.coordination_reminders} "
                    f"proposal(s) in {report.coordination_messages} message(s)",
                    f"  overdue with nobody to remind:   {report.without_recipient}",
                    f"  digests:                         {report.digest_messages} message(s) "
                    f"with {report.digest_notifications} notification(s)",
                    f"  messages the mail server refused: {report.failed}",
                    f"  survey rounds closed:            {report.surveys_closed}",
                ]
            )
        )
