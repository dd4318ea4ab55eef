"""The committees' endpoints: read the committees and their figures, register dugnad."""

from __future__ import annotations

import datetime
from dataclasses import asdict
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja import Status as Reply
from ninja.errors import HttpError

from trepart.community import privacy
from trepart.community.selectors.committees import member_counts
from trepart.community.selectors.figures import dugnad_figures, grant_figures
from trepart.community.services.dugnad import dugnad_add
from trepart.organisation.schemas import Error
from trepart.platform.api import Day, Id, caller, one_or_404
from trepart.platform.text import Text
from trepart.proposals.api.schemas import Problem

router = Router(tags=["community"])


class CommitteeOut(Schema):
    id: int
    body_id: int
    name: str
    kind: str
    units: list[str]
    places: str
    members: int


class GrantOut(Schema):
    id: int
    committee_id: int
    committee: str
    year: int
    amount: int
    spent: int
    balance: int
    reported: bool
    approved: bool


class DugnadRowOut(Schema):
    committee_id: int
    committee: str
    year: int
    entries: int
    people: int
    hours: Decimal
    ftes: Decimal
    value: int


class DugnadFiguresOut(Schema):
    hours_per_fte: int = Field(description="The municipality's annual hours per FTE.")
    hourly_rate: int = Field(description="Kroner per dugnad hour, as the municipality sets it.")
    employees: int = Field(description="The municipality's employees registered on its units.")
    rows: list[DugnadRowOut]


class DugnadIn(Schema):
    held_on: Day
    what: Text
    place: Text
    people: int
    hours: float = Field(
        allow_inf_nan=False, description="Hours per person or in total, one decimal at most."
    )
    hours_basis: Literal["PER_PERSON", "TOTAL"] = "PER_PERSON"


class DugnadOut(Schema):
    id: int
    committee_id: int
    held_on: datetime.date
    total_hours: Decimal


def _problem(error: ValidationError) -> dict[str, Any]:
    errors = error.message_dict if hasattr(error, "error_dict") else {}
    if not errors:
        errors = {NON_FIELD_ERRORS: error.messages}
    return {
        "detail": " ".join(message for messages in errors.values() for message in messages),
        "errors": errors,
    }


@router.get(
    "/community/committees",
    response={200: list[CommitteeOut], 401: Error},
    operation_id="community_committees",
    summary="The municipality's citizen committees",
)
def committees_get(request: HttpRequest) -> list[dict[str, Any]]:
    user = caller(request)
    rows = list(privacy.committees_for(user).prefetch_related("units").order_by("body__name", "pk"))
    members = member_counts(body_ids=[row.body_id for row in rows])
    return [
        {
            "id": row.pk,
            "body_id": row.body_id,
            "name": row.body.name,
            "kind": row.kind,
            "units": [unit.name for unit in row.units.all()],
            "places": row.places,
            "members": members.get(row.body_id, 0),
        }
        for row in rows
    ]


@router.get(
    "/community/grants",
    response={200: list[GrantOut], 401: Error},
    operation_id="community_grants",
    summary="Granted, spent and balance per committee and year",
)
def grants_get(request: HttpRequest, committee_id: Id | None = None) -> list[dict[str, Any]]:
    user = caller(request)
    rows = grant_figures(municipality_id=user.municipality_id, committee_id=committee_id)
    return [{**asdict(row), "id": row.grant_id, "balance": row.balance} for row in rows]


@router.get(
    "/community/dugnad/figures",
    response={200: DugnadFiguresOut, 401: Error},
    operation_id="community_dugnad_figures",
    summary="Dugnad hours, FTE equivalents and value per committee and year",
)
def dugnad_figures_get(request: HttpRequest, committee_id: Id | None = None) -> dict[str, Any]:
    user = caller(request)
    figures = dugnad_figures(municipality_id=user.municipality_id, committee_id=committee_id)
    return asdict(figures)


@router.post(
    "/community/committees/{committee_id}/dugnad",
    response={201: DugnadOut, 400: Problem, 401: Error, 403: Error, 404: Error},
    operation_id="community_dugnad_add",
    summary="Register a dugnad for a committee",
)
def dugnad_post(request: HttpRequest, committee_id: Id, payload: DugnadIn) -> Reply[Any]:
    """For the committee's members (and administrators). Hours per person or in total, as
    ``hours_basis`` says; zero or negative hours are refused, nothing saved."""
    user = caller(request)
    committee = one_or_404(privacy.committees_for(user), committee_id)
    try:
        entry = dugnad_add(actor=user, committee=committee, **payload.dict())
    except PermissionDenied:
        raise HttpError(403, _("Only the committee's members may do this.")) from None
    except ValidationError as error:
        return Reply(400, _problem(error))
    return Reply(
        201,
        {
            "id": entry.pk,
            "committee_id": committee.pk,
            "held_on": entry.held_on,
            "total_hours": entry.total_hours,
        },
    )
