"""The demo built once for a module's tests.

Building the demo takes seconds; a module whose tests only read it (or change it and
expect the change gone afterwards) asks for ``built_demo``. The demo is built in a
transaction held open for the module and rolled back after its last test; each test runs
in a savepoint inside it (pytest-django's ``db``), so every test starts from the demo as
built. Its uploaded files live in a directory of the module's own.

Not for a module whose tests write bulk data: on PostgreSQL the rows a test wrote and
rolled back stay dead in the tables until the module's transaction ends, and the next
test's bulk walks them (the course's demo tests took 85 s instead of 14 s). For the same
reason the tables are vacuumed on PostgreSQL once the module's demo is rolled back.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.utils import translation


@pytest.fixture(scope="module")
def built_demo(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """The demo, for every test of the module; the value is where its files are."""
    media = tmp_path_factory.mktemp("demo-media")
    # In English, as a test's own code runs (``_english_outside_requests``).
    with (
        override_settings(MEDIA_ROOT=media),
        translation.override("en"),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("demo", stdout=io.StringIO())
        yield media
        transaction.set_rollback(True)
    if connection.vendor == "postgresql":
        # The demo's rows, rolled back, stay in PostgreSQL's tables as dead rows until a
        # vacuum: the next module's bulk writes walked them (17 s became 86 s).
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


@pytest.fixture(autouse=True)
def _media_in_tmp(request: pytest.FixtureRequest, settings: Any, tmp_path: Path) -> None:
    """As everywhere (a directory of the test's own), except beside the module's demo,
    whose files are where it was built."""
    if "built_demo" in request.fixturenames:
        settings.MEDIA_ROOT = request.getfixturevalue("built_demo")
    else:
        settings.MEDIA_ROOT = tmp_path / "media"
