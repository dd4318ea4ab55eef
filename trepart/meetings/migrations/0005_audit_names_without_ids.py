"""Audit entries of attendance, approvals and calendar feeds were named by the person's
database id ("763: Til stede"); name them by the person, as new entries are."""

import re

from django.db import migrations

LABELS = ("meetings.Attendance", "meetings.MinutesApproval", "meetings.CalendarFeed")
LEADING_ID = re.compile(r"^(\d+)(?::\s*.*|\s*\(.*\))?$")


def names_for_ids(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    Person = apps.get_model("organisation", "Person")
    entries = [
        entry
        for entry in AuditEntry.objects.filter(object_type__in=LABELS).only("object_repr")
        if LEADING_ID.match(entry.object_repr)
    ]
    ids = {int(LEADING_ID.match(entry.object_repr).group(1)) for entry in entries}
    names = {
        person.pk: f"{person.first_name} {person.last_name}".strip()
        for person in Person.objects.filter(pk__in=ids)
    }
    changed = []
    for entry in entries:
        name = names.get(int(LEADING_ID.match(entry.object_repr).group(1)))
        if name:
            entry.object_repr = name[:200]
            changed.append(entry)
    AuditEntry.objects.bulk_update(changed, ["object_repr"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0004_future_meetings_not_held"),
        ("audit", "0001_initial"),
        ("organisation", "0001_initial"),
    ]

    operations = [migrations.RunPython(names_for_ids, migrations.RunPython.noop)]
