"""Starting a project and keeping its facts: the mandate, the group, the people kept
informed, the units, the dates and the phases."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create
from trepart.audit.writes import versioned_edit
from trepart.development import privacy
from trepart.development.models import Phase, Project, ProjectKind
from trepart.development.selectors.status import MANDATE_OUTCOMES
from trepart.development.services.notices import proposer_tell
from trepart.meetings.models import AgendaItem
from trepart.organisation import services as organisation
from trepart.organisation.models import Body, Membership, Party, Person, Unit
from trepart.organisation.selectors import active_q, today
from trepart.proposals.models import AnswerKind, Proposal

# The sources' four steps, offered when a project is made (Tjenesteoptimal, Vei og park).
STANDARD_PHASES = (Phase.Kind.CURRENT, Phase.Kind.USERS, Phase.Kind.DESIRED, Phase.Kind.PROPOSAL)

# What the edit page may change.
PROJECT_EDITABLE = frozenset(
    {
        "title",
        "summary",
        "visibility",
        "mandate",
        "leader",
        "starts_on",
        "ends_on",
        "savings_target",
    }
)


def _seat_party(person: Person) -> str:
    """The party a person sits for unless told otherwise."""
    parties: dict[str, str] = {
        Person.Kind.POLITICIAN: Party.POLITICAL,
        Person.Kind.EMPLOYEE: Party.ADMINISTRATION,
    }
    return parties.get(person.kind, Party.SERVICE_USER)


def _check_mandate(
    *, body: Body, item: AgendaItem | None, proposal: Proposal | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if body.kind == Body.Kind.PROJECT_GROUP:
        errors["mandating_body"] = [_("A project group cannot give another project its mandate.")]
    if item is None and proposal is None:
        errors["mandate_item"] = [
            _("Choose the agenda item that gave the mandate, or the proposal handed over.")
        ]
    if item is not None and (item.body_id != body.pk or item.outcome not in MANDATE_OUTCOMES):
        errors["mandate_item"] = [
            _("Choose an item of the mandating body that it agreed on or decided.")
        ]
    if proposal is not None and (
        proposal.body_id != body.pk or proposal.answer != AnswerKind.FURTHER_EVALUATION
    ):
        errors["mandate_proposal"] = [
            _("Only a proposal the body answered “further evaluation” can be handed over.")
        ]
    return errors


def _check_facts(
    *,
    kind: str,
    title: str,
    mandate: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    savings_target: int | None,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if kind not in ProjectKind.values:
        errors["kind"] = [_("Choose what kind of project this is.")]
    if not title.strip():
        errors["title"] = [_("Give the project a title.")]
    if not mandate.strip():
        errors["mandate"] = [_("Write the mandate as the body gave it.")]
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = [_("The project cannot end before it starts.")]
    if kind == ProjectKind.LEAN and savings_target:
        errors["savings_target"] = [_("A Lean project has no savings target.")]
    return errors


def _check_same(municipality_id: int, *objects: Any) -> None:
    if any(o is not None and o.municipality_id != municipality_id for o in objects):
        raise ValidationError(_("That belongs to another municipality."))


def _phase_dates(
    starts_on: datetime.date, ends_on: datetime.date | None
) -> list[tuple[datetime.date, datetime.date]]:
    """The standard phases share the project's time equally (four months if open-ended)."""
    end = ends_on or starts_on + datetime.timedelta(days=120)
    days = max((end - starts_on).days + 1, len(STANDARD_PHASES))
    step = days // len(STANDARD_PHASES)
    spans = []
    for index in range(len(STANDARD_PHASES)):
        first = starts_on + datetime.timedelta(days=index * step)
        last = end if index == len(STANDARD_PHASES) - 1 else first + datetime.timedelta(step - 1)
        spans.append((first, max(first, last)))
    return spans


@transaction.atomic
def project_create(
    *,
    actor: Any,
    kind: str,
    title: str,
    mandating_body: Body,
    mandate: str,
    leader: Person,
    starts_on: datetime.date,
    summary: str = "",
    mandate_item: AgendaItem | None = None,
    mandate_proposal: Proposal | None = None,
    ends_on: datetime.date | None = None,
    visibility: str = Project.Visibility.INTERNAL,
    savings_target: int | None = None,
    units: Sequence[Unit] = (),
    informed: Sequence[Person] = (),
    members: Sequence[tuple[Person, str]] = (),
    leader_party: str = "",
    standard_phases: bool = True,
) -> Project:
    """Start a project under a body's mandate: its group (a PROJECT_GROUP body with the
    leader in the chair and a seat per member), the standard phases, and word to the
    proposer when a proposal is handed over."""
    if not privacy.can_create(actor, mandating_body):
        raise PermissionDenied
    municipality_id = mandating_body.municipality_id
    _check_same(municipality_id, leader, mandate_item, mandate_proposal, *units, *informed)
    _check_same(municipality_id, *(person for person, _party in members))
    errors = _check_mandate(body=mandating_body, item=mandate_item, proposal=mandate_proposal)
    errors |= _check_facts(
        kind=kind,
        title=title,
        mandate=mandate,
        starts_on=starts_on,
        ends_on=ends_on,
        savings_target=savings_target,
    )
    if errors:
        raise ValidationError(errors)
    with translation.override(mandating_body.municipality.language):
        group_name = _("Project group: %(title)s") % {"title": title.strip()}
    group = organisation.body_create(
        actor=actor,
        municipality=mandating_body.municipality,
        name=group_name[:200],
        kind=Body.Kind.PROJECT_GROUP,
        parent=mandating_body,
        mandate=mandate.strip(),
        established=starts_on,
    )
    seats = [(leader, leader_party or _seat_party(leader), Membership.Role.CHAIR)]
    seats += [(p, party, Membership.Role.MEMBER) for p, party in members if p.pk != leader.pk]
    for person, party, role in seats:
        try:
            organisation.membership_add(
                actor=actor, body=group, person=person, party=party, role=role, start=starts_on
            )
        except ValidationError as error:
            raise ValidationError(
                {
                    "members": [
                        f"{person.first_name} {person.last_name}: {m}" for m in error.messages
                    ]
                }
            ) from error
    project = Project(
        municipality_id=municipality_id,
        kind=kind,
        title=title.strip(),
        summary=summary.strip(),
        visibility=visibility,
        mandating_body=mandating_body,
        mandate_item=mandate_item,
        mandate_proposal=mandate_proposal,
        mandate=mandate.strip(),
        leader=leader,
        group=group,
        starts_on=starts_on,
        ends_on=ends_on,
        savings_target=None if kind == ProjectKind.LEAN else savings_target,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    project.full_clean(exclude=["group", "mandating_body", "leader", "municipality"])
    project.save()
    project.units.set(units)
    project.informed.set(informed)
    if standard_phases:
        for position, (kind_, (first, last)) in enumerate(
            zip(STANDARD_PHASES, _phase_dates(starts_on, ends_on), strict=True), start=1
        ):
            Phase.objects.create(
                project=project, kind=kind_, starts_on=first, ends_on=last, position=position
            )
    audit_create(actor=actor, instance=project)
    if mandate_proposal is not None:
        proposer_tell(project=project, proposal=mandate_proposal)
    return project


@transaction.atomic
def project_update(
    *,
    actor: Any,
    project: Project,
    version: int,
    units: Sequence[Unit] | None = None,
    informed: Sequence[Person] | None = None,
    **fields: Any,
) -> Project:
    """Change a project's facts, refusing if someone else saved it since ``version``."""
    if not privacy.can_work(actor, project):
        raise PermissionDenied
    unknown = set(fields) - PROJECT_EDITABLE
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    _check_same(project.municipality_id, fields.get("leader"), *(units or ()), *(informed or ()))
    with versioned_edit(project, actor=actor, version=version, changes=fields) as current:
        errors = _check_facts(
            kind=current.kind,
            title=current.title,
            mandate=current.mandate,
            starts_on=current.starts_on,
            ends_on=current.ends_on,
            savings_target=current.savings_target,
        )
        if errors:
            raise ValidationError(errors)
        current.title = current.title.strip()
        if units is not None:
            current.units.set(units)
        if informed is not None:
            current.informed.set(informed)
        if current.leader_id != project.leader_id:
            _seat_leader(actor=actor, project=current)
    return current


def _seat_leader(*, actor: Any, project: Project) -> None:
    """A new leader without a seat in the group gets one, in the chair."""
    seated = Membership.objects.filter(
        active_q(today()), body_id=project.group_id, person_id=project.leader_id
    ).exists()
    if seated:
        return
    leader = project.leader
    try:
        organisation.membership_add(
            actor=actor,
            body=project.group,
            person=leader,
            party=_seat_party(leader),
            role=Membership.Role.CHAIR,
        )
    except ValidationError as error:
        raise ValidationError({"leader": error.messages}) from error


def _check_phase(
    *, kind: str, starts_on: datetime.date, ends_on: datetime.date
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if kind not in Phase.Kind.values:
        errors["kind"] = [_("Choose the phase.")]
    if ends_on < starts_on:
        errors["ends_on"] = [_("The phase cannot end before it starts.")]
    return errors


@transaction.atomic
def phase_add(
    *,
    actor: Any,
    project: Project,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    title: str = "",
    goal: str = "",
) -> Phase:
    """Add a phase with its goal and dates, last in the project's order."""
    if not privacy.can_work(actor, project):
        raise PermissionDenied
    errors = _check_phase(kind=kind, starts_on=starts_on, ends_on=ends_on)
    if errors:
        raise ValidationError(errors)
    phase = Phase.objects.create(
        project=project,
        kind=kind,
        title=title.strip(),
        goal=goal.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        position=project.phases.count() + 1,
    )
    audit_create(actor=actor, instance=phase)
    return phase


@transaction.atomic
def phase_update(*, actor: Any, phase: Phase, version: int, **fields: Any) -> Phase:
    """Change a phase's goal, dates or title; ``done_on`` marks it done (None reopens it)."""
    if not privacy.can_work(actor, phase.project):
        raise PermissionDenied
    unknown = set(fields) - {"kind", "title", "goal", "starts_on", "ends_on", "done_on"}
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with versioned_edit(phase, actor=actor, version=version, changes=fields) as current:
        errors = _check_phase(
            kind=current.kind, starts_on=current.starts_on, ends_on=current.ends_on
        )
        if current.done_on is not None and current.done_on > timezone.localdate():
            errors["done_on"] = [_("A phase cannot be done on a day still to come.")]
        if errors:
            raise ValidationError(errors)
        current.title = current.title.strip()
        current.goal = current.goal.strip()
    return current


def phase_mark_done(
    *, actor: Any, phase: Phase, version: int, done_on: datetime.date | None = None
) -> Phase:
    """Mark a phase done (today unless told)."""
    return phase_update(
        actor=actor, phase=phase, version=version, done_on=done_on or timezone.localdate()
    )
