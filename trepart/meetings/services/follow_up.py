"""Follow-up actions (oppfølgingspunkter): an owner, a due date, tracked until done."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create
from trepart.audit.writes import versioned_edit
from trepart.meetings.models import AgendaItem, FollowUp
from trepart.meetings.services._common import auditable
from trepart.organisation.models import Body, Person


def _check(*, title: str, owner: Person | None, due_on: Any, body: Body) -> None:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Say what is to be done.")]
    if owner is None or owner.municipality_id != body.municipality_id:
        errors["owner"] = [_("Choose who owns the action.")]
    if not isinstance(due_on, datetime.date):
        errors["due_on"] = [_("Give the date the action is due.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def follow_up_create(
    *,
    actor: Any,
    body: Body,
    title: str,
    owner: Person | None,
    due_on: datetime.date | None,
    item: AgendaItem | None = None,
) -> FollowUp:
    """An agreed action, usually from an item in a meeting."""
    _check(title=title, owner=owner, due_on=due_on, body=body)
    if item is not None and item.body_id != body.pk:
        raise ValidationError(_("The item belongs to another body."))
    assert owner is not None and due_on is not None
    follow_up = FollowUp.objects.create(
        municipality_id=body.municipality_id,
        body=body,
        item=item,
        title=title.strip(),
        owner=owner,
        due_on=due_on,
    )
    audit_create(actor=auditable(actor), instance=follow_up)
    return follow_up


@transaction.atomic
def follow_up_update(
    *,
    actor: Any,
    follow_up: FollowUp,
    version: int,
    status: str,
    note: str = "",
    due_on: datetime.date | None = None,
    owner: Person | None = None,
) -> FollowUp:
    """Move an action along; done records the day. A stale version is a concurrent edit."""
    with versioned_edit(follow_up, actor=auditable(actor), version=version) as current:
        if status not in FollowUp.Status.values:
            raise ValidationError({"status": [_("Choose a status.")]})
        new_owner = owner or current.owner
        new_due = due_on or current.due_on
        _check(title=current.title, owner=new_owner, due_on=new_due, body=current.body)
        current.status = status
        current.note = note.strip()
        current.due_on = new_due
        current.owner = new_owner
        current.done_on = timezone.localdate() if status == FollowUp.Status.DONE else None
    return current
