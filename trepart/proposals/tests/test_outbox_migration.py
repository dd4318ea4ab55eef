"""The upgrade that moved the outbox and the daily runs from proposals to the platform keeps
every row: ids, times, the link to the proposal, a message still waiting for the digest, and
the tasks queued under the old module paths; and it can be undone."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from trepart.platform.duties_schedule import daily_duties
from trepart.platform.mail import send_notification
from trepart.platform.mail_digest import digest_send
from trepart.platform.models import DailyRun, Notification
from trepart.proposals.models import Proposal
from trepart.proposals.tests.world import build_world, submit

BEFORE: list[tuple[str, str | None]] = [
    ("platform", None)
]  # proposals 0003, before the platform had the outbox
OLD_SEND = "trepart.proposals.tasks.send_notification"
OLD_DAILY = "trepart.proposals.tasks.daily_duties"
WRITTEN = datetime.datetime(2026, 11, 20, 9, 15, tzinfo=datetime.UTC)


def migrate(targets: list[tuple[str, str | None]]) -> Any:
    """Migrate the database to ``targets`` (the newest state if empty); the models then."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    loader = MigrationExecutor(connection).loader
    return loader.project_state(list(loader.applied_migrations)).apps


@pytest.mark.django_db(transaction=True)
def test_the_outbox_moves_to_the_platform_and_back_with_its_rows(settings: Any) -> None:
    world = build_world()
    proposal = submit(world)
    Notification.objects.all().delete()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    queued = send_notification.enqueue(41)
    tomorrow = daily_duties.enqueue()
    DBTaskResult.objects.filter(pk=queued.id).update(task_path=OLD_SEND)
    DBTaskResult.objects.filter(pk=tomorrow.id).update(task_path=OLD_DAILY)

    old = migrate(BEFORE)

    old_notification = old.get_model("proposals", "Notification")
    common = {"municipality_id": world.municipality.pk, "language": "nn", "body": "Tekst"}
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    old_notification.objects.create(
        pk=41,
        proposal_id=proposal.pk,
        email="anne@kommune.invalid",
        subject="Forslaget er motteke",
        day=yesterday,
        in_digest=True,
        **common,
    )
    old_notification.objects.create(
        pk=57,
        email="kari@kommune.invalid",
        subject="Sendt",
        day=yesterday,
        sent_at=WRITTEN,
        **common,
    )
    old_notification.objects.update(created_at=WRITTEN)
    old.get_model("proposals", "DailyRun").objects.create(
        pk=12, day=yesterday, report={"overdue": 3}
    )

    migrate([])

    waiting = Notification.objects.get(pk=41)
    assert waiting.about == Proposal.objects.get(pk=proposal.pk)
    assert (waiting.created_at, waiting.day, waiting.language) == (WRITTEN, yesterday, "nn")
    assert (waiting.in_digest, waiting.sent_at) == (True, None)
    assert list(Notification.objects.about(proposal)) == [waiting]
    assert list(Proposal.objects.filter(notifications__isnull=False)) == [proposal]
    sent = Notification.objects.get(pk=57)
    assert (sent.about, sent.sent_at) == (None, WRITTEN)
    run = DailyRun.objects.get()
    assert (run.pk, run.day, run.report) == (12, yesterday, {"overdue": 3})
    assert DBTaskResult.objects.get(pk=queued.id).task_path == send_notification.module_path
    assert DBTaskResult.objects.get(pk=tomorrow.id).task_path == daily_duties.module_path
    # The copied ids do not come back: the next row is numbered after them.
    new = Notification.objects.create(email="ny@kommune.invalid", day=yesterday, **common)
    assert new.pk > 57
    assert DailyRun.objects.create(day=timezone.localdate()).pk > 12

    # The message held back yesterday goes out in today's digest.
    mail.outbox.clear()
    assert digest_send(timezone.localdate())["notifications"] == 1
    [digest] = mail.outbox
    assert digest.to == ["anne@kommune.invalid"]
    assert "Forslaget er motteke" in digest.body

    # Undone, the rows go back to the proposals' tables, the link to the proposal with them.
    old = migrate(BEFORE)

    rows = old.get_model("proposals", "Notification").objects.order_by("pk")
    assert [(row.pk, row.proposal_id) for row in rows] == [
        (41, proposal.pk),
        (57, None),
        (new.pk, None),
    ]
    assert old.get_model("proposals", "DailyRun").objects.count() == 2
    assert DBTaskResult.objects.get(pk=queued.id).task_path == OLD_SEND
    assert DBTaskResult.objects.get(pk=tomorrow.id).task_path == OLD_DAILY

    migrate([])
    assert Notification.objects.count() == 3
    assert ContentType.objects.get_for_model(Proposal).pk == waiting.about_type_id
