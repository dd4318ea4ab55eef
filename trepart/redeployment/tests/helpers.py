"""Small steps the register's tests share: a world whose administrator signs in without a
second factor, a client for a login, and a case form's fields as a browser posts them."""

from __future__ import annotations

from typing import Any

from django.test import Client

from trepart.redeployment.models import RedeploymentCase
from trepart.redeployment.tests.world import BankWorld, build_bank_world


def bank_world() -> BankWorld:
    world = build_bank_world()
    world.municipality.require_mfa_for_admins = False
    world.municipality.save(update_fields=["require_mfa_for_admins"])
    return world


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def case_post(world: BankWorld, case: RedeploymentCase, **changes: Any) -> dict[str, Any]:
    """The edit form of ``case`` as it is, with ``changes``."""
    data: dict[str, Any] = {
        "version": case.version,
        "kind": case.kind,
        "from_unit": case.from_unit_id,
        "position": case.position,
        "percent": case.percent,
        "wanted_percent": case.wanted_percent or "",
        "wage_level": case.wage_level,
        "qualifications": [q.pk for q in case.qualifications.all()],
        "qualifications_note": case.qualifications_note,
        "location": case.location_id,
        "seniority_date": case.seniority_date.isoformat(),
        "social_priority": case.social_priority,
        "max_travel_minutes": case.max_travel_minutes or "",
        "needs_adapted_work": "yes" if case.needs_adapted_work else "no",
        "adapted_work_note": case.adapted_work_note,
        "redundant_on": case.redundant_on.isoformat(),
    }
    data.update(changes)
    return data
