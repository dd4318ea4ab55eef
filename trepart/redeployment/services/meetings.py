"""The stillingsbank's weekly meetings: the series planned with the meetings app, and each
week's round put on a meeting as one closed item (offentleglova § 13: personal matters)
whose title tells nothing about any person."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from trepart.audit.writes import versioned_edit
from trepart.meetings import permissions as meeting_permissions
from trepart.meetings import rules as meeting_rules
from trepart.meetings import services as meetings
from trepart.meetings.models import AgendaItem, Meeting
from trepart.organisation.models import Body
from trepart.redeployment import privacy
from trepart.redeployment.models import MatchRound


def check_bank(actor: Any, bank: Body) -> None:
    """Only the bank's own members (and the municipality's administrators) work for it."""
    if (
        bank.kind != Body.Kind.REDEPLOYMENT
        or not privacy.is_member(actor)
        or bank.municipality_id != actor.municipality_id
    ):
        raise PermissionDenied


@transaction.atomic
def bank_meetings_plan(
    *,
    actor: Any,
    bank: Body,
    first: datetime.datetime,
    count: int,
    until: datetime.date | None = None,
    minutes: int = 90,
    place: str = "",
    video_url: str = "",
) -> list[Meeting]:
    """Plan the bank's weekly meetings (closed to the public: they handle personal cases)."""
    if not meeting_permissions.can_prepare(actor, bank):
        raise PermissionDenied
    check_bank(actor, bank)
    starts = meeting_rules.recurring(first, every_weeks=1, count=count, until=until)
    return meetings.meeting_plan(
        actor=actor,
        body=bank,
        starts=starts,
        duration=datetime.timedelta(minutes=minutes),
        place=place,
        video_url=video_url,
        is_open=False,
    )


def round_title(meeting: Meeting) -> tuple[str, str]:
    """The item's title and text in the municipality's language: the week, never a name."""
    week = timezone.localtime(meeting.starts_at).isocalendar().week
    with translation.override(meeting.body.municipality.language):
        return (
            _("Redeployment: the proposals of week %(week)d") % {"week": week},
            _("The week's proposals and offers (closed: personal matters)."),
        )


@transaction.atomic
def round_item_add(*, actor: Any, match_round: MatchRound, meeting: Meeting) -> AgendaItem:
    """Put the round on one of the bank's meetings as a closed item."""
    check_bank(actor, match_round.bank)
    if meeting.body_id != match_round.bank_id:
        raise ValidationError({"meeting": [_("Choose one of the stillingsbank's own meetings.")]})
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError({"meeting": [_("The meeting has been cancelled.")]})
    if match_round.item_id is not None:
        raise ValidationError(_("The round is already on a meeting's agenda."))
    title, description = round_title(meeting)
    item = meetings.item_add(
        actor=actor,
        meeting=meeting,
        kind=AgendaItem.Kind.DECISION,
        title=title,
        description=description,
        closed=True,
        legal_basis=privacy.CLOSED_BASIS,
    )
    with versioned_edit(match_round, actor=actor, version=None) as current:
        current.meeting = meeting
        current.item = item
    return item
