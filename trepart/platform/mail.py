"""The e-mail outbox every app sends through.

A message to a person is rendered in their language, stored as a ``Notification`` and sent
by a background task (``send_notification``, run by ``trepart worker``) once the change
that caused it is committed. Someone who has already had ``DIGEST_AFTER`` messages today
gets the rest in one daily digest instead (``mail_digest.py``, a daily duty).

Messages that are already one per person per day (deadline reminders, digests) or must never
be stored (survey links) are built with ``render`` and ``message`` and sent directly, several
over one connection with ``messages_send``.

Every message says which language it is written in, in a Content-Language header.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from trepart.platform.models import Notification

logger = logging.getLogger(__name__)

# A person gets at most this many messages a day one by one; the rest wait for the digest.
DIGEST_AFTER = 3


def goes_to_digest(sent_today: int) -> bool:
    """A person who has had ``DIGEST_AFTER`` messages today gets the rest in the digest."""
    return sent_today >= DIGEST_AFTER


def reader_language(user_language: str | None, municipality_language: str | None) -> str:
    """A person's language: their own choice if they have a login, else the municipality's."""
    return str(user_language or municipality_language or settings.LANGUAGE_CODE)


def render(
    template: str, context: dict[str, Any], language: str, *, folder: str
) -> tuple[str, str]:
    """The subject (on one line) and body of ``<folder>/<template>`` in ``language``: the
    templates ``<template>_subject.txt`` and ``<template>.txt``."""
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
    folder: str,
    about: models.Model | None = None,
    user: Any = None,
) -> Notification | None:
    """Store a message rendered in ``language`` and send it once the change is committed,
    or hold it for tomorrow's digest if the reader has had enough for today.

    ``about`` tags the message with what it tells about (a proposal, a meeting …)."""
    if not email:
        return None
    day = timezone.localdate()
    subject, body = render(template, context, language, folder=folder)
    sent_today = Notification.objects.filter(email__iexact=email, day=day).count()
    notification = Notification.objects.create(
        municipality_id=municipality_id,
        about=about,
        user=user,
        email=email,
        language=language,
        subject=subject,
        body=body,
        day=day,
        in_digest=goes_to_digest(sent_today),
    )
    if not notification.in_digest:
        pk = notification.pk
        transaction.on_commit(lambda: send_notification.enqueue(pk))
    return notification


@task()
def send_notification(notification_id: int) -> bool:
    """Send one stored message, once: a retried task finds it already sent."""
    notification = Notification.objects.filter(pk=notification_id, sent_at__isnull=True).first()
    if notification is None:
        return False
    message(
        email=notification.email,
        language=notification.language,
        subject=notification.subject,
        body=notification.body,
    ).send()
    Notification.objects.filter(pk=notification.pk).update(sent_at=timezone.now())
    return True


def messages_send(messages: Sequence[EmailMessage]) -> int:
    """Send over one connection; returns how many failed. A message the mail server refuses
    is logged and counted and the rest go on; none is retried."""
    if not messages:
        return 0
    failed = 0
    try:
        with get_connection() as connection:
            for one in messages:
                try:
                    connection.send_messages([one])
                except Exception:
                    failed += 1
                    logger.exception("The mail server refused a message")
    except Exception:
        logger.exception("Could not reach the mail server")
        return len(messages)
    return failed
