"""The register's services: who may register and correct a case, the history each step
writes (naming changed fields, never their contents), and the rules on percentages, open
cases and the qualifications list, with nothing half-saved."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from trepart.audit.writes import ConcurrentEditError
from trepart.redeployment import privacy
from trepart.redeployment.models import CaseEvent, CaseKind, CaseStatus, RedeploymentCase
from trepart.redeployment.services.register import case_create, case_update
from trepart.redeployment.tests.helpers import bank_world
from trepart.redeployment.tests.world import BankWorld, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> BankWorld:
    return bank_world()


def register(world: BankWorld, actor: Any, **changes: Any) -> RedeploymentCase:
    arguments: dict[str, Any] = {
        "person": login(world.municipality, unit=world.units["bhg"]).person,
        "from_unit": world.units["bhg"],
        "position": "Barnehagelærer",
        "percent": 100,
        "wage_level": 560_000,
        "location": world.locations["GRU"],
        "seniority_date": datetime.date(2010, 8, 1),
        "redundant_on": datetime.date(2026, 10, 1),
        "qualifications": [world.qualifications["PED"]],
    }
    arguments.update(changes)
    return case_create(actor=actor, **arguments)


def test_a_member_registers_a_case_in_their_bank_with_its_first_event(world: BankWorld) -> None:
    case = register(world, world.members["union"])
    assert case.bank == world.bank and case.status == CaseStatus.ACTIVE
    assert case.created_by == world.members["union"]
    event = case.events.get()
    assert (event.kind, event.on, event.by) == (
        CaseEvent.Kind.REGISTERED,
        datetime.date(2026, 10, 1),
        world.members["union"],
    )


def test_an_administrator_registers_in_the_municipalitys_bank(world: BankWorld) -> None:
    assert register(world, world.admin).bank == world.bank


@pytest.mark.parametrize("who", ["hiring", "outsider"])
def test_nobody_outside_the_bank_registers_or_corrects(world: BankWorld, who: str) -> None:
    actor = world.hiring if who == "hiring" else world.outsider
    with pytest.raises(PermissionDenied):
        register(world, actor)
    with pytest.raises(PermissionDenied):
        case_update(actor=actor, case=world.cases["anne"], version=1, position="X")
    # The person themself neither.
    with pytest.raises(PermissionDenied):
        case_update(actor=world.people["anne"], case=world.cases["anne"], version=1, position="X")
    assert RedeploymentCase.objects.count() == 3


def test_the_percentages_are_checked_with_clear_messages(world: BankWorld) -> None:
    with pytest.raises(ValidationError) as error:
        register(world, world.admin, percent=0)
    assert error.value.message_dict["percent"] == ["The position % must be between 1 and 100."]
    with pytest.raises(ValidationError) as error:
        register(world, world.admin, kind=CaseKind.PART_TIME, percent=60)
    assert "Give the position % a part-time" in error.value.message_dict["wanted_percent"][0]
    with pytest.raises(ValidationError) as error:
        register(world, world.admin, kind=CaseKind.PART_TIME, percent=60, wanted_percent=60)
    assert error.value.message_dict["wanted_percent"] == [
        "The wished position % must be larger than the current 60 %."
    ]
    assert RedeploymentCase.objects.count() == 3
    assert CaseEvent.objects.count() == 0


def test_one_open_case_of_a_kind_and_only_qualifications_in_use(world: BankWorld) -> None:
    anne = world.cases["anne"]
    with pytest.raises(ValidationError) as error:
        register(world, world.admin, person=anne.person)
    assert "already has an open case" in error.value.message_dict["person"][0]
    old = world.qualifications["BIL"]
    old.active = False
    old.save(update_fields=["active"])
    with pytest.raises(ValidationError) as error:
        register(world, world.admin, qualifications=[old])
    assert error.value.message_dict["qualifications"] == ["No longer in use: Førerkort klasse B."]


def test_another_municipalitys_rows_are_refused(world: BankWorld) -> None:
    other = bank_world()
    with pytest.raises(ValidationError):
        register(world, world.admin, location=other.locations["HAR"])
    with pytest.raises(ValidationError):
        case_update(
            actor=world.admin,
            case=world.cases["anne"],
            version=1,
            qualifications=[other.qualifications["FAG"]],
        )
    with pytest.raises(PermissionDenied):
        case_update(actor=other.admin, case=world.cases["anne"], version=1, position="X")


def test_a_correction_names_the_fields_in_the_history_never_their_contents(
    world: BankWorld,
) -> None:
    case = world.cases["bjorn"]
    updated = case_update(
        actor=world.members["chair"],
        case=case,
        version=1,
        adapted_work_note="Ingen nattevakter.",
        preferred_locations=[world.locations["ROA"]],
    )
    assert updated.version == 2
    event = case.events.get(kind=CaseEvent.Kind.CHANGED)
    assert "about the adapted work" in event.why and "preferred locations" in event.why
    assert "nattevakter" not in event.why
    # Saving what is already there writes no event.
    case_update(actor=world.members["chair"], case=updated, version=2, position=case.position)
    assert case.events.filter(kind=CaseEvent.Kind.CHANGED).count() == 1


def test_a_concurrent_correction_is_refused_and_nothing_half_saved(world: BankWorld) -> None:
    case = world.cases["anne"]
    case_update(actor=world.admin, case=case, version=1, wage_level=530_000)
    with pytest.raises(ConcurrentEditError):
        case_update(
            actor=world.admin,
            case=case,
            version=1,
            position="Fagarbeider",
            qualifications=[world.qualifications["BIL"]],
        )
    case.refresh_from_db()
    assert case.position == "Helsefagarbeider"
    assert list(case.qualifications.values_list("code", flat=True)) == ["FAG"]
    with pytest.raises(ValidationError):
        case_update(
            actor=world.admin,
            case=case,
            version=2,
            percent=101,
            qualifications=[world.qualifications["BIL"]],
        )
    assert list(case.qualifications.values_list("code", flat=True)) == ["FAG"]


def test_the_menu_and_the_settings_rules(world: BankWorld) -> None:
    assert privacy.sees_bank(world.members["union"])
    assert privacy.sees_bank(world.hiring)
    assert privacy.sees_bank(world.people["cecilie"])
    assert privacy.sees_bank(world.admin)
    assert not privacy.sees_bank(world.outsider)
    assert privacy.can_edit_settings(world.members["chair"])
    assert privacy.can_edit_settings(world.admin)
    assert not privacy.can_edit_settings(world.members["union"])
    assert not privacy.can_edit_settings(world.hiring)
