"""Committees: creating one (its body and profile), changing its area and contacts, and
sending its proposals through the proposals flow as citizen proposals."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create
from trepart.audit.writes import versioned_edit
from trepart.community import privacy
from trepart.community.models import Committee, CommitteeKind, CommitteeProposal
from trepart.organisation.models import Body, Municipality, Person, Unit
from trepart.organisation.services import body_create
from trepart.proposals.models import Proposal
from trepart.proposals.services.submission import proposal_submit


def _people(municipality_id: int, *people: Person | None) -> None:
    for person in people:
        if person is not None and person.municipality_id != municipality_id:
            raise ValidationError(_("A contact person must belong to this municipality."))


def _units(municipality_id: int, units: Iterable[Unit]) -> list[Unit]:
    chosen = list(units)
    if any(unit.municipality_id != municipality_id for unit in chosen):
        raise ValidationError({"units": [_("A unit chosen is not in this municipality.")]})
    return chosen


@transaction.atomic
def committee_create(
    *,
    actor: Any,
    municipality: Municipality,
    name: str,
    kind: str = CommitteeKind.GRENDEUTVALG,
    units: Iterable[Unit] = (),
    places: str = "",
    admin_contact: Person | None = None,
    politician_contact: Person | None = None,
    mandate: str = "",
) -> Committee:
    """Create a citizen committee: a body of kind citizen committee with its profile."""
    if not privacy.can_manage(actor) or actor.municipality_id != municipality.pk:
        raise PermissionDenied
    if not name.strip():
        raise ValidationError({"name": [_("Give the committee a name.")]})
    _people(municipality.pk, admin_contact, politician_contact)
    chosen = _units(municipality.pk, units)
    body = body_create(
        actor=actor,
        municipality=municipality,
        name=name.strip(),
        kind=Body.Kind.CITIZEN_COMMITTEE,
        mandate=mandate.strip(),
    )
    committee = Committee.objects.create(
        municipality=municipality,
        body=body,
        kind=kind,
        places=places.strip(),
        admin_contact=admin_contact,
        politician_contact=politician_contact,
    )
    committee.units.set(chosen)
    audit_create(actor=actor, instance=committee)
    if not municipality.citizen_committees_enabled:
        municipality.citizen_committees_enabled = True
        municipality.save(update_fields=["citizen_committees_enabled"])
    return committee


def committee_update(
    *,
    actor: Any,
    committee: Committee,
    version: int,
    kind: str,
    places: str,
    admin_contact: Person | None,
    politician_contact: Person | None,
    units: Iterable[Unit] = (),
) -> Committee:
    """Change a committee's kind, area and contacts if nobody saved it since ``version``."""
    if not privacy.can_manage(actor) or actor.municipality_id != committee.municipality_id:
        raise PermissionDenied
    _people(committee.municipality_id, admin_contact, politician_contact)
    chosen = _units(committee.municipality_id, units)
    changes = {
        "kind": kind,
        "places": places.strip(),
        "admin_contact": admin_contact,
        "politician_contact": politician_contact,
    }
    with versioned_edit(committee, actor=actor, version=version, changes=changes) as row:
        row.units.set(chosen)
    return row


@transaction.atomic
def committee_propose(
    *,
    actor: Any,
    committee: Committee,
    title: str,
    description: str,
    unit_ids: Iterable[int] = (),
    needs_money: bool = False,
    cost_estimate: int | None = None,
) -> Proposal:
    """Send a proposal in the committee's name. The proposals flow receives it as a citizen
    proposal (routed to the coordination group), with the committee named as proposer;
    the reply goes to the committee's contact in the administration."""
    if not privacy.can_report(actor, committee):
        raise PermissionDenied
    contact = committee.admin_contact
    proposal = proposal_submit(
        actor=None,
        municipality=committee.body.municipality,
        title=title,
        description=description,
        unit_ids=unit_ids,
        needs_money=needs_money,
        cost_estimate=cost_estimate,
        proposer_name=committee.body.name,
        proposer_email=contact.email if contact is not None else "",
    )
    link = CommitteeProposal.objects.create(
        municipality_id=committee.municipality_id,
        committee=committee,
        proposal=proposal,
        sent_by=actor,
    )
    audit_create(actor=actor, instance=link)
    return proposal
