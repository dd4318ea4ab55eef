"""Status reports: the group writes what it has done, and the report goes to the mandating
body's agenda as a briefing item; the people kept informed get it by e-mail."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create
from trepart.development import privacy
from trepart.development.models import Project, ProjectKind, StatusReport
from trepart.development.selectors.lean import lean_sums
from trepart.development.services.notices import informed_tell
from trepart.meetings import services as meetings
from trepart.meetings.models import AgendaItem, Meeting


def check_meeting(project: Project, meeting: Meeting | None) -> None:
    """The meeting is one of the mandating body's coming meetings."""
    if meeting is None:
        raise ValidationError({"meeting": [_("Choose the meeting it goes to.")]})
    if meeting.body_id != project.mandating_body_id:
        raise ValidationError({"meeting": [_("Choose a meeting of the mandating body.")]})
    if meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.HELD) or (
        meeting.starts_at <= timezone.now()
    ):
        raise ValidationError({"meeting": [_("Choose a meeting that has not yet been held.")]})


def lean_line(project: Project) -> str:
    """The improvement board's totals in one sentence (in the active language)."""
    sums = lean_sums(project)
    return _(
        "Improvement board: %(count)s problems and ideas, %(done)s done; %(hours)s hours "
        "saved a month, %(errors)s errors and %(waiting)s waiting days avoided a month."
    ) % {
        "count": sums.count,
        "done": sums.done,
        "hours": sums.hours,
        "errors": sums.errors,
        "waiting": sums.waiting,
    }


@transaction.atomic
def status_report_send(
    *, actor: Any, project: Project, meeting: Meeting | None, text: str
) -> StatusReport:
    """Send the group's status report to the mandating body's meeting as a briefing item
    (with the improvement board's totals for Lean), and e-mail the people kept informed."""
    if not privacy.can_work(actor, project):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError({"text": [_("Write what the group has to report.")]})
    check_meeting(project, meeting)
    assert meeting is not None
    with translation.override(project.municipality.language):
        title = _("Status report: %(title)s") % {"title": project.title}
        description = text.strip()
        if project.kind == ProjectKind.LEAN:
            description += "\n\n" + lean_line(project)
    item = meetings.item_add(
        actor=actor,
        meeting=meeting,
        kind=AgendaItem.Kind.ORIENTATION,
        title=title[:300],
        description=description,
    )
    report = StatusReport.objects.create(
        project=project, text=text.strip(), item=item, made_by=actor
    )
    audit_create(actor=actor, instance=report)
    informed_tell(report=report)
    return report
