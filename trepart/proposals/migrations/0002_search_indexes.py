"""Full-text search indexes: an FTS5 table kept by triggers on SQLite, a GIN index on
PostgreSQL built on the same expression the queries use (``search.document()``)."""

from django.db import migrations

FTS = "proposals_proposal_fts"
SQLITE_CREATE = [
    f"""CREATE VIRTUAL TABLE {FTS} USING fts5(
        title, description, content='proposals_proposal', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    f"""CREATE TRIGGER {FTS}_ai AFTER INSERT ON proposals_proposal BEGIN
        INSERT INTO {FTS}(rowid, title, description)
        VALUES (new.id, new.title, new.description);
    END""",
    f"""CREATE TRIGGER {FTS}_ad AFTER DELETE ON proposals_proposal BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title, description)
        VALUES ('delete', old.id, old.title, old.description);
    END""",
    f"""CREATE TRIGGER {FTS}_au AFTER UPDATE OF title, description ON proposals_proposal BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title, description)
        VALUES ('delete', old.id, old.title, old.description);
        INSERT INTO {FTS}(rowid, title, description)
        VALUES (new.id, new.title, new.description);
    END""",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {FTS}_ai",
    f"DROP TRIGGER IF EXISTS {FTS}_ad",
    f"DROP TRIGGER IF EXISTS {FTS}_au",
    f"DROP TABLE IF EXISTS {FTS}",
]
PG_INDEX = "proposal_search_gin"


def _pg_index():
    from django.contrib.postgres.indexes import GinIndex

    from trepart.proposals.search import document

    return GinIndex(document(), name=PG_INDEX)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.add_index(apps.get_model("proposals", "Proposal"), _pg_index())


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("proposals", "Proposal"), _pg_index())


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
