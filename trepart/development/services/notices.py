"""Telling people about a project through the outbox: the proposer whose proposal was
handed to it, and the people kept informed when the group sends a status report.

Every message is rendered in the reader's language and links where the reader can follow
the project: the public page of a public project, else the project's page for the
municipality's own people, else (for a citizen) the proposal's tracking page, which shows
the project handling it. What a message says of the project reads through ``privacy``.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from trepart.development import privacy
from trepart.development.models import Project, StatusReport
from trepart.development.selectors.lean import LeanSums, lean_sums
from trepart.organisation.models import Person
from trepart.platform.mail import queue, reader_language
from trepart.platform.models import Notification
from trepart.platform.urls import absolute_url
from trepart.proposals.models import Proposal, Source

TEMPLATES = "development/email"


def project_link(project: Project, *, member: bool) -> str:
    """The project's page for the municipality's people; its public page for others."""
    if member:
        return absolute_url(reverse("development:project_detail", args=[project.pk]))
    return absolute_url(reverse("development:public_project", args=[project.pk]))


def _proposer_link(project: Project, proposal: Proposal) -> str:
    if proposal.source != Source.CITIZEN:
        return project_link(project, member=True)
    if project.is_public:
        return project_link(project, member=False)
    return absolute_url(reverse("proposals:track", args=[proposal.tracking_code]))


def proposer_tell(*, project: Project, proposal: Proposal) -> Notification | None:
    """Tell the proposer their proposal is now handled in ``project``."""
    user = proposal.submitted_by
    email = proposal.proposer_email or (user.email if user is not None else "")
    return queue(
        municipality_id=project.municipality_id,
        email=email,
        language=reader_language(getattr(user, "language", ""), project.municipality.language),
        template="proposal_handed_over",
        context={
            "proposal": proposal,
            "project": project,
            "body": project.mandating_body,
            "link": _proposer_link(project, proposal),
        },
        folder=TEMPLATES,
        about=proposal,
        user=user,
    )


def _person_email(person: Person) -> tuple[str, Any]:
    user = person.user
    return (person.email or (user.email if user is not None else "")), user


def informed_tell(*, report: StatusReport) -> list[Notification]:
    """Send a status report to everyone kept informed of its project."""
    project = report.project
    sums: LeanSums | None = lean_sums(project) if project.kind == "LEAN" else None
    sent = []
    for person in project.informed.select_related("user").order_by("pk"):
        email, user = _person_email(person)
        level = privacy.access(user, project) if user is not None else privacy.Access.SUMMARY
        notification = queue(
            municipality_id=project.municipality_id,
            email=email,
            language=reader_language(getattr(user, "language", ""), project.municipality.language),
            template="status_report",
            context={
                "project": project,
                "report": report,
                "sums": sums,
                "meeting": report.item.meeting if report.item else None,
                "leader": privacy.shown_name(project.leader, max(level, privacy.Access.SUMMARY)),
                "link": project_link(project, member=True),
            },
            folder=TEMPLATES,
            about=project,
            user=user,
        )
        if notification is not None:
            sent.append(notification)
    return sent
