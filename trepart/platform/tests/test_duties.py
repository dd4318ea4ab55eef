"""The daily duties: the registry, once a day whoever starts them, one failing duty that does
not stop the others, the report; the task, the schedule and the `worker` and `daily`
commands."""

from __future__ import annotations

import datetime
import zoneinfo
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from trepart.platform import duties, duties_schedule
from trepart.platform.duties import Duty, daily_duties_run, duty_register, registered_duties
from trepart.platform.models import DailyRun

pytestmark = pytest.mark.django_db

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
MONDAY = datetime.date(2026, 11, 23)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Recorder:
    """A duty that remembers the days it ran for."""

    def __init__(self) -> None:
        self.days: list[datetime.date] = []

    def __call__(self, day: datetime.date) -> dict[str, int]:
        self.days.append(day)
        return {"done": len(self.days), "left_over": 0}


def broken(day: datetime.date) -> dict[str, int]:
    raise RuntimeError("the archive is down")


@pytest.fixture
def only(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run the given duties instead of the registered ones."""

    def use(*pairs: tuple[str, Any]) -> None:
        monkeypatch.setattr(
            duties, "_registry", {name: Duty(name=name, run=run) for name, run in pairs}
        )

    return use


# --- The registry ------------------------------------------------------------------------------


def test_each_app_registers_its_own_duties_in_the_order_of_the_apps() -> None:
    names = [duty.name for duty in registered_duties()]
    assert names == [
        "digest",
        "deadline_reminders",
        "survey_rounds",
        "projects_recommended",
        "redeployment_offers",
        "redeployment_rights_lapse",
        "community_grant_reports",
        "training_reminders",
        "library_versions_supersede",
    ]


def test_registering_again_is_harmless_but_a_second_duty_of_the_same_name_is_refused(
    only: Any,
) -> None:
    recorder = Recorder()
    only(("first", recorder))
    duty_register(name="first", run=recorder)
    assert len(registered_duties()) == 1
    with pytest.raises(ImproperlyConfigured, match="first"):
        duty_register(name="first", run=Recorder())


# --- Running ---------------------------------------------------------------------------------


def test_a_day_runs_every_duty_once_and_keeps_the_report(only: Any) -> None:
    first, second = Recorder(), Recorder()
    only(("first", first), ("second", second))

    report = daily_duties_run(day=MONDAY)
    again = daily_duties_run(day=MONDAY)

    assert report.duties == {
        "first": {"done": 1, "left_over": 0},
        "second": {"done": 1, "left_over": 0},
    }
    assert not report.already_ran
    assert again.already_ran
    assert again.duties == {}
    assert first.days == second.days == [MONDAY]
    stored = DailyRun.objects.get(day=MONDAY).report
    assert stored == {
        "day": "2026-11-23",
        "already_ran": False,
        "duties": report.duties,
        "errors": {},
    }


def test_a_failing_duty_is_logged_and_recorded_and_the_others_still_run(
    only: Any, caplog: pytest.LogCaptureFixture
) -> None:
    before, after = Recorder(), Recorder()
    only(("before", before), ("broken", broken), ("after", after))

    report = daily_duties_run(day=MONDAY)

    assert before.days == after.days == [MONDAY]
    assert set(report.duties) == {"before", "after"}
    assert report.errors == {"broken": "RuntimeError: the archive is down"}
    assert DailyRun.objects.get(day=MONDAY).report["errors"] == report.errors
    [record] = [r for r in caplog.records if r.name == "trepart.platform.duties"]
    assert "'broken'" in record.getMessage()
    assert record.exc_info is not None


def test_a_quiet_day_with_the_registered_duties_is_recorded() -> None:
    report = daily_duties_run(day=MONDAY)
    assert report.errors == {}
    assert set(report.duties) == {
        "digest",
        "deadline_reminders",
        "survey_rounds",
        "projects_recommended",
        "redeployment_offers",
        "redeployment_rights_lapse",
        "community_grant_reports",
        "training_reminders",
        "library_versions_supersede",
    }
    assert report.duties["digest"] == {"messages": 0, "notifications": 0, "refused": 0}
    assert DailyRun.objects.filter(day=MONDAY).exists()


# --- The task and the schedule ---------------------------------------------------------------


def test_daily_task_runs_the_duties_and_returns_the_report(only: Any) -> None:
    only(("first", Recorder()))
    with time_machine.travel(datetime.datetime(2026, 11, 23, 12, tzinfo=OSLO), tick=False):
        result = duties_schedule.daily_duties.enqueue()
    assert result.return_value is not None
    assert result.return_value["duties"] == {"first": {"done": 1, "left_over": 0}}
    assert result.return_value["day"] == "2026-11-23"
    again = duties_schedule.daily_duties.enqueue("2026-11-23")
    assert again.return_value is not None
    assert again.return_value["already_ran"] is True


def test_next_run_is_at_the_configured_local_time(settings: Any) -> None:
    settings.TREPART_DAILY_AT = "07:30"
    early = datetime.datetime(2026, 11, 23, 5, 0, tzinfo=OSLO)
    late = datetime.datetime(2026, 11, 23, 8, 0, tzinfo=OSLO)
    next_run = duties_schedule.next_daily_run
    assert next_run(early) == datetime.datetime(2026, 11, 23, 7, 30, tzinfo=OSLO)
    assert next_run(late) == datetime.datetime(2026, 11, 24, 7, 30, tzinfo=OSLO)
    # Across the change to summer time the local hour stays the same.
    spring = datetime.datetime(2026, 3, 28, 9, 0, tzinfo=OSLO)
    assert next_run(spring).isoformat() == "2026-03-29T07:30:00+02:00"


def test_a_bad_daily_time_is_a_clear_configuration_error(settings: Any) -> None:
    settings.TREPART_DAILY_AT = "kl. 6"
    with pytest.raises(ImproperlyConfigured, match="TREPART_DAILY_AT"):
        duties_schedule.daily_at()


def daily_rows() -> Any:
    return DBTaskResult.objects.filter(task_path=duties_schedule.daily_duties.module_path)


def test_schedule_queues_tomorrows_run_and_todays_if_it_is_missed(settings: Any) -> None:
    settings.TASKS = DATABASE_TASKS
    now = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=OSLO)

    queued = duties_schedule.daily_schedule(now=now)

    assert len(queued) == 2
    rows = daily_rows()
    assert rows.count() == 2
    run_afters = sorted(row.run_after for row in rows)
    assert run_afters[0] == datetime.datetime(2026, 11, 24, 6, 0, tzinfo=OSLO)
    # One to run now (today's 06:00 has passed and today has not run), one tomorrow.
    with time_machine.travel(now, tick=False):
        assert rows.ready().count() == 1
    # Starting again queues nothing more: duplicates are avoided, not just harmless.
    assert duties_schedule.daily_schedule(now=now) == []
    assert rows.count() == 2


def test_schedule_before_the_daily_time_or_after_todays_run_only_queues_the_next(
    settings: Any,
) -> None:
    settings.TASKS = DATABASE_TASKS
    early = datetime.datetime(2026, 11, 23, 5, 0, tzinfo=OSLO)
    [queued] = duties_schedule.daily_schedule(now=early)
    row = DBTaskResult.objects.get(pk=queued.id)
    assert row.run_after == datetime.datetime(2026, 11, 23, 6, 0, tzinfo=OSLO)

    DBTaskResult.objects.all().delete()
    DailyRun.objects.create(day=datetime.date(2026, 11, 23))
    later = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=OSLO)
    [queued] = duties_schedule.daily_schedule(now=later)
    row = DBTaskResult.objects.get(pk=queued.id)
    assert row.run_after == datetime.datetime(2026, 11, 24, 6, 0, tzinfo=OSLO)


def test_schedule_does_nothing_with_a_backend_that_runs_tasks_at_once() -> None:
    assert duties_schedule.daily_schedule() == []


# --- The commands ----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_worker_schedules_the_daily_duties_and_runs_what_is_due(settings: Any) -> None:
    settings.TASKS = DATABASE_TASKS
    out = StringIO()
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0, tzinfo=OSLO), tick=False):
        call_command("worker", batch=True, verbosity=0, stdout=out)

    assert "Daily duties: next run 2026-11-24 06:00" in out.getvalue()
    assert DailyRun.objects.filter(day=datetime.date(2026, 11, 23)).exists()
    rows = daily_rows()
    assert sorted(row.status for row in rows) == ["READY", "SUCCESSFUL"]
    waiting = rows.get(status="READY")
    assert waiting.run_after == datetime.datetime(2026, 11, 24, 6, 0, tzinfo=OSLO)


def test_worker_refuses_a_backend_that_is_not_the_database() -> None:
    with pytest.raises(CommandError, match="TREPART_TASK_BACKEND"):
        call_command("worker", batch=True)


def test_daily_command_prints_each_duty_and_runs_once(only: Any) -> None:
    only(("first_duty", Recorder()))
    out = StringIO()
    with time_machine.travel(datetime.datetime(2026, 11, 8, 12, tzinfo=OSLO), tick=False):
        call_command("daily", stdout=out)
    assert out.getvalue() == (
        "Daily duties for 2026-11-08:\n  first duty:\n    done:      1\n    left over: 0\n"
    )

    again = StringIO()
    call_command("daily", "--date", "2026-11-08", stdout=again)
    assert "already run" in again.getvalue()


def test_daily_command_names_a_failed_duty_and_fails(only: Any) -> None:
    only(("broken", broken), ("first", Recorder()))
    out = StringIO()
    with pytest.raises(CommandError, match="1 daily duty"):
        call_command("daily", "--date", "2026-11-08", stdout=out)
    # The duty after the broken one ran; the failure is named last, where it is seen.
    assert out.getvalue().endswith(
        "  first:\n    done:      1\n    left over: 0\n"
        "  broken: FAILED (RuntimeError: the archive is down); see the log\n"
    )


def test_daily_command_refuses_a_bad_date() -> None:
    with pytest.raises(CommandError, match="2026-11-23"):
        call_command("daily", "--date", "23.11.2026")
