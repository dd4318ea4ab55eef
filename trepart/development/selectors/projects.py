"""Reads of projects as a reader may see them: the list with each row's access, one
project's page (group by party, people kept informed, phases, reports, the decision line),
and what the forms offer (mandate items and proposals, coming meetings).

What is shown is decided by ``trepart.development.privacy`` alone; this module only
gathers the rows and drops what the reader's access level does not reach."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from trepart.development import privacy
from trepart.development.models import Improvement, Phase, Project, StatusReport
from trepart.development.selectors.lean import LeanSums, board, lean_sums, lean_sums_by_project
from trepart.development.selectors.status import MANDATE_OUTCOMES, shown_status
from trepart.meetings.models import AgendaItem, Meeting
from trepart.organisation.models import Body, Membership, Party
from trepart.organisation.selectors import active_q, today
from trepart.platform.tenancy import is_municipal_admin
from trepart.proposals.models import AnswerKind, Proposal

RECOMMENDED_Q = Q(status=Project.Status.RECOMMENDED) | Q(
    status=Project.Status.ACTIVE, recommendation_item__outcome__in=MANDATE_OUTCOMES
)


@dataclass
class ProjectRow:
    project: Project
    access: privacy.Access
    status: str
    status_label: str


def _status_label(status: str) -> str:
    return str(Project.Status(status).label)


def status_q(status: str) -> Q:
    """Projects whose shown status is ``status`` (reading the innstilling item)."""
    if status == Project.Status.RECOMMENDED:
        return RECOMMENDED_Q
    if status == Project.Status.ACTIVE:
        return Q(status=Project.Status.ACTIVE) & ~RECOMMENDED_Q
    return Q(status=status)


def project_list(
    *, user: Any, municipality_id: int | None = None, kind: str = "", status: str = ""
) -> list[ProjectRow]:
    """The projects the user may open, newest first, each with the user's access."""
    projects = privacy.visible_projects(user, municipality_id=municipality_id)
    if kind:
        projects = projects.filter(kind=kind)
    if status:
        projects = projects.filter(status_q(status))
    projects = projects.select_related("mandating_body", "recommendation_item").order_by(
        "-starts_on", "title", "pk"
    )
    full = set(projects.filter(privacy.full_access_q(user)).values_list("pk", flat=True))
    rows = []
    for project in projects:
        level = privacy.Access.FULL if project.pk in full else privacy.access(user, project)
        shown = shown_status(project)
        rows.append(ProjectRow(project, level, shown, _status_label(shown)))
    return rows


def project_get(*, user: Any, pk: int, municipality_id: int | None = None) -> Project:
    """One project the user may open, or 404 (another municipality's id too)."""
    project = (
        privacy.visible_projects(user, municipality_id=municipality_id)
        .select_related(
            "mandating_body",
            "group",
            "leader",
            "mandate_item__meeting",
            "mandate_proposal",
            "recommendation_item__meeting",
            "municipality",
        )
        .filter(pk=pk)
        .first()
    )
    if project is None:
        raise Http404
    return project


@dataclass
class Seat:
    name: str
    role: str
    capacity: str


@dataclass
class ProjectPage:
    """Everything a project's page shows, cut to the reader's access level."""

    project: Project
    access: privacy.Access
    status: str
    status_label: str
    leader: str
    phases: list[Phase]
    lean: LeanSums | None
    group: dict[str, list[Seat]] = field(default_factory=dict)
    informed: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    reports: list[StatusReport] = field(default_factory=list)
    board: dict[str, list[Improvement]] = field(default_factory=dict)

    @property
    def full(self) -> bool:
        return self.access == privacy.Access.FULL

    @property
    def public(self) -> bool:
        return self.access == privacy.Access.PUBLIC


def _group(project: Project, level: privacy.Access) -> dict[str, list[Seat]]:
    seats = (
        Membership.objects.filter(active_q(today()), body_id=project.group_id)
        .select_related("person")
        .order_by("party", "-role", "person__last_name", "pk")
    )
    parties: dict[str, list[Seat]] = {}
    for seat in seats:
        label = str(Party(seat.party).label)
        name = privacy.shown_name(seat.person, level)
        parties.setdefault(label, []).append(
            Seat(name=name, role=seat.get_role_display(), capacity=seat.get_capacity_display())
        )
    return parties


def project_page(*, user: Any, project: Project) -> ProjectPage:
    """A project's page for ``user``: the group, reports and board only with full access."""
    level = privacy.access(user, project)
    if level == privacy.Access.NONE:
        raise Http404
    shown = shown_status(project)
    page = ProjectPage(
        project=project,
        access=level,
        status=shown,
        status_label=_status_label(shown),
        leader=privacy.shown_name(project.leader, level),
        phases=list(project.phases.order_by("position", "starts_on", "pk")),
        lean=lean_sums(project) if project.kind == "LEAN" else None,
        units=list(project.units.order_by("name").values_list("name", flat=True)),
    )
    if level == privacy.Access.FULL:
        page.group = _group(project, level)
        page.informed = [
            privacy.shown_name(person, level) for person in project.informed.order_by("last_name")
        ]
        page.reports = list(
            project.reports.select_related("item__meeting").order_by("-created_at", "-pk")
        )
        if project.kind == "LEAN":
            page.board = board(project)
    elif level == privacy.Access.SUMMARY and privacy.can_suggest(user, project):
        # Employees of the units involved put cards up, so they see the board too.
        page.board = board(project)
    return page


def mandated_projects(*, user: Any, body: Body) -> list[tuple[Project, LeanSums | None]]:
    """The projects a body has mandated, for the body's page (Lean totals beside them)."""
    projects = list(
        privacy.visible_projects(user)
        .filter(mandating_body=body)
        .select_related("recommendation_item")
        .order_by("-starts_on", "pk")
    )
    sums = lean_sums_by_project([p for p in projects if p.kind == "LEAN"])
    return [(p, sums.get(p.pk)) for p in projects]


def mandate_items(*, body: Body) -> QuerySet[AgendaItem]:
    """The body's items it agreed on or decided: where a mandate can come from."""
    return (
        AgendaItem.objects.filter(body=body, outcome__in=MANDATE_OUTCOMES)
        .select_related("meeting")
        .order_by("-meeting__starts_at", "-pk")
    )


def mandate_proposals(*, body: Body) -> QuerySet[Proposal]:
    """The body's proposals answered "further evaluation": they can be handed over."""
    return Proposal.objects.filter(body=body, answer=AnswerKind.FURTHER_EVALUATION).order_by("-pk")


def coming_meetings(*, body: Body) -> QuerySet[Meeting]:
    """The body's meetings still to be held, where a report or recommendation can go."""
    return Meeting.objects.filter(
        body=body,
        starts_at__gt=timezone.now(),
        status__in=(Meeting.Status.PLANNED, Meeting.Status.PUBLISHED),
    ).order_by("starts_at", "pk")


def mandating_bodies(*, user: Any) -> QuerySet[Body]:
    """Bodies the user may start a project under (members; administrators: all but groups)."""
    bodies = Body.objects.for_user(user).exclude(kind=Body.Kind.PROJECT_GROUP).order_by("name")
    if is_municipal_admin(user):
        return bodies
    person = getattr(user, "person", None)
    if person is None:
        return bodies.none()
    seats = Membership.objects.filter(active_q(today()), person=person).values("body_id")
    return bodies.filter(pk__in=seats)


def proposal_projects(*, proposal: Proposal) -> QuerySet[Project]:
    """The projects a proposal was handed to."""
    return Project.objects.filter(mandate_proposal=proposal).order_by("pk")
