"""The stillingsbank in the API: its figures (``GET /redeployment/figures``), a case's
history (``GET /redeployment/cases/{id}/history``) and recording an outcome (``POST
/redeployment/cases/{id}/outcomes``). Members of the bank only, as on the pages; the person
may read their own case's history, without the bank's note on adapted work."""

from __future__ import annotations

import datetime
from dataclasses import asdict
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja import Status as Reply
from ninja.errors import HttpError

from trepart.audit.writes import ConcurrentEditError
from trepart.organisation.schemas import Error
from trepart.platform.api import Day, Id, PositiveInt, caller, not_found, problem
from trepart.platform.text import Text
from trepart.proposals.api.schemas import Problem
from trepart.redeployment import privacy
from trepart.redeployment.selectors.figures import redeployment_figures
from trepart.redeployment.selectors.history import case_history, case_visible
from trepart.redeployment.services.outcomes import case_outcome_record

# The API's names for the rules' fields.
RENAMED = {"vacancy": "vacancy_id"}

router = Router(tags=["redeployment"])


OutcomeKind = Literal[
    "PLACED", "RETRAINING", "TEMPORARY", "DECLINED_SUITABLE", "NOTICE", "REHIRED", "CLOSED"
]


class OutcomeIn(Schema):
    kind: OutcomeKind
    on: Day
    why: Text = Field(description="Why: required, as the history prints it.")
    consequences: Text = ""
    vacancy_id: Id | None = None
    version: PositiveInt


class EventOut(Schema):
    id: int
    kind: str
    label: str
    on: datetime.date
    why: str
    consequences: str
    by: str
    offer: int | None
    vacancy: str | None


class HistoryOfferOut(Schema):
    id: int
    status: str
    made_on: datetime.date
    deadline: datetime.date
    answered_on: datetime.date | None
    answer_note: str
    suitable: bool
    vacancies: list[str]


class HistoryCaseOut(Schema):
    id: int
    person: str
    kind: str
    status: str
    from_unit: str
    position: str
    percent: int
    wanted_percent: int | None
    redundant_on: datetime.date
    notice_on: datetime.date | None
    preferential_until: datetime.date | None
    placed_on: datetime.date | None
    needs_adapted_work: bool
    adapted_work_note: str | None = Field(description="Only for the bank's members.")


class HistoryOut(Schema):
    case: HistoryCaseOut
    events: list[EventOut]
    offers: list[HistoryOfferOut]
    rules: dict[str, Any]


class FiguresOut(Schema):
    threshold: int
    hidden_groups: int
    total: dict[str, Any] | None
    by_year: list[dict[str, Any]]
    by_sector: list[dict[str, Any]]
    part_time: dict[str, Any] | None
    part_time_by_year: list[dict[str, Any]]
    part_time_by_sector: list[dict[str, Any]]


def _member(request: HttpRequest) -> Any:
    user = caller(request)
    if not privacy.is_member(user):
        raise HttpError(403, _("Only the stillingsbank's members may do this."))
    return user


@router.get(
    "/redeployment/figures",
    response={200: FiguresOut, 401: Error, 403: Error},
    operation_id="redeployment_figures",
    summary="The stillingsbank's figures, small groups suppressed",
)
def figures_get(request: HttpRequest) -> dict[str, Any]:
    user = _member(request)
    found = redeployment_figures(municipality=user.municipality)
    return asdict(found)


@router.get(
    "/redeployment/cases/{case_id}/history",
    response={200: HistoryOut, 401: Error, 403: Error, 404: Error},
    operation_id="redeployment_case_history",
    summary="A case's history: events, offers and the rules in force",
)
def history_get(request: HttpRequest, case_id: Id) -> dict[str, Any]:
    user = caller(request)
    try:
        case = case_visible(user=user, pk=case_id)
    except Http404:
        raise not_found() from None
    return case_history(user=user, case=case).as_json()


@router.post(
    "/redeployment/cases/{case_id}/outcomes",
    response={201: HistoryOut, 400: Problem, 401: Error, 403: Error, 404: Error, 409: Error},
    operation_id="redeployment_outcome_record",
    summary="Record an outcome on a case",
)
def outcome_post(request: HttpRequest, case_id: Id, payload: OutcomeIn) -> Reply[Any]:
    """Adds the event and moves the case's status, if nobody changed the case since
    ``version`` (else 409)."""
    user = _member(request)
    try:
        case = case_visible(user=user, pk=case_id)
    except Http404:
        raise not_found() from None
    vacancy = None
    if payload.vacancy_id is not None:
        vacancy = privacy.vacancies_for(user).filter(pk=payload.vacancy_id).first()
        if vacancy is None:
            return Reply(
                400, problem(ValidationError({"vacancy": [_("No such vacancy.")]}), renamed=RENAMED)
            )
    try:
        case_outcome_record(
            actor=user,
            case=case,
            version=payload.version,
            kind=payload.kind,
            on=payload.on,
            why=payload.why,
            consequences=payload.consequences,
            vacancy=vacancy,
        )
    except ConcurrentEditError as error:
        return Reply(409, {"detail": " ".join(error.messages)})
    except ValidationError as error:
        return Reply(400, problem(error, renamed=RENAMED))
    case.refresh_from_db()
    return Reply(201, case_history(user=user, case=case).as_json())
