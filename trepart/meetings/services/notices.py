"""Telling every member at once: the published agenda, and papers that come after it.

Each member gets the message in their own language (their login's choice, else the
municipality's), through the platform's outbox, tagged with the meeting.

An e-mail travels (it is forwarded, printed, read on shared screens), so it names an item
and a document as the public reads them (``privacy.item_heading`` with ``internal=False``):
a closed item by its number and neutral title, an exempt document not by its title.
"""

from __future__ import annotations

from django.urls import reverse

from trepart.meetings.models import AgendaItem, Document, Meeting
from trepart.meetings.privacy import document_title, item_heading
from trepart.organisation.models import Membership
from trepart.organisation.selectors import active_q, today
from trepart.platform.mail import queue, reader_language
from trepart.platform.urls import absolute_url


def meeting_link(meeting: Meeting) -> str:
    return absolute_url(reverse("meetings:meeting-detail", args=[meeting.pk]))


def _tell(meeting: Meeting, template: str, context: dict[str, object]) -> int:
    seats = (
        Membership.objects.filter(active_q(today()), body_id=meeting.body_id)
        .select_related("person__user", "person__municipality")
        .order_by("person_id")
    )
    told: set[int] = set()
    for seat in seats:
        person = seat.person
        if person.pk in told:
            continue
        told.add(person.pk)
        user = person.user
        email = person.email or (user.email if user is not None else "")
        language = reader_language(getattr(user, "language", ""), person.municipality.language)
        queue(
            municipality_id=meeting.municipality_id,
            email=email,
            language=language,
            template=template,
            context={**context, "meeting": meeting, "link": meeting_link(meeting)},
            user=user,
            folder="meetings/email",
            about=meeting,
        )
    return len(told)


def notify_members(meeting: Meeting) -> int:
    """The agenda is out: every member, the same message, at the same time."""
    return _tell(meeting, "agenda_published", {})


def notify_late(*, item_id: int) -> int:
    item = AgendaItem.objects.select_related("meeting__body").get(pk=item_id)
    return _tell(item.meeting, "item_added", {"item": item_heading(item, internal=False)})


def notify_late_document(*, document_id: int) -> int:
    document = Document.objects.select_related("item__meeting__body").get(pk=document_id)
    context = {
        "document_title": document_title(document, internal=False),
        "item": item_heading(document.item, internal=False),
    }
    return _tell(document.item.meeting, "document_added", context)
