"""Telling people what happened: the proposer at every state change, chairs about deadlines.

A message to a proposer is stored as a ``Notification`` and sent by a background task after
the change is committed. Someone who has already had ``rules.DIGEST_AFTER`` messages today
gets the rest in one daily digest instead. Deadline reminders and digests are already one
message per person per day, so the daily duties (``duties.py``) send them directly.

Every message is rendered in its reader's language and says so in a Content-Language header.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from trepart.platform.urls import absolute_url
from trepart.proposals import rules
from trepart.proposals.models import Event, Notification, Proposal, Source


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


def reader_language(user_language: str | None, municipality_language: str | None) -> str:
    """A person's language: their own choice if they have a login, else the municipality's."""
    return str(user_language or municipality_language or settings.LANGUAGE_CODE)


def _proposer_language(proposal: Proposal) -> str:
    user = proposal.submitted_by
    return reader_language(getattr(user, "language", ""), proposal.municipality.language)


def render(
    template: str, context: dict[str, Any], language: str, folder: str = "proposals/email"
) -> tuple[str, str]:
    """The subject (on one line) and body of ``<folder>/<template>`` in ``language``."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{folder}/{template}_subject.txt", context).split())
        body = render_to_string(f"{folder}/{template}.txt", context)
    return subject[:250], body


def message(*, email: str, language: str, subject: str, body: str) -> EmailMessage:
    """An e-mail ready to send, marked with the language it is written in."""
    return EmailMessage(
        subject=subject, body=body, to=[email], headers={"Content-Language": language}
    )


def queue(
    *,
    municipality_id: int,
    email: str,
    language: str,
    template: str,
    context: dict[str, Any],
    proposal: Proposal | None = None,
    user: Any = None,
    folder: str = "proposals/email",
) -> Notification | None:
    """Store a message rendered in ``language`` and send it once the change is committed."""
    if not email:
        return None
    day = timezone.localdate()
    subject, body = render(template, context, language, folder)
    sent_today = Notification.objects.filter(email__iexact=email, day=day).count()
    notification = Notification.objects.create(
        municipality_id=municipality_id,
        proposal=proposal,
        user=user,
        email=email,
        language=language,
        subject=subject,
        body=body,
        day=day,
        in_digest=rules.goes_to_digest(sent_today),
    )
    if not notification.in_digest:
        from trepart.proposals.tasks import send_notification

        pk = notification.pk
        transaction.on_commit(lambda: send_notification.enqueue(pk))
    return notification


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
        proposal=proposal,
        user=proposal.submitted_by,
    )
