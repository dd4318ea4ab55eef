"""The outbox and the daily runs live in the platform now (their rows were copied by 0004)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('proposals', '0004_copy_notifications_and_daily_runs_to_platform'),
    ]

    operations = [
        migrations.DeleteModel(
            name='DailyRun',
        ),
        migrations.DeleteModel(
            name='Notification',
        ),
    ]
