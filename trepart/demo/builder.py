"""Writing a planned municipality to the database, fast enough for 50,000 employees.

The municipality itself, its structure templates and the few bodies outside them go
through the organisation services, audit trail included. Units, people and memberships are
made-up data, not anyone's changes: they are written with ``bulk_create`` in batches and
without audit entries (one service call per row would take an hour at the largest size).
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone

from trepart.demo import seats
from trepart.demo.analysis import analysis_build
from trepart.demo.community import community_build
from trepart.demo.development import development_build
from trepart.demo.library import library_build
from trepart.demo.logins import demo_password
from trepart.demo.meetings import meetings_build
from trepart.demo.models import DemoInfo
from trepart.demo.plan import PRESETS, Preset
from trepart.demo.proposals import proposals_build
from trepart.demo.redeployment import redeployment_build
from trepart.demo.training import training_build
from trepart.organisation.models import Body, Membership, Municipality, Person, Unit
from trepart.organisation.services import body_create, municipality_create
from trepart.organisation.structures import structure_template_apply
from trepart.proposals.models import Proposal

DEMO_ORGANISATION_NUMBER = "999999999"
BATCH_SIZE = 2000
TEMPLATES = ("ovre-eiker", "lunner")


class DemoError(Exception):
    """The demo cannot be built here; the message says why and what to do."""


@dataclass(frozen=True)
class BuildResult:
    municipality: Municipality
    plan: seats.Plan
    seconds: float
    proposals: int = 0
    meetings: int = 0

    def summary(self) -> str:
        """What was built and how long it took, for the commands to print."""
        plan, people = self.plan, self.plan.people
        units = sum(1 for unit in plan.units if unit.kind == "UNIT")
        employees = sum(1 for person in people.rows if person.kind == "EMPLOYEE")
        return (
            f"Built {self.municipality} ({plan.preset.key}, seed {plan.seed}) in "
            f"{self.seconds:.1f} s: {units} units in {len(plan.units) - units} sectors, "
            f"{employees} employees, {len(people.council) + len(people.council_deputies)} "
            f"politicians, {len(people.citizens)} citizens, "
            f"{len({seat.body for seat in plan.seats})} bodies with members, "
            f"{len(plan.seats)} memberships, {self.proposals} proposals, "
            f"{self.meetings} meetings; "
            f"{len(plan.broken_lmus)} LMUs left incomplete."
        )


DEMO_SEED = 2026


def demo_build(*, seed: int = DEMO_SEED) -> BuildResult:
    """The demo: the small municipality with the demo logins."""
    return municipality_build(preset=PRESETS["small"], seed=seed, password=demo_password())


def demo_municipality() -> Municipality | None:
    return Municipality.objects.filter(organisation_number=DEMO_ORGANISATION_NUMBER).first()


def _check_free(plan: seats.Plan) -> None:
    if demo_municipality() is not None:
        raise DemoError(
            f"A municipality with organisation number {DEMO_ORGANISATION_NUMBER} already exists. "
            "Use --replace to delete it and build a new one."
        )
    taken = sorted(
        get_user_model().objects.filter(username__in=plan.logins).values_list("username", flat=True)
    )
    if taken:
        raise DemoError(
            "The demo logins are taken by users of another municipality: "
            + ", ".join(taken)
            + ". Rename or delete those users first."
        )


@transaction.atomic
def municipality_build(
    *,
    preset: Preset,
    seed: int,
    password: str,
    today: datetime.date | None = None,
    bulk_proposals: int = 0,
    bulk_meetings: int = 0,
    bulk_analysis: bool = False,
) -> BuildResult:
    """Build the made-up municipality of ``preset`` with its demo logins, the demo's
    told proposals and meetings, ``bulk_proposals`` made-up proposals and
    ``bulk_meetings`` made-up meetings."""
    started = time.perf_counter()
    plan = seats.municipality_plan(preset=preset, seed=seed, today=today or timezone.localdate())
    _check_free(plan)
    municipality = municipality_create(
        actor=None,
        name=preset.name,
        organisation_number=DEMO_ORGANISATION_NUMBER,
        require_mfa_for_admins=False,
    )
    units = _write_units(municipality, plan)
    people = _write_people(municipality, plan, units)
    bodies = _write_bodies(municipality, plan)
    Membership.objects.bulk_create(
        [
            Membership(
                municipality=municipality,
                body=bodies[seat.body],
                person=people[seat.person],
                party=seat.party,
                role=seat.role,
                capacity=seat.capacity,
                voting=seat.voting,
                start=seat.start,
                end=seat.end,
            )
            for seat in plan.seats
        ],
        batch_size=BATCH_SIZE,
    )
    _write_logins(municipality, plan, people, password)
    proposals = proposals_build(
        municipality=municipality,
        plan=plan,
        units=units,
        people=people,
        bulk=bulk_proposals,
    )
    meetings = meetings_build(municipality=municipality, bulk=bulk_meetings)
    analysis_build(municipality=municipality, preset=preset.key, bulk=bulk_analysis)
    development_build(municipality=municipality, bulk=bulk_analysis)
    redeployment_build(municipality=municipality, preset=preset.key, bulk=bulk_analysis)
    community_build(municipality=municipality, preset=preset.key, bulk=bulk_analysis)
    training_build(municipality=municipality, preset=preset.key, bulk=bulk_analysis)
    library_build(municipality=municipality, preset=preset.key, bulk=bulk_analysis)
    DemoInfo.objects.create(
        municipality=municipality, password=password, preset=preset.key, seed=seed
    )
    return BuildResult(
        municipality=municipality,
        plan=plan,
        seconds=time.perf_counter() - started,
        proposals=proposals,
        meetings=meetings,
    )


def _write_units(municipality: Municipality, plan: seats.Plan) -> list[Unit]:
    units = [
        Unit(
            municipality=municipality,
            code=row.code,
            name=row.name,
            kind=row.kind,
            employee_count=row.employee_count,
        )
        for row in plan.units
    ]
    # Sectors first, so their units can point at their stored rows.
    sectors = [unit for unit, row in zip(units, plan.units, strict=True) if row.parent is None]
    Unit.objects.bulk_create(sectors, batch_size=BATCH_SIZE)
    for unit, row in zip(units, plan.units, strict=True):
        if row.parent is not None:
            unit.parent = units[row.parent]
    Unit.objects.bulk_create(
        [unit for unit in units if unit.parent is not None], batch_size=BATCH_SIZE
    )
    return units


def _write_people(municipality: Municipality, plan: seats.Plan, units: list[Unit]) -> list[Person]:
    people = [
        Person(
            municipality=municipality,
            first_name=row.first_name,
            last_name=row.last_name,
            email=row.email,
            kind=row.kind,
            external_id=row.external_id,
            unit=units[row.unit] if row.unit is not None else None,
            position=row.position,
            is_leader=row.is_leader,
            political_party=row.political_party,
            union=row.union,
        )
        for row in plan.people.rows
    ]
    return Person.objects.bulk_create(people, batch_size=BATCH_SIZE)


def _write_bodies(municipality: Municipality, plan: seats.Plan) -> dict[str, Body]:
    """The templates' bodies and the plan's own, by the plan's references to them."""
    for key in TEMPLATES:
        structure_template_apply(actor=None, municipality=municipality, key=key)
    bodies = {
        body.template_slot: body
        for body in Body.objects.filter(municipality=municipality).exclude(template_slot="")
    }
    for row in plan.bodies:
        bodies[row.ref] = body_create(
            actor=None,
            municipality=municipality,
            name=row.name,
            kind=row.kind,
            mandate=row.mandate,
            established=row.established,
        )
    # The templates found the bodies today; the plan gives them a history.
    dated = []
    for ref, established in plan.established.items():
        bodies[ref].established = established
        dated.append(bodies[ref])
    Body.objects.bulk_update(dated, ["established"], batch_size=BATCH_SIZE)
    return bodies


def _write_logins(
    municipality: Municipality, plan: seats.Plan, people: list[Person], password: str
) -> None:
    User = get_user_model()
    hashed = make_password(password)  # hashed once: the same password for every login
    users = []
    for username, index in plan.logins.items():
        person = people[index]
        users.append(
            User(
                username=username,
                email=person.email,
                first_name=person.first_name,
                last_name=person.last_name,
                municipality=municipality,
                password=hashed,
                is_municipal_admin=username == "admin",
                is_staff=username == "admin",
            )
        )
    User.objects.bulk_create(users)
    for user, index in zip(users, plan.logins.values(), strict=True):
        people[index].user = user
    Person.objects.bulk_update([people[i] for i in plan.logins.values()], ["user"])


@transaction.atomic
def municipality_delete(*, organisation_number: str) -> bool:
    """Delete a municipality and everything that belongs to it, users included.

    Deleting the municipality row alone is not enough: units, people and bodies protect
    each other (a unit cannot go while people work there), so every table with a
    ``municipality`` column is emptied for it, in whatever order the protections allow.
    """
    municipality = Municipality.objects.filter(organisation_number=organisation_number).first()
    if municipality is None:
        return False
    Unit.objects.filter(municipality=municipality).update(parent=None)
    Body.objects.filter(municipality=municipality).update(parent=None)
    Proposal.objects.filter(municipality=municipality).update(merged_into=None)
    pending = [
        model
        for model in apps.get_models()
        if any(
            isinstance(f, models.ForeignKey)
            and f.name == "municipality"
            and f.related_model is Municipality
            for f in model._meta.concrete_fields
        )
    ]
    while pending:
        blocked = []
        for model in pending:
            try:
                model._default_manager.filter(municipality=municipality).delete()
            except ProtectedError:
                blocked.append(model)
        if len(blocked) == len(pending):
            names = ", ".join(model._meta.label for model in blocked)
            raise DemoError(f"Could not delete {municipality}: rows in {names} are protected.")
        pending = blocked
    municipality.delete()
    return True
