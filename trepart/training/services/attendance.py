"""Attendance per course day, recorded by a teacher or HR; three days attended completes
the course (the completion date is the last day attended)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create, audit_delete, audit_update, snapshot
from trepart.audit.writes import row_lock
from trepart.organisation.selectors import today
from trepart.training.models import DAYS_PER_RUN, Attendance, CourseDay, Enrolment


def attendance_record(
    *, actor: Any, enrolment: Enrolment, day: CourseDay, attended: bool
) -> Enrolment:
    """Mark ``enrolment`` as present (or not) on ``day``, and set or clear its completion."""
    if day.run_id != enrolment.run_id:
        raise ValidationError(_("That day belongs to another course run."))
    if day.date > today():
        raise ValidationError(_("Attendance can only be recorded on or after the day itself."))
    with transaction.atomic():
        row = row_lock(enrolment, version=None)
        if row.status != Enrolment.Status.ENROLLED:
            raise ValidationError(_("Only enrolled participants can attend."))
        found = Attendance.objects.filter(enrolment=row, day=day).first()
        if attended and found is None:
            audit_create(
                actor=actor,
                instance=Attendance.objects.create(
                    enrolment=row,
                    day=day,
                    recorded_by=actor if getattr(actor, "pk", None) else None,
                ),
            )
        elif not attended and found is not None:
            audit_delete(actor=actor, instance=found)
            found.delete()
        dates = list(Attendance.objects.filter(enrolment=row).values_list("day__date", flat=True))
        completed_on = max(dates) if len(dates) == DAYS_PER_RUN else None
        if completed_on != row.completed_on:
            before = snapshot(row)
            row.completed_on = completed_on
            row.version += 1
            row.save(update_fields=["completed_on", "version"])
            audit_update(actor=actor, instance=row, before=before)
    return row


def attendance_set(*, actor: Any, enrolment: Enrolment, attended_day_ids: set[int]) -> Enrolment:
    """Set the participant's attendance on every day of the run at once: all or nothing."""
    days = list(CourseDay.objects.filter(run_id=enrolment.run_id).order_by("number"))
    unknown = attended_day_ids - {day.pk for day in days}
    if unknown:
        raise ValidationError(_("That day belongs to another course run."))
    present = set(Attendance.objects.filter(enrolment=enrolment).values_list("day_id", flat=True))
    with transaction.atomic():
        for day in days:
            attended = day.pk in attended_day_ids
            if attended != (day.pk in present):
                enrolment = attendance_record(
                    actor=actor, enrolment=enrolment, day=day, attended=attended
                )
    return enrolment
