"""The daily digest, a daily duty: the messages the outbox held back, one e-mail per address.

The digest gathers the messages held back on *earlier* days, in the language of the newest
of them. Messages held back today wait for tomorrow's digest, so a digest covers whole days.
It is sent after its messages are marked as sent (committed); a message the mail server
refuses is logged and counted, not retried.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone

from trepart.platform.mail import message, messages_send, render
from trepart.platform.models import Notification

TEMPLATES = "platform/email"
BATCH = 1000


def digest_send(day: datetime.date) -> dict[str, int]:
    """One message per address with everything held back for it before ``day``."""
    with transaction.atomic():
        outgoing, held = _digests(day)
    return {
        "messages": len(outgoing),
        "notifications": held,
        "refused": messages_send(outgoing),
    }


def _digests(day: datetime.date) -> tuple[list[Any], int]:
    pending = Notification.objects.filter(in_digest=True, sent_at__isnull=True, day__lt=day)
    rows = pending.order_by("pk").values_list(
        "pk", "email", "language", "subject", "body", "municipality__name"
    )
    per_address: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    last_pk = 0
    for row in rows.iterator(chunk_size=BATCH):
        per_address[row[1].lower()].append(row)
        last_pk = row[0]
    if not per_address:
        return [], 0
    # Everything read above and nothing newer: a message held back while this runs
    # belongs to today, and today is not in this digest anyway.
    pending.filter(pk__lte=last_pk).update(sent_at=timezone.now())
    messages = []
    for held in per_address.values():
        newest = held[-1]
        email, language, municipality_name = newest[1], newest[2], newest[5]
        context = {
            "municipality": municipality_name,
            "count": len(held),
            "items": [{"subject": row[3], "body": row[4].strip()} for row in held],
        }
        subject, body = render("digest", context, language, folder=TEMPLATES)
        messages.append(message(email=email, language=language, subject=subject, body=body))
    return messages, sum(len(held) for held in per_address.values())
