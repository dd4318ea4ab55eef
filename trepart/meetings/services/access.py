"""Reading a document is logged, and a person's private calendar address is made here."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from trepart.meetings.models import CalendarFeed, DocumentAccess, DocumentVersion
from trepart.organisation.models import Person


def document_open(*, user: Any, version: DocumentVersion) -> None:
    """Record that ``user`` opened ``version`` now (the permission check is the caller's)."""
    if not getattr(user, "is_authenticated", False):
        return  # the public reads public papers without a trace
    DocumentAccess.objects.create(
        municipality_id=version.municipality_id,
        version=version,
        document_id=version.document_id,
        user=user,
    )


@transaction.atomic
def calendar_feed_get(*, person: Person) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(
        person=person, defaults={"municipality_id": person.municipality_id}
    )
    return feed


@transaction.atomic
def calendar_feed_renew(*, person: Person) -> CalendarFeed:
    """A new address; the old one stops working (for a leaked link)."""
    CalendarFeed.objects.filter(person=person).delete()
    return calendar_feed_get(person=person)
