"""The versioned write on a real model (a unit): version check, validation, audit, locking."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from trepart.accounts.tests.factories import UserFactory
from trepart.audit.models import AuditEntry
from trepart.audit.writes import (
    ConcurrentEditError,
    row_lock,
    versioned_delete,
    versioned_edit,
)
from trepart.organisation.models import Unit
from trepart.organisation.tests.factories import UnitFactory


def _stored(unit: Unit) -> tuple[str, str, int, int]:
    row = Unit.objects.get(pk=unit.pk)
    return row.name, row.code, row.employee_count, row.version


@pytest.mark.django_db
def test_a_change_is_saved_with_the_next_version_and_audited() -> None:
    user = UserFactory.create()
    unit = UnitFactory.create(municipality=user.municipality, name="Nordby skole")

    with versioned_edit(unit, actor=user, version=1, changes={"name": "Nordby barneskole"}) as row:
        row.employee_count = 31

    assert _stored(unit)[::2] == ("Nordby barneskole", 31)
    assert row.version == 2 and _stored(unit)[3] == 2
    entry = AuditEntry.objects.get(object_type="organisation.Unit", action="UPDATE")
    assert entry.actor == user
    assert entry.object_id == str(unit.pk)
    assert entry.changes == {
        "employee_count": [20, 31],
        "name": ["Nordby skole", "Nordby barneskole"],
    }
    # The caller's object is left as the caller had it.
    assert unit.version == 1 and unit.name == "Nordby skole"


@pytest.mark.django_db
def test_a_stale_version_is_refused_and_nothing_is_written() -> None:
    unit = UnitFactory.create(name="Nordby skole")
    with versioned_edit(unit, actor=None, version=1, changes={"name": "First"}):
        pass

    with (
        pytest.raises(ConcurrentEditError) as refused,
        versioned_edit(unit, actor=None, version=1, changes={"name": "Second"}),
    ):
        pytest.fail("the block must not run on a stale version")

    assert refused.value.code == "concurrent_edit"
    assert "Someone else saved this while you were editing" in refused.value.messages[0]
    assert _stored(unit)[0] == "First" and _stored(unit)[3] == 2
    assert AuditEntry.objects.filter(object_type="organisation.Unit").count() == 1


@pytest.mark.django_db
def test_an_invalid_change_rolls_back_everything_done_in_the_block() -> None:
    unit = UnitFactory.create(name="Nordby skole")
    before = _stored(unit)

    with (
        pytest.raises(ValidationError) as invalid,
        versioned_edit(unit, actor=None, version=1, changes={"name": ""}) as row,
    ):
        row.employee_count = 12
        UnitFactory.create(municipality=unit.municipality, code="INSIDE")

    assert "name" in invalid.value.message_dict
    assert _stored(unit) == before
    assert not Unit.objects.filter(code="INSIDE").exists()
    assert not AuditEntry.objects.filter(action="UPDATE").exists()


@pytest.mark.django_db
def test_constraints_over_unchanged_fields_are_checked_too() -> None:
    """Only the code changes, but the code is unique per municipality: the check that spans
    the unchanged municipality still runs and gives a message, not a database error."""
    unit = UnitFactory.create(code="A1")
    UnitFactory.create(municipality=unit.municipality, code="B2")

    with (
        pytest.raises(ValidationError) as taken,
        versioned_edit(unit, actor=None, version=1, changes={"code": "B2"}),
    ):
        pass

    assert taken.value.messages
    assert _stored(unit)[1] == "A1"


@pytest.mark.django_db
def test_what_the_service_checked_itself_is_not_checked_again() -> None:
    unit = UnitFactory.create(name="Nordby skole")
    with versioned_edit(unit, actor=None, version=1, changes={"name": ""}, exclude={"name"}):
        pass
    assert _stored(unit)[0] == ""


@pytest.mark.django_db
def test_an_error_raised_in_the_block_saves_nothing() -> None:
    unit = UnitFactory.create(name="Nordby skole")
    before = _stored(unit)
    with (
        pytest.raises(ValidationError),
        versioned_edit(unit, actor=None, version=1, changes={"name": "Changed"}) as row,
    ):
        if row.kind == Unit.Kind.UNIT:
            raise ValidationError("The service's own state check refuses.")
    assert _stored(unit) == before
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_without_a_version_the_row_is_changed_as_it_is_now() -> None:
    unit = UnitFactory.create(name="Nordby skole", version=7)
    with versioned_edit(unit, actor=None, version=None) as row:
        row.name = "By a system step"
    assert _stored(unit)[::3] == ("By a system step", 8)


@pytest.mark.django_db
def test_row_lock_and_delete_check_the_version() -> None:
    unit = UnitFactory.create(version=3)
    with pytest.raises(ConcurrentEditError):
        row_lock(unit, version=2)
    assert row_lock(unit, version=3).pk == unit.pk
    with pytest.raises(ConcurrentEditError):
        versioned_delete(unit, actor=None, version=2)
    assert Unit.objects.filter(pk=unit.pk).exists()
    versioned_delete(unit, actor=None, version=3)
    assert not Unit.objects.filter(pk=unit.pk).exists()
    entry = AuditEntry.objects.get(action="DELETE")
    assert entry.changes["code"] == [unit.code, None]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="threads sharing SQLite's in-memory test database lock each other out",
)
def test_an_edit_saved_while_another_waits_for_the_row_refuses_the_other() -> None:
    """Two people open the unit at version 1 and save at the same moment. The second one's
    read waits for the first one's lock, sees version 2, and is refused: without the lock
    it would read version 1 and overwrite the first change unseen."""
    unit = UnitFactory.create(name="Nordby skole")
    first_holds_the_row = threading.Event()
    outcomes: dict[str, Any] = {}

    def first() -> None:
        try:
            with versioned_edit(unit, actor=None, version=1) as row:
                row.name = "First"
                first_holds_the_row.set()
                # Long enough for the second one to reach the lock and wait on it.
                time.sleep(0.5)
            outcomes["first"] = "saved"
        except Exception as error:
            outcomes["first"] = error
        finally:
            first_holds_the_row.set()
            connection.close()

    def second() -> None:
        try:
            first_holds_the_row.wait(timeout=10)
            with versioned_edit(unit, actor=None, version=1) as row:
                row.name = "Second"
            outcomes["second"] = "saved"
        except Exception as error:
            outcomes["second"] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes["first"] == "saved", outcomes
    assert isinstance(outcomes["second"], ConcurrentEditError), outcomes
    assert _stored(unit)[::3] == ("First", 2)
    assert AuditEntry.objects.filter(object_type="organisation.Unit").count() == 1
