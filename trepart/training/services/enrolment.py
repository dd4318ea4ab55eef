"""Enrolment and the waiting list. Places are counted under a lock on the run, so two people
taking the last place at once never both get it: past capacity a person goes to the waiting
list, and when someone cancels the first on the list moves up."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create, audit_update, snapshot
from trepart.audit.writes import row_lock, versioned_edit
from trepart.organisation.models import Person
from trepart.organisation.selectors import today
from trepart.training.models import CourseRun, Enrolment

Status = Enrolment.Status


def check_enrolable(*, run: CourseRun, person: Person) -> None:
    """Only employees and politicians of the run's municipality, before the run has ended."""
    if person.municipality_id != run.municipality_id:
        raise ValidationError(_("This person does not belong to the municipality."))
    if person.kind not in (Person.Kind.EMPLOYEE, Person.Kind.POLITICIAN):
        raise ValidationError(_("Only employees and politicians take the course."))
    if run.ends_on < today():
        raise ValidationError(_("This course run has already taken place."))


def enrolment_create(
    *, actor: Any, run: CourseRun, person: Person, way: str = Enrolment.Way.SELF
) -> Enrolment:
    """Enrol ``person``: a place if one is free, else the waiting list."""
    with transaction.atomic():
        locked = row_lock(run, version=None)
        check_enrolable(run=locked, person=person)
        live = Enrolment.objects.filter(run=locked, person=person).exclude(status=Status.CANCELLED)
        if live.exists():
            raise ValidationError(
                _("%(person)s is already enrolled on this run.") % {"person": person}
            )
        taken = Enrolment.objects.filter(run=locked, status=Status.ENROLLED).count()
        enrolment = Enrolment(
            municipality_id=locked.municipality_id,
            run=locked,
            person=person,
            status=Status.ENROLLED if taken < locked.capacity else Status.WAITING,
            way=way,
            enrolled_by=actor if getattr(actor, "pk", None) else None,
        )
        try:
            with transaction.atomic():
                enrolment.save()
        except IntegrityError as error:
            raise ValidationError(
                _("%(person)s is already enrolled on this run.") % {"person": person}
            ) from error
        audit_create(actor=actor, instance=enrolment)
    return enrolment


def _promote(*, actor: Any, run: CourseRun) -> Enrolment | None:
    """Move the first on the waiting list up, if a place is free (run locked by the caller)."""
    taken = Enrolment.objects.filter(run=run, status=Status.ENROLLED).count()
    if taken >= run.capacity:
        return None
    first = (
        Enrolment.objects.filter(run=run, status=Status.WAITING)
        .order_by("enrolled_at", "pk")
        .first()
    )
    if first is None:
        return None
    before = snapshot(first)
    first.status = Status.ENROLLED
    first.version += 1
    first.save(update_fields=["status", "version"])
    audit_update(actor=actor, instance=first, before=before)
    return first


def enrolment_cancel(*, actor: Any, enrolment: Enrolment, version: int | None) -> Enrolment | None:
    """Cancel an enrolment (or a place on the waiting list); the first waiting moves up.
    Returns the enrolment that moved up, if any."""
    with transaction.atomic():
        run = row_lock(enrolment.run, version=None)
        with versioned_edit(enrolment, actor=actor, version=version) as row:
            if row.status == Status.CANCELLED:
                raise ValidationError(_("This enrolment is already cancelled."))
            if row.completed_on is not None:
                raise ValidationError(_("A completed course cannot be cancelled."))
            row.status = Status.CANCELLED
        return _promote(actor=actor, run=run)


def waiting_promote(*, actor: Any, run: CourseRun) -> list[Enrolment]:
    """Fill free places from the waiting list (after capacity was raised)."""
    moved: list[Enrolment] = []
    with transaction.atomic():
        locked = row_lock(run, version=None)
        while (enrolment := _promote(actor=actor, run=locked)) is not None:
            moved.append(enrolment)
    return moved
