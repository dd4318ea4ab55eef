"""Meetings marked as held before they began (attendance was once accepted in advance) go
back to "agenda published", so the calendar does not call a future meeting held."""

from django.db import migrations
from django.utils import timezone


def not_held_yet(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    Meeting.objects.filter(status="HELD", starts_at__gt=timezone.now()).update(
        status="PUBLISHED"
    )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_ordering_by_ids")]

    operations = [migrations.RunPython(not_held_yet, migrations.RunPython.noop)]
