"""Copy the outbox (Notification) and the daily runs (DailyRun) to the platform's tables,
keeping their ids and times, before 0005 drops the proposals' own.

A message about a proposal keeps that link as the platform's generic ``about`` reference.
Tasks already queued under the old module paths are pointed at the new ones, so an e-mail
waiting to be sent, or the next daily run, is not lost in the upgrade.

The rows are copied in SQL (INSERT … SELECT): one statement however many there are, and
the stored times stay as they were (the models would stamp ``auto_now_add`` fields anew).
"""

from django.core.management.color import no_style
from django.db import migrations

SHARED = ("id", "municipality_id", "user_id", "email", "language", "subject", "body")
SHARED += ("created_at", "day", "in_digest", "sent_at")
RUN_FIELDS = ("id", "day", "started_at", "report")
TASK_PATHS = {
    "trepart.proposals.tasks.send_notification": "trepart.platform.mail.send_notification",
    "trepart.proposals.tasks.daily_duties": "trepart.platform.duties_schedule.daily_duties",
}


def _columns(quote, names):
    return ", ".join(quote(name) for name in names)


def _proposal_type_id(apps):
    content_type = apps.get_model("contenttypes", "ContentType")
    found, _created = content_type.objects.get_or_create(app_label="proposals", model="proposal")
    return found.pk


def _copy(schema_editor, sql, params, models):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute(sql[0], params)
        cursor.execute(sql[1])
        # The ids were copied, not drawn: the next new row must come after them.
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def forward(apps, schema_editor):
    quote = schema_editor.quote_name
    old = apps.get_model("proposals", "Notification")._meta.db_table
    new_model = apps.get_model("platform", "Notification")
    old_run = apps.get_model("proposals", "DailyRun")._meta.db_table
    new_run = apps.get_model("platform", "DailyRun")
    sql = (
        f"INSERT INTO {quote(new_model._meta.db_table)} "
        f"({_columns(quote, SHARED)}, {quote('about_type_id')}, {quote('about_id')}) "
        f"SELECT {_columns(quote, SHARED)}, "
        f"CASE WHEN {quote('proposal_id')} IS NULL THEN NULL ELSE %s END, {quote('proposal_id')} "
        f"FROM {quote(old)}",
        f"INSERT INTO {quote(new_run._meta.db_table)} ({_columns(quote, RUN_FIELDS)}) "
        f"SELECT {_columns(quote, RUN_FIELDS)} FROM {quote(old_run)}",
    )
    _copy(schema_editor, sql, [_proposal_type_id(apps)], [new_model, new_run])
    task_result = apps.get_model("django_tasks_database", "DBTaskResult")
    for before, after in TASK_PATHS.items():
        task_result.objects.filter(task_path=before).update(task_path=after)


def backward(apps, schema_editor):
    quote = schema_editor.quote_name
    old_model = apps.get_model("proposals", "Notification")
    new = apps.get_model("platform", "Notification")._meta.db_table
    old_run = apps.get_model("proposals", "DailyRun")
    new_run = apps.get_model("platform", "DailyRun")._meta.db_table
    sql = (
        f"INSERT INTO {quote(old_model._meta.db_table)} "
        f"({_columns(quote, SHARED)}, {quote('proposal_id')}) "
        f"SELECT {_columns(quote, SHARED)}, "
        f"CASE WHEN {quote('about_type_id')} = %s THEN {quote('about_id')} ELSE NULL END "
        f"FROM {quote(new)}",
        f"INSERT INTO {quote(old_run._meta.db_table)} ({_columns(quote, RUN_FIELDS)}) "
        f"SELECT {_columns(quote, RUN_FIELDS)} FROM {quote(new_run)}",
    )
    _copy(schema_editor, sql, [_proposal_type_id(apps)], [old_model, old_run])
    apps.get_model("platform", "Notification").objects.all().delete()
    apps.get_model("platform", "DailyRun").objects.all().delete()
    task_result = apps.get_model("django_tasks_database", "DBTaskResult")
    for before, after in TASK_PATHS.items():
        task_result.objects.filter(task_path=after).update(task_path=before)


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0003_routing_reasons_as_codes"),
        ("platform", "0001_outbox_and_daily_runs"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("django_tasks_database", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, backward)]
