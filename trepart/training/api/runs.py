"""Course runs and enrolment in the API.

``GET /training/runs``, ``GET /training/runs/{id}``, ``POST /training/runs/{id}/enrolments``
(oneself, or someone one leads; past capacity the answer's status is WAITING) and
``GET /training/people/{id}/record`` (the person, their leaders and HR; 404 for others).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja import Status as Reply
from ninja.errors import HttpError

from trepart.organisation.models import Person
from trepart.organisation.schemas import Error
from trepart.organisation.selectors import today
from trepart.platform.api import caller, not_found
from trepart.platform.urls import absolute_url
from trepart.proposals.api.schemas import Problem
from trepart.training import privacy
from trepart.training.api.schemas import (
    CourseEnrolIn,
    CourseEnrolmentOut,
    CourseRecordOut,
    CourseRunOut,
    CourseRunPage,
    CourseRunQuery,
)
from trepart.training.models import CourseRun, Enrolment
from trepart.training.selectors import runs as selectors
from trepart.training.services.enrolment import enrolment_create

router = Router(tags=["training"])
ERRORS = {401: Error, 403: Error, 404: Error}


def _run(run: CourseRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "title": run.title,
        "place": run.place,
        "capacity": run.capacity,
        "starts_on": run.starts_on,
        "ends_on": run.ends_on,
        "enrolled": getattr(run, "enrolled", 0),
        "waiting": getattr(run, "waiting", 0),
        "days": [{"number": day.number, "date": day.date} for day in run.days.all()],
        "url": absolute_url(reverse("training:run-detail", args=[run.pk])),
    }


def _enrolment(enrolment: Enrolment) -> dict[str, Any]:
    return {
        "id": enrolment.pk,
        "run_id": enrolment.run_id,
        "person_id": enrolment.person_id,
        "status": enrolment.status,
        "days_attended": len(enrolment.attendance.all()),
        "completed_on": enrolment.completed_on,
        "version": enrolment.version,
    }


@router.get(
    "/training/runs",
    response={200: CourseRunPage, **ERRORS},
    operation_id="training_run_list",
    summary="Course runs",
)
def runs_get(request: HttpRequest, filters: Query[CourseRunQuery]) -> dict[str, Any]:
    """The municipality's course runs with their days and places (not who is on them)."""
    user = caller(request)
    rows = selectors.run_list(user=user, upcoming_from=today() if filters.upcoming else None)
    page = rows.prefetch_related("days")[filters.offset : filters.offset + filters.limit]
    return {"count": rows.count(), "items": [_run(run) for run in page]}


@router.get(
    "/training/runs/{run_id}",
    response={200: CourseRunOut, **ERRORS},
    operation_id="training_run_get",
    summary="A course run",
)
def run_get(request: HttpRequest, run_id: int) -> dict[str, Any]:
    user = caller(request)
    try:
        return _run(selectors.run_get(user=user, pk=run_id))
    except CourseRun.DoesNotExist as missing:
        raise not_found() from missing


@router.post(
    "/training/runs/{run_id}/enrolments",
    response={201: CourseEnrolmentOut, 400: Problem, **ERRORS},
    operation_id="training_enrolment_create",
    summary="Enrol on a course run (the waiting list past capacity)",
)
def enrolments_post(request: HttpRequest, run_id: int, payload: CourseEnrolIn) -> Reply[Any]:
    user = caller(request)
    try:
        run = selectors.run_get(user=user, pk=run_id)
    except CourseRun.DoesNotExist as missing:
        raise not_found() from missing
    own = privacy.person_of(user)
    if payload.person_id is None:
        person = own
    else:
        person = Person.objects.for_user(user).filter(pk=payload.person_id).first()
    if person is None:
        raise not_found()
    if not privacy.can_enrol(user, person):
        raise HttpError(403, _("You may enrol only yourself and the people you lead."))
    is_own = own is not None and own.pk == person.pk
    way = (
        Enrolment.Way.SELF
        if is_own
        else (Enrolment.Way.ADMIN if privacy.is_course_admin(user) else Enrolment.Way.LEADER)
    )
    try:
        enrolment = enrolment_create(actor=user, run=run, person=person, way=way)
    except ValidationError as error:
        messages = error.messages
        return Reply(400, {"detail": " ".join(messages), "errors": {NON_FIELD_ERRORS: messages}})
    return Reply(201, _enrolment(enrolment))


@router.get(
    "/training/people/{person_id}/record",
    response={200: CourseRecordOut, **ERRORS},
    operation_id="training_record_get",
    summary="A person's course record",
)
def record_get(request: HttpRequest, person_id: int) -> dict[str, Any]:
    """The person themselves, their leaders and HR; anyone else gets 404."""
    user = caller(request)
    try:
        person = selectors.person_get(user=user, pk=person_id)
    except Person.DoesNotExist as missing:
        raise not_found() from missing
    record = selectors.person_record(person=person)
    done = [e.completed_on for e in record if e.completed_on]
    return {
        "person_id": person.pk,
        "name": person.full_name,
        "completed_on": min(done) if done else None,
        "enrolments": [_enrolment(e) for e in record],
    }
