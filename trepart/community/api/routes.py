"""The committees' endpoints: read the committees and their figures, register dugnad, and
record a grant's spending with its receipts (a multipart form, as the page sends it)."""

from __future__ import annotations

import datetime
from dataclasses import asdict
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, UploadedFile
from ninja import Status as Reply
from ninja.errors import HttpError

from trepart.community import privacy
from trepart.community.models import Grant
from trepart.community.selectors.committees import member_counts
from trepart.community.selectors.figures import dugnad_figures, grant_figures
from trepart.community.services.dugnad import dugnad_add
from trepart.community.services.grants import spending_add
from trepart.organisation.schemas import Error
from trepart.platform.api import Day, Id, caller, one_or_404, problem
from trepart.platform.text import Text
from trepart.platform.urls import absolute_url
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


class SpendingIn(Schema):
    spent_on: Day
    # A form sends an empty field as missing: the service refuses it with its own words.
    what: Text = Field("", description="What the money was spent on (required).")
    amount: int = Field(description="Whole kroner, at least 1 and at most the balance.")


class ReceiptOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    url: str = Field(description="The receipt, for the committee's members and administrators.")


class SpendingOut(Schema):
    id: int
    grant_id: int
    spent_on: datetime.date
    what: str
    amount: int
    balance: int = Field(description="The grant's balance after this spending.")
    receipts: list[ReceiptOut]


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
        return Reply(400, problem(error))
    return Reply(
        201,
        {
            "id": entry.pk,
            "committee_id": committee.pk,
            "held_on": entry.held_on,
            "total_hours": entry.total_hours,
        },
    )


@router.post(
    "/community/grants/{grant_id}/spending",
    response={201: SpendingOut, 400: Problem, 401: Error, 403: Error, 404: Error},
    operation_id="community_spending_add",
    summary="Record spending on a committee's grant, with receipts",
)
def spending_post(
    request: HttpRequest,
    grant_id: Id,
    payload: Form[SpendingIn],
    receipts: File[list[UploadedFile] | None] = None,
) -> Reply[Any]:
    """For the committee's members (and administrators), as a multipart form: the fields,
    and up to five receipts (PDF or image), each checked by its content. Spending over
    the balance, a receipt that is not what it claims to be, or a grant already approved is
    refused, with nothing saved."""
    user = caller(request)
    grant = one_or_404(Grant.objects.for_user(user).select_related("committee"), grant_id)
    try:
        spending = spending_add(actor=user, grant=grant, receipts=receipts or [], **payload.dict())
    except PermissionDenied:
        raise HttpError(403, _("Only the committee's members may do this.")) from None
    except ValidationError as error:
        return Reply(400, problem(error))
    return Reply(
        201,
        {
            "id": spending.pk,
            "grant_id": grant.pk,
            "spent_on": spending.spent_on,
            "what": spending.what,
            "amount": spending.amount,
            "balance": grant.balance,
            "receipts": [
                {
                    "id": receipt.pk,
                    "name": receipt.name,
                    "content_type": receipt.content_type,
                    "size": receipt.size,
                    "url": absolute_url(reverse("community:receipt-download", args=[receipt.pk])),
                }
                for receipt in spending.receipts.order_by("pk")
            ],
        },
    )
