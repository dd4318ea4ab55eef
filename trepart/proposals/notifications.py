"""Telling people what happened: the proposer at every state change, chairs about deadlines.

A message to a proposer goes through the platform's outbox (``trepart.platform.mail``): it
is stored as a ``Notification`` tagged with the proposal, and sent by a background task
after the change is committed, or gathered into the next day's digest when the proposer has
already had a few messages that day. Deadline reminders are one message per person per day,
so the daily duty (``duties.py``) sends them directly.
"""

from __future__ import annotations

from django.urls import reverse

from trepart.platform.mail import queue, reader_language
from trepart.platform.models import Notification
from trepart.platform.urls import absolute_url
from trepart.proposals.models import Event, Proposal, Source

TEMPLATES = "proposals/email"


def proposal_link(proposal: Proposal) -> str:
    """Where the proposer follows the proposal: the tracking page for a citizen."""
    if proposal.source == Source.CITIZEN:
        path = reverse("proposals:track", args=[proposal.tracking_code])
    else:
        path = reverse("proposals:detail", args=[proposal.pk])
    return absolute_url(path)


def employee_link(proposal_id: int) -> str:
    """The proposal's page for people who handle it (employees, members of bodies)."""
    return absolute_url(reverse("proposals:detail", args=[proposal_id]))


def inbox_link(body_id: int) -> str:
    return absolute_url(reverse("proposals:inbox", args=[body_id]))


def _proposer_language(proposal: Proposal) -> str:
    user = proposal.submitted_by
    return reader_language(getattr(user, "language", ""), proposal.municipality.language)


def notify_proposer(proposal: Proposal, event: Event) -> Notification | None:
    """Tell the proposer about a step in their proposal's handling."""
    email = proposal.proposer_email
    if not email and proposal.submitted_by is not None:
        email = proposal.submitted_by.email
    language = _proposer_language(proposal)
    answer = proposal.answers.order_by("-created_at", "-pk").first() if proposal.answer else None
    return queue(
        municipality_id=proposal.municipality_id,
        email=email,
        language=language,
        template="proposal_step",
        context={
            "proposal": proposal,
            "event": event,
            "answer": answer if event.kind in (Event.Kind.ANSWERED, Event.Kind.DECIDED) else None,
            "link": proposal_link(proposal),
            "municipality": proposal.municipality,
        },
        folder=TEMPLATES,
        about=proposal,
        user=proposal.submitted_by,
    )
