"""The stillingsbank in the API: vacancies. Members see every vacancy, a unit's hiring
authority those of the units they lead (``redeployment.privacy``); anyone else gets 403.

``GET/POST /redeployment/vacancies`` and ``GET/PUT /redeployment/vacancies/{id}``.
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
from trepart.redeployment.api.schemas import (
    VacancyEditIn,
    VacancyIn,
    VacancyOut,
    VacancyPage,
    VacancyQuery,
)
from trepart.redeployment.models import Vacancy
from trepart.redeployment.selectors.vacancies import vacancy_list
from trepart.redeployment.services.vacancies import vacancy_create, vacancy_update

router = Router(tags=["redeployment"])
ERRORS = {401: Error, 403: Error, 404: Error}
RENAMED = {"unit": "unit_id"}


def _hiring(request: HttpRequest) -> Any:
    user = caller(request)
    if not privacy.is_hiring_authority(user):
        raise HttpError(403, _("Only hiring authorities and the stillingsbank see vacancies."))
    return user


def _vacancy(
    vacancy: Vacancy,
    urls: Callable[[int], str] | None = None,
    many: dict[str, dict[int, list[str]]] | None = None,
) -> dict[str, Any]:
    unit = vacancy.unit
    codes = (
        {name: many[name].get(vacancy.pk, []) for name in ("required", "wanted")}
        if many is not None
        else {
            "required": [q.code for q in vacancy.required.all()],
            "wanted": [q.code for q in vacancy.wanted.all()],
        }
    )
    return {
        "id": vacancy.pk,
        "unit": {"id": unit.pk, "code": unit.code, "name": unit.name},
        "title": vacancy.title,
        "percent": vacancy.percent,
        "required": codes["required"],
        "wanted": codes["wanted"],
        "location": vacancy.location.code,
        "wage_min": vacancy.wage_min,
        "wage_max": vacancy.wage_max,
        "starts_on": vacancy.starts_on,
        "status": vacancy.status,
        "held": vacancy.status == Vacancy.Status.HELD,
        "version": vacancy.version,
        "url": (urls or detail_urls("redeployment:vacancy_detail"))(vacancy.pk),
    }


def _rows(user: Any, **filters: Any) -> Any:
    return vacancy_list(user=user, **filters).prefetch_related("required", "wanted")


def _fields(user: Any, payload: VacancyIn) -> dict[str, Any]:
    unit = privacy.hiring_units(user).filter(pk=payload.unit_id).first()
    errors: dict[str, list[str]] = {}
    if unit is None:
        errors["unit_id"] = [_("You register vacancies only for the units you lead.")]
    found: dict[str, Any] = {}
    for key, read in (
        ("required", lambda: qualifications(user, payload.required, field="required")),
        ("wanted", lambda: qualifications(user, payload.wanted, field="wanted")),
        ("location", lambda: locations(user, [payload.location], field="location")),
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
        "unit": unit,
        "title": payload.title,
        "percent": payload.percent,
        "required": found["required"],
        "wanted": found["wanted"],
        "location": found["location"][0],
        "wage_min": payload.wage_min,
        "wage_max": payload.wage_max,
        "starts_on": payload.starts_on,
    }


@router.get(
    "/redeployment/vacancies",
    response={200: VacancyPage, **ERRORS},
    operation_id="redeployment_vacancy_list",
    summary="Vacancies for the stillingsbank",
)
def vacancies_get(request: HttpRequest, filters: Query[VacancyQuery]) -> dict[str, Any]:
    """The vacancies the caller may see, by start, a page at a time (``limit``, at most
    500, from ``offset``); ``count`` is all that match."""
    user = _hiring(request)
    rows = vacancy_list(user=user, status=filters.status or "", unit_id=filters.unit)
    page = list(rows[filters.offset : filters.offset + filters.limit])
    keys = [row.pk for row in page]
    many = {name: many_values(Vacancy, name, keys, "code") for name in ("required", "wanted")}
    urls = detail_urls("redeployment:vacancy_detail")
    return {"count": rows.count(), "items": [_vacancy(row, urls, many) for row in page]}


@router.post(
    "/redeployment/vacancies",
    response={201: VacancyOut, 400: Problem, 401: Error, 403: Error},
    operation_id="redeployment_vacancy_create",
    summary="Register a vacancy, held for the stillingsbank",
)
def vacancies_post(request: HttpRequest, payload: VacancyIn) -> Reply[Any]:
    user = _hiring(request)
    try:
        vacancy = vacancy_create(actor=user, **_fields(user, payload))
    except ValidationError as error:
        return Reply(400, problem(error, renamed=RENAMED))
    return Reply(201, _vacancy(one_or_404(_rows(user), vacancy.pk)))


@router.get(
    "/redeployment/vacancies/{vacancy_id}",
    response={200: VacancyOut, **ERRORS},
    operation_id="redeployment_vacancy_get",
    summary="A vacancy",
)
def vacancy_get(request: HttpRequest, vacancy_id: Id) -> dict[str, Any]:
    user = _hiring(request)
    return _vacancy(one_or_404(_rows(user), vacancy_id))


@router.put(
    "/redeployment/vacancies/{vacancy_id}",
    response={200: VacancyOut, 400: Problem, 401: Error, 403: Error, 404: Error, 409: Error},
    operation_id="redeployment_vacancy_edit",
    summary="Correct a vacancy",
)
def vacancy_put(request: HttpRequest, vacancy_id: Id, payload: VacancyEditIn) -> Reply[Any]:
    """The vacancy as sent, if nobody changed it since ``version`` (else 409)."""
    user = _hiring(request)
    vacancy = one_or_404(_rows(user), vacancy_id)
    try:
        vacancy_update(
            actor=user, vacancy=vacancy, version=payload.version, **_fields(user, payload)
        )
    except ConcurrentEditError as error:
        return Reply(409, {"detail": " ".join(error.messages)})
    except ValidationError as error:
        return Reply(400, problem(error, renamed=RENAMED))
    return Reply(200, _vacancy(one_or_404(_rows(user), vacancy_id)))
