"""The stillingsbank in the API: the register (members of the bank only; ``redeployment.privacy``).

``GET/POST /redeployment/cases`` and ``GET/PUT /redeployment/cases/{id}``, with the pages'
rules: anyone outside the bank gets 403, a case of another municipality 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja import Status as Reply
from ninja.errors import HttpError

from trepart.audit.writes import ConcurrentEditError
from trepart.organisation.models import Person, Unit
from trepart.organisation.schemas import Error
from trepart.platform.api import Id, caller, one_or_404, problem
from trepart.proposals.api.schemas import Problem
from trepart.redeployment import privacy
from trepart.redeployment.api.common import (
    detail_urls,
    locations,
    many_values,
    qualifications,
)
from trepart.redeployment.api.schemas import CaseEditIn, CaseIn, CaseOut, CasePage, CaseQuery
from trepart.redeployment.models import RedeploymentCase
from trepart.redeployment.selectors.register import case_list
from trepart.redeployment.services.register import case_create, case_update

router = Router(tags=["redeployment"])
ERRORS = {401: Error, 403: Error, 404: Error}
RENAMED = {
    "person": "person_id",
    "from_unit": "from_unit_id",
    "preferred_units": "preferred_unit_ids",
}


def _member(request: HttpRequest) -> Any:
    user = caller(request)
    if not privacy.is_member(user):
        raise HttpError(403, _("Only the stillingsbank's members see the register."))
    return user


def _ref(row: Any, code: str) -> dict[str, Any]:
    return {"id": row.pk, "code": code, "name": str(row)}


# The case's many-to-many relations and what the API shows of each.
MANY = {"qualifications": "code", "preferred_units": "pk", "preferred_locations": "code"}


def _many(case: RedeploymentCase, many: dict[str, dict[int, list[Any]]] | None) -> dict[str, Any]:
    if many is None:
        return {
            name: [getattr(row, value) for row in getattr(case, name).all()]
            for name, value in MANY.items()
        }
    return {name: many[name].get(case.pk, []) for name in MANY}


def _case(
    case: RedeploymentCase,
    urls: Callable[[int], str] | None = None,
    many: dict[str, dict[int, list[Any]]] | None = None,
) -> dict[str, Any]:
    person = case.person
    related = _many(case, many)
    return {
        "id": case.pk,
        "kind": case.kind,
        "status": case.status,
        "person": {
            "id": person.pk,
            "code": person.external_id,
            "name": f"{person.first_name} {person.last_name}",
        },
        "from_unit": _ref(case.from_unit, case.from_unit.code),
        "position": case.position,
        "percent": case.percent,
        "wanted_percent": case.wanted_percent,
        "wage_level": case.wage_level,
        "qualifications": related["qualifications"],
        "qualifications_note": case.qualifications_note,
        "location": case.location.code,
        "seniority_date": case.seniority_date,
        "social_priority": case.social_priority,
        "preferred_unit_ids": related["preferred_units"],
        "preferred_locations": related["preferred_locations"],
        "max_travel_minutes": case.max_travel_minutes,
        "needs_adapted_work": case.needs_adapted_work,
        "adapted_work_note": case.adapted_work_note,
        "redundant_on": case.redundant_on,
        "notice_on": case.notice_on,
        "preferential_until": case.preferential_until,
        "placed_on": case.placed_on,
        "version": case.version,
        "url": (urls or detail_urls("redeployment:case_detail"))(case.pk),
    }


def _rows(user: Any) -> Any:
    return (
        case_list(user=user)
        .select_related("person", "from_unit", "location")
        .prefetch_related("qualifications", "preferred_units", "preferred_locations")
    )


def _fields(user: Any, payload: CaseIn | CaseEditIn) -> dict[str, Any]:
    units = Unit.objects.filter(municipality_id=user.municipality_id)
    from_unit = units.filter(pk=payload.from_unit_id).first()
    preferred = list(units.filter(pk__in=payload.preferred_unit_ids))
    errors: dict[str, list[str]] = {}
    if from_unit is None:
        errors["from_unit_id"] = [_("No such unit.")]
    if len(preferred) != len(set(payload.preferred_unit_ids)):
        errors["preferred_unit_ids"] = [_("No such unit.")]
    found: dict[str, Any] = {}
    for key, read in (
        (
            "qualifications",
            lambda: qualifications(user, payload.qualifications, field="qualifications"),
        ),
        ("location", lambda: locations(user, [payload.location], field="location")),
        (
            "preferred_locations",
            lambda: locations(user, payload.preferred_locations, field="preferred_locations"),
        ),
    ):
        try:
            found[key] = read()
        except ValidationError as error:
            errors |= error.message_dict
    if not errors and not found["location"]:
        errors["location"] = [_("Give the work location's code.")]
    if errors:
        raise ValidationError(errors)
    return {
        "kind": payload.kind,
        "from_unit": from_unit,
        "position": payload.position,
        "percent": payload.percent,
        "wanted_percent": payload.wanted_percent,
        "wage_level": payload.wage_level,
        "qualifications": found["qualifications"],
        "qualifications_note": payload.qualifications_note,
        "location": found["location"][0],
        "seniority_date": payload.seniority_date,
        "social_priority": payload.social_priority,
        "preferred_units": preferred,
        "preferred_locations": found["preferred_locations"],
        "max_travel_minutes": payload.max_travel_minutes,
        "needs_adapted_work": payload.needs_adapted_work,
        "adapted_work_note": payload.adapted_work_note,
        "redundant_on": payload.redundant_on,
    }


@router.get(
    "/redeployment/cases",
    response={200: CasePage, **ERRORS},
    operation_id="redeployment_case_list",
    summary="The stillingsbank's register",
)
def cases_get(request: HttpRequest, filters: Query[CaseQuery]) -> dict[str, Any]:
    """The cases of the municipality, a page at a time (``limit``, at most 500, from
    ``offset``); ``count`` is all that match."""
    user = _member(request)
    rows = case_list(
        user=user, status=filters.status or "", kind=filters.kind or "", unit_id=filters.unit
    )
    page = list(rows[filters.offset : filters.offset + filters.limit])
    keys = [case.pk for case in page]
    many = {name: many_values(RedeploymentCase, name, keys, value) for name, value in MANY.items()}
    urls = detail_urls("redeployment:case_detail")
    return {"count": rows.count(), "items": [_case(case, urls, many) for case in page]}


@router.post(
    "/redeployment/cases",
    response={201: CaseOut, 400: Problem, 401: Error, 403: Error},
    operation_id="redeployment_case_create",
    summary="Register a person in the stillingsbank",
)
def cases_post(request: HttpRequest, payload: CaseIn) -> Reply[Any]:
    """A case with status ACTIVE and REGISTERED in its history, or nothing."""
    user = _member(request)
    person = Person.objects.filter(municipality_id=user.municipality_id, pk=payload.person_id)
    try:
        if not person.exists():
            raise ValidationError({"person_id": [_("No such person.")]})
        case = case_create(actor=user, person=person.get(), **_fields(user, payload))
    except ValidationError as error:
        return Reply(400, problem(error, renamed=RENAMED))
    return Reply(201, _case(one_or_404(_rows(user), case.pk)))


@router.get(
    "/redeployment/cases/{case_id}",
    response={200: CaseOut, **ERRORS},
    operation_id="redeployment_case_get",
    summary="A case of the stillingsbank",
)
def case_get(request: HttpRequest, case_id: Id) -> dict[str, Any]:
    user = _member(request)
    return _case(one_or_404(_rows(user), case_id))


@router.put(
    "/redeployment/cases/{case_id}",
    response={200: CaseOut, 400: Problem, 401: Error, 403: Error, 404: Error, 409: Error},
    operation_id="redeployment_case_edit",
    summary="Correct a case of the stillingsbank",
)
def case_put(request: HttpRequest, case_id: Id, payload: CaseEditIn) -> Reply[Any]:
    """The case's facts as sent, if nobody changed it since ``version`` (else 409); its
    history gets CHANGED with the fields' names. The status is not changed here."""
    user = _member(request)
    case = one_or_404(_rows(user), case_id)
    try:
        case_update(actor=user, case=case, version=payload.version, **_fields(user, payload))
    except ConcurrentEditError as error:
        return Reply(409, {"detail": " ".join(error.messages)})
    except ValidationError as error:
        return Reply(400, problem(error, renamed=RENAMED))
    return Reply(200, _case(one_or_404(_rows(user), case_id)))
