"""Writing the organisation: validation, audit, concurrency and the rule check on save."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.audit.models import AuditEntry
from trepart.audit.writes import ConcurrentEditError
from trepart.organisation import services
from trepart.organisation.models import Body, Membership, Person
from trepart.organisation.tests.factories import (
    BodyFactory,
    CompositionRuleFactory,
    PersonFactory,
    UnitFactory,
    seat_body,
)

pytestmark = pytest.mark.django_db


def test_adding_a_member_that_breaks_parity_is_saved_but_flagged():
    body = BodyFactory.create()
    CompositionRuleFactory.create(body=body, kind="PARITY", seats_per_party=3)
    seat_body(body, "POLITICAL", 3, kind=Person.Kind.POLITICIAN)
    seat_body(body, "ADMINISTRATION", 3)
    seat_body(body, "EMPLOYEE", 2)
    newcomer = PersonFactory.create(municipality=body.municipality)
    membership, status = services.membership_add(
        actor=None,
        body=body,
        person=newcomer,
        party="EMPLOYEE",
        start=datetime.date(2020, 1, 1),
    )
    assert membership.pk
    assert status.composition.ok

    extra = PersonFactory.create(municipality=body.municipality)
    _m, status = services.membership_add(actor=None, body=body, person=extra, party="EMPLOYEE")
    assert not status.composition.ok
    assert "employees 4" in status.composition.problems[0]


def test_membership_is_audited_with_who_and_what():
    user = UserFactory.create()
    body = BodyFactory.create(municipality=user.municipality)
    person = PersonFactory.create(municipality=user.municipality)
    membership, _status = services.membership_add(
        actor=user, body=body, person=person, party="EMPLOYEE", role="CHAIR"
    )
    entry = AuditEntry.objects.get(object_type="organisation.Membership")
    assert entry.actor == user
    assert entry.action == "CREATE"
    assert entry.changes["role"] == [None, "CHAIR"]
    assert entry.municipality_id == user.municipality_id
    assert entry.at.tzinfo is not None

    services.membership_update(
        actor=user,
        membership=membership,
        version=membership.version,
        end=timezone.localdate(),
    )
    update = AuditEntry.objects.filter(action="UPDATE").get()
    assert update.changes == {"end": [None, str(timezone.localdate())]}


def test_concurrent_edit_is_refused_not_overwritten():
    body = BodyFactory.create(name="Original")
    first, second = Body.objects.get(pk=body.pk), Body.objects.get(pk=body.pk)
    services.body_update(actor=None, body=first, version=first.version, name="First edit")
    with pytest.raises(ConcurrentEditError):
        services.body_update(actor=None, body=second, version=second.version, name="Second edit")
    assert Body.objects.get(pk=body.pk).name == "First edit"


def test_people_of_another_municipality_cannot_get_a_seat():
    body = BodyFactory.create()
    stranger = PersonFactory.create(municipality=MunicipalityFactory.create())
    with pytest.raises(ValidationError):
        services.membership_add(actor=None, body=body, person=stranger, party="EMPLOYEE")
    assert not Membership.objects.exists()


def test_a_citizen_cannot_sit_for_the_employees():
    body = BodyFactory.create()
    citizen = PersonFactory.create(municipality=body.municipality, kind=Person.Kind.CITIZEN)
    with pytest.raises(ValidationError) as error:
        services.membership_add(actor=None, body=body, person=citizen, party="EMPLOYEE")
    assert "party" in error.value.message_dict


def test_the_same_person_cannot_hold_two_overlapping_seats():
    body = BodyFactory.create()
    person = PersonFactory.create(municipality=body.municipality)
    services.membership_add(actor=None, body=body, person=person, party="EMPLOYEE")
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            actor=None, body=body, person=person, party="EMPLOYEE", role="CHAIR"
        )
    assert "person" in error.value.message_dict


def test_a_unit_cannot_be_placed_under_its_own_child():
    sector = UnitFactory.create(kind="SECTOR")
    child = UnitFactory.create(municipality=sector.municipality, parent=sector)
    with pytest.raises(ValidationError):
        services.unit_update(actor=None, unit=sector, version=sector.version, parent=child)


def test_unit_update_records_old_and_new_value():
    unit = UnitFactory.create(name="Gamle navn")
    services.unit_update(actor=None, unit=unit, version=unit.version, name="Nytt navn")
    entry = AuditEntry.objects.get(action="UPDATE")
    assert entry.changes == {"name": ["Gamle navn", "Nytt navn"]}
    assert entry.actor_name == "system"


def test_an_update_cannot_move_a_row_to_another_municipality():
    unit = UnitFactory.create()
    with pytest.raises(TypeError):
        services.unit_update(
            actor=None, unit=unit, version=unit.version, municipality=MunicipalityFactory.create()
        )
