"""The development work's panels on lower apps' pages (registered in ``apps.py``): on a
proposal's page (and the proposer's tracking page), the project the proposal was handed
to; on a body's page, the projects it has mandated, with a Lean board's totals."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from trepart.development import privacy
from trepart.development.models import Project
from trepart.development.selectors.projects import mandated_projects, proposal_projects
from trepart.development.selectors.status import shown_status
from trepart.organisation.models import Body
from trepart.proposals.models import Proposal


def _link(user: Any, project: Project) -> str:
    level = privacy.access(user, project)
    if level >= privacy.Access.SUMMARY:
        return reverse("development:project_detail", args=[project.pk])
    if level == privacy.Access.PUBLIC:
        return reverse("development:public_project", args=[project.pk])
    return ""


def proposal_panel(*, user: Any, proposal: Proposal) -> dict[str, Any]:
    """The projects handling the proposal, linked as far as the reader may follow."""
    projects = [
        {
            "title": project.title,
            "status": Project.Status(shown_status(project)).label,
            "link": _link(user, project),
        }
        for project in proposal_projects(proposal=proposal).select_related("recommendation_item")
    ]
    return {"projects": projects} if projects else {}


def body_panel(*, user: Any, body: Body) -> dict[str, Any]:
    """The projects the body has mandated (for its members: what they are to follow up)."""
    return {"projects": mandated_projects(user=user, body=body)}
