"""Trigram indexes for people search on PostgreSQL (SQLite has nothing like them).

Searching people by part of a name or position is ``UPPER(column) LIKE '%TEXT%'``; without
an index PostgreSQL reads every person of a large municipality to count the matches.
pg_trgm is a trusted extension: the database owner may create it.
"""

from django.db import migrations

COLUMNS = ("first_name", "last_name", "position")


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS organisation_person_{column}_trgm "
            f'ON organisation_person USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS organisation_person_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("organisation", "0003_person_unit_name_index")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
