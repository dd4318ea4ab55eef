"""Projects in the JSON API: the list, one project, its phases, its status reports and
its improvement board's totals — with the pages' rules (``trepart.development.privacy``):
visitors see public projects without employees' names, the municipality's people a
summary of internal ones, the group and the mandating body everything. A project the
caller may not open answers 404."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from trepart.accounts.api import auth_methods
from trepart.development import privacy
from trepart.development.api.project_schemas import (
    LeanSumsOut,
    PhaseOut,
    ProjectDetailOut,
    ProjectPageOut,
    ProjectQuery,
    ReportOut,
)
from trepart.development.models import Project
from trepart.development.selectors import projects as selectors
from trepart.development.selectors.lean import lean_sums
from trepart.development.selectors.status import shown_status
from trepart.organisation.public import public_municipality
from trepart.organisation.schemas import Error
from trepart.platform.api import Id, caller, not_found
from trepart.platform.urls import absolute_url


class Visitor:
    """No credentials: a visitor, who sees public projects. A refused token is a 401."""

    def __call__(self, request: HttpRequest) -> Any:
        if request.headers.get("Authorization"):
            return None
        return AnonymousUser()


router = Router(tags=["development"], auth=[*auth_methods, Visitor()])
ANONYMOUS_TOO: dict[str, Any] = {"security": [{}]}
ERRORS = {401: Error, 403: Error, 404: Error}


def _reader(request: HttpRequest) -> Any:
    if getattr(request.auth, "is_authenticated", False):  # type: ignore[attr-defined]
        return caller(request)
    return request.auth  # type: ignore[attr-defined]


def _municipality_id(request: HttpRequest, reader: Any) -> int | None:
    if getattr(reader, "is_authenticated", False):
        return None
    try:
        municipality = public_municipality(request)
    except Http404:
        raise not_found() from None
    if municipality is None:
        raise HttpError(400, _("Give the municipality's organisation number as ?kommune=."))
    return municipality.pk


def _project(request: HttpRequest, reader: Any, project_id: int) -> tuple[Project, Any]:
    project = (
        Project.objects.select_related(
            "mandating_body", "leader", "recommendation_item__meeting", "municipality"
        )
        .filter(pk=project_id)
        .first()
    )
    level = privacy.access(reader, project) if project is not None else privacy.Access.NONE
    if project is None or level == privacy.Access.NONE:
        raise not_found()
    return project, level


def _out(project: Project, level: privacy.Access) -> dict[str, Any]:
    name = (
        "development:public_project"
        if level == privacy.Access.PUBLIC
        else "development:project_detail"
    )
    return {
        "id": project.pk,
        "kind": project.kind,
        "title": project.title,
        "status": shown_status(project),
        "visibility": project.visibility,
        "access": level.name,
        "mandating_body": project.mandating_body.name,
        "starts_on": project.starts_on,
        "ends_on": project.ends_on,
        "savings_target": project.savings_target,
        "url": absolute_url(reverse(name, args=[project.pk])),
    }


@router.get(
    "/development/projects",
    response={200: ProjectPageOut, 400: Error, **ERRORS},
    operation_id="development_project_list",
    openapi_extra=ANONYMOUS_TOO,
    summary="List development projects",
)
def project_list(request: HttpRequest, filters: Query[ProjectQuery]) -> dict[str, Any]:
    """The projects the caller may open, newest first; a visitor names the municipality
    with ``?kommune=`` and gets its public projects."""
    reader = _reader(request)
    rows = selectors.project_list(
        user=reader,
        municipality_id=_municipality_id(request, reader),
        kind=filters.kind or "",
        status=filters.status or "",
    )
    return {"count": len(rows), "items": [_out(row.project, row.access) for row in rows]}


@router.get(
    "/development/projects/{project_id}",
    response={200: ProjectDetailOut, **ERRORS},
    operation_id="development_project_get",
    openapi_extra=ANONYMOUS_TOO,
    summary="Get a development project",
)
def project_get(request: HttpRequest, project_id: Id) -> dict[str, Any]:
    """One project with its phases, its decision line and (Lean) the board's totals; the
    group and the people kept informed only with full access."""
    reader = _reader(request)
    project, _level = _project(request, reader, project_id)
    page = selectors.project_page(user=reader, project=project)
    item = project.recommendation_item
    return {
        **_out(project, page.access),
        "summary": project.summary,
        "mandate": project.mandate if page.access != privacy.Access.SUMMARY else "",
        "leader": page.leader,
        "units": page.units,
        "group": [
            {"party": party, "name": seat.name, "role": seat.role}
            for party, seats in page.group.items()
            for seat in seats
        ],
        "informed": page.informed,
        "phases": [_phase(phase) for phase in page.phases],
        "decision": {
            "recommended_on": item.meeting.starts_at.date() if item else None,
            "recommendation_outcome": item.outcome if item else "",
            "decision_maker": project.decision_maker,
            "adopted": project.decision_adopted,
            "text": project.decision_text,
            "votes": project.decision_votes,
            "decided_on": project.decided_on,
        },
        "lean": page.lean.as_json() if page.lean else None,
    }


def _phase(phase: Any) -> dict[str, Any]:
    return {
        "id": phase.pk,
        "kind": phase.kind,
        "title": str(phase),
        "goal": phase.goal,
        "starts_on": phase.starts_on,
        "ends_on": phase.ends_on,
        "done_on": phase.done_on,
    }


@router.get(
    "/development/projects/{project_id}/phases",
    response={200: list[PhaseOut], **ERRORS},
    operation_id="development_project_phases",
    openapi_extra=ANONYMOUS_TOO,
    summary="A project's phases",
)
def project_phases(request: HttpRequest, project_id: Id) -> list[dict[str, Any]]:
    """The phases in order, with their goals, dates and the day each was done."""
    project, _level = _project(request, _reader(request), project_id)
    return [_phase(p) for p in project.phases.order_by("position", "starts_on", "pk")]


@router.get(
    "/development/projects/{project_id}/reports",
    response={200: list[ReportOut], **ERRORS},
    operation_id="development_project_reports",
    openapi_extra=ANONYMOUS_TOO,
    summary="A project's status reports",
)
def project_reports(request: HttpRequest, project_id: Id) -> list[dict[str, Any]]:
    """The group's status reports, newest first: for the group and the mandating body."""
    project, level = _project(request, _reader(request), project_id)
    if level != privacy.Access.FULL:
        raise HttpError(
            403, _("Only the project group and the mandating body see the status reports.")
        )
    reports = project.reports.select_related("item__meeting").order_by("-created_at", "-pk")
    return [
        {
            "id": report.pk,
            "text": report.text,
            "created_at": report.created_at,
            "meeting_starts_at": report.item.meeting.starts_at if report.item else None,
            "item_number": report.item.case_number if report.item else "",
        }
        for report in reports
    ]


@router.get(
    "/development/projects/{project_id}/improvements/sums",
    response={200: LeanSumsOut, **ERRORS},
    operation_id="development_project_lean_sums",
    openapi_extra=ANONYMOUS_TOO,
    summary="A Lean project's improvement board in figures",
)
def project_lean_sums(request: HttpRequest, project_id: Id) -> dict[str, Any]:
    """How many problems and ideas, how many done, and the measured effect a month."""
    project, _level = _project(request, _reader(request), project_id)
    if project.kind != "LEAN":
        raise not_found()
    return lean_sums(project).as_json()
