"""Who sees what of a development project: the one place every output reads through
(pages, API, CSV, PDF, snapshots, e-mail).

Three circles, as the issue puts it. The project group and the mandating body (with the
municipality's administrators) see everything: names, per-task FTE effects, each party's
weights once weighing is open. Other signed-in people of the municipality see an internal
project's summary. Everyone sees a public project, but never an employee's name and never
per-task FTE effects; only the totals.
"""

from __future__ import annotations

import enum
from typing import Any

from django.db.models import Q, QuerySet

from trepart.development.models import Project, ProjectKind, Weighing
from trepart.organisation.models import Body, Membership, Party, Person
from trepart.organisation.selectors import active_q, today
from trepart.platform.tenancy import is_municipal_admin, same_municipality


class Access(enum.IntEnum):
    NONE = 0
    PUBLIC = 1  # the public page: no employees' names, totals only
    SUMMARY = 2  # an internal project's summary for the municipality's own people
    FULL = 3  # the project group, the mandating body, administrators


def _person_id(user: Any) -> int | None:
    if not getattr(user, "is_authenticated", False):
        return None
    person = getattr(user, "person", None)
    return person.pk if person is not None else None


def group_party(user: Any, project: Project) -> str | None:
    """The party the user sits for in the project group (None: not in the group)."""
    person_id = _person_id(user)
    if person_id is None or not same_municipality(user, project):
        return None
    seat = (
        Membership.objects.filter(active_q(today()), body_id=project.group_id, person_id=person_id)
        .order_by("pk")
        .values_list("party", flat=True)
        .first()
    )
    return seat


def _sits_in(user: Any, body_ids: list[int]) -> bool:
    person_id = _person_id(user)
    if person_id is None:
        return False
    return Membership.objects.filter(
        active_q(today()), body_id__in=body_ids, person_id=person_id
    ).exists()


def access(user: Any, project: Project) -> Access:
    if same_municipality(user, project):
        if is_municipal_admin(user) or _sits_in(
            user, [project.group_id, project.mandating_body_id]
        ):
            return Access.FULL
        if _person_id(user) is not None or user.is_authenticated:
            return Access.SUMMARY
    if project.is_public:
        return Access.PUBLIC
    return Access.NONE


def can_work(user: Any, project: Project) -> bool:
    """Edits the project: its group (any seat) and the municipality's administrators."""
    if not same_municipality(user, project):
        return False
    return is_municipal_admin(user) or group_party(user, project) is not None


def weighing_party(user: Any, project: Project) -> str | None:
    """The party whose weights the user records: only the three parties weigh."""
    party = group_party(user, project)
    return party if party in Party.three() else None


def weighing_parties(project: Project) -> list[str]:
    """The parties that weigh: those of the three with a seat in the project group. In Vei
    og park the politicians were kept informed and did not take part; then two weigh."""
    seated = set(
        Membership.objects.filter(active_q(today()), body_id=project.group_id).values_list(
            "party", flat=True
        )
    )
    return [party for party in Party.three() if party in seated]


def weights_open(project: Project) -> bool:
    """Every party sees the others' weights once all the weighing parties have finished."""
    parties = weighing_parties(project)
    done = set(Weighing.objects.filter(project=project).values_list("party", flat=True))
    return bool(parties) and set(parties) <= done


def visible_projects(user: Any, *, municipality_id: int | None = None) -> QuerySet[Project]:
    """Projects the user may open at all: their municipality's, or any public one of the
    municipality being browsed (``municipality_id``) for a visitor."""
    if getattr(user, "is_authenticated", False) and user.municipality_id is not None:
        return Project.objects.for_user(user)
    if municipality_id is None:
        return Project.objects.none()
    return Project.objects.filter(
        municipality_id=municipality_id, visibility=Project.Visibility.PUBLIC
    )


def full_access_q(user: Any) -> Q:
    """Projects where the user has ``Access.FULL`` (for lists that show more to them)."""
    if is_municipal_admin(user):
        return Q()
    person_id = _person_id(user)
    if person_id is None:
        return Q(pk__in=[])
    bodies = Membership.objects.filter(active_q(today()), person_id=person_id).values("body_id")
    return Q(group_id__in=bodies) | Q(mandating_body_id__in=bodies)


def shown_name(person: Person | None, level: Access) -> str:
    """A person's name as the page at ``level`` may show it: on public pages employees are
    not named (politicians, who hold public office, are)."""
    if person is None:
        return ""
    if level >= Access.SUMMARY or person.kind == Person.Kind.POLITICIAN:
        return f"{person.first_name} {person.last_name}"
    return ""


def shows_task_ftes(level: Access) -> bool:
    """Per-task FTE effects (which come close to naming people) stay inside the group."""
    return level == Access.FULL


def can_create(user: Any, body: Body) -> bool:
    """Starts a project under ``body``'s mandate: administrators and the body's members."""
    if not same_municipality(user, body):
        return False
    return is_municipal_admin(user) or _sits_in(user, [body.pk])


def can_suggest(user: Any, project: Project) -> bool:
    """Puts a problem or idea on a Lean board: any employee of the units involved (and
    whoever works on the project)."""
    if project.kind != ProjectKind.LEAN or not same_municipality(user, project):
        return False
    if can_work(user, project):
        return True
    person = getattr(user, "person", None)
    if person is None or person.kind != Person.Kind.EMPLOYEE or person.unit_id is None:
        return False
    involved = set(project.units.values_list("pk", flat=True))
    unit = person.unit
    while unit is not None:  # a sub-unit of a unit involved is involved too
        if unit.pk in involved:
            return True
        unit = unit.parent
    return False


def can_record_decision(user: Any, project: Project) -> bool:
    """Records the council's decision: the group, the mandating body and administrators."""
    return access(user, project) == Access.FULL


def ledger_can_see(user: Any) -> bool:
    """The savings ledger is internal, not personal: the municipality's signed-in people."""
    return bool(getattr(user, "is_authenticated", False) and user.municipality_id is not None)


def ledger_can_edit(user: Any) -> bool:
    """Measures are entered by the municipality's administrators and by the members of the
    bodies that give the mandates: any body that mandated a project, or a tripartite body."""
    if not ledger_can_see(user):
        return False
    if is_municipal_admin(user):
        return True
    person_id = _person_id(user)
    if person_id is None:
        return False
    mandating = Project.objects.filter(municipality_id=user.municipality_id).values(
        "mandating_body_id"
    )
    return (
        Membership.objects.filter(active_q(today()), person_id=person_id)
        .filter(
            Q(body_id__in=mandating) | Q(body__kind=Body.Kind.TRIPARTITE),
            body__municipality_id=user.municipality_id,
        )
        .exists()
    )


def snapshot_level(*, closed: bool) -> Access:
    """What a snapshot on an agenda item may show: a closed item is read by the body alone
    (everything); an open item is public (totals only, no employees' names)."""
    return Access.FULL if closed else Access.PUBLIC
