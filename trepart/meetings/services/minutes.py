"""The minutes (møteprotokoll): drafted from the records, approved by the chair and one
member, then published. Every save checks the version it was opened at."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create, audit_delete
from trepart.audit.writes import row_lock, versioned_edit
from trepart.meetings import permissions, rules
from trepart.meetings.models import Meeting, Minutes, MinutesApproval
from trepart.meetings.services._common import auditable, require_started


@transaction.atomic
def minutes_start(*, actor: Any, meeting: Meeting) -> Minutes:
    """The meeting's minutes, begun once its agenda is out."""
    if not meeting.is_published:
        raise ValidationError(_("Minutes are kept once the agenda is published."))
    minutes, created = Minutes.objects.get_or_create(
        meeting=meeting, defaults={"municipality_id": meeting.municipality_id}
    )
    if created:
        audit_create(actor=auditable(actor), instance=minutes)
    return minutes


@transaction.atomic
def minutes_save(
    *,
    actor: Any,
    minutes: Minutes,
    version: int,
    notes: str,
    discussions: Mapping[int, str],
) -> Minutes:
    """Save the opening notes and each item's discussion. Two people saving the same
    version: the second is told, and keeps what they typed. An edit withdraws approvals."""
    with versioned_edit(minutes, actor=auditable(actor), version=version) as current:
        if current.status == Minutes.Status.PUBLISHED:
            raise ValidationError(_("Published minutes cannot be changed."), code="published")
        items = {item.pk: item for item in current.meeting.items.all()}
        if set(discussions) - set(items):
            raise ValidationError(_("The minutes name an item that is not on this agenda."))
        current.notes = notes.strip()
        current.status = Minutes.Status.DRAFT
        for pk, text in discussions.items():
            item = items[pk]
            if item.discussion != text.strip():
                with versioned_edit(item, actor=auditable(actor), version=None) as edited:
                    edited.discussion = text.strip()
        for approval in current.approvals.all():
            audit_delete(actor=auditable(actor), instance=approval)
            approval.delete()
    return current


@transaction.atomic
def minutes_approve(*, actor: Any, minutes: Minutes, version: int) -> Minutes:
    """Approve the minutes as they stand at ``version``: the chair and one member."""
    current = row_lock(minutes, version=version)
    if current.status != Minutes.Status.DRAFT:
        raise ValidationError(_("These minutes are already approved."))
    require_started(current.meeting)
    person = getattr(actor, "person", None)
    role = permissions.approver_role(current, person.pk) if person is not None else None
    if person is None or role is None:
        raise ValidationError(
            _("The chair and a member who attended the meeting approve the minutes.")
        )
    if current.approvals.filter(person=person).exists():
        raise ValidationError(_("You have already approved these minutes."))
    approval = MinutesApproval.objects.create(
        municipality_id=current.municipality_id, minutes=current, person=person, role=role
    )
    audit_create(actor=auditable(actor), instance=approval)
    done = rules.approval_complete(
        [rules.Approval(a.person_id, a.role) for a in current.approvals.all()]
    )
    if done:
        # Only the last approval changes the minutes: the first approver does not make the
        # second one's page out of date.
        with versioned_edit(current, actor=auditable(actor), version=None) as approved:
            approved.status = Minutes.Status.APPROVED
        return approved
    return current


@transaction.atomic
def minutes_publish(*, actor: Any, minutes: Minutes, version: int) -> Minutes:
    """Publish approved minutes (to the portal when the meeting is open)."""
    with versioned_edit(minutes, actor=auditable(actor), version=version) as current:
        if current.status != Minutes.Status.APPROVED:
            raise ValidationError(
                _("Minutes are published once the chair and a member approve them.")
            )
        require_started(current.meeting)
        current.status = Minutes.Status.PUBLISHED
        current.published_at = timezone.now()
    return current
