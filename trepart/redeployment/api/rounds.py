"""The stillingsbank in the API: the weekly rounds and the offers, with the pages' rules
(``redeployment.privacy``): rounds for the bank's members only; offers for the members and
the person they are made to, who answers their own."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja import Status as Reply
from ninja.errors import HttpError
from pydantic import Field

from trepart.organisation.schemas import Error, PageQuery
from trepart.platform.api import Id, caller, not_found, one_or_404
from trepart.redeployment import privacy
from trepart.redeployment.explain_text import pair_text
from trepart.redeployment.models import MatchRound, Offer, ProposedPair
from trepart.redeployment.selectors.rounds import names_for, offers_shown, rounds_for
from trepart.redeployment.services import rounds as services
from trepart.redeployment.services.offers import offer_answer

router = Router(tags=["redeployment"])
ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error, 404: Error}
# A new round answers with its first pairs (read the rest with ``offset``).
DEFAULT_PAIRS = 100


class PairDecisionIn(Schema):
    confirm: bool
    reason: str = Field("", max_length=2000)
    version: int | None = Field(None, ge=1)


class OfferAnswerIn(Schema):
    accept: bool
    note: str = Field("", max_length=4000)
    version: int | None = Field(None, ge=1)


def _member(request: HttpRequest) -> Any:
    user = caller(request)
    if not privacy.is_member(user):
        raise HttpError(403, _("You may not do this."))
    return user


def _refused(error: ValidationError) -> HttpError:
    return HttpError(400, " ".join(error.messages))


def _round_json(
    match_round: MatchRound, *, pairs: bool, page: PageQuery | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": match_round.pk,
        "status": match_round.status,
        "created_at": match_round.created_at.isoformat(),
        "meeting": match_round.meeting_id,
        "item": match_round.item_id,
        "placed": match_round.result.get("placed", 0),
    }
    if pairs:
        rows = ProposedPair.objects.filter(round=match_round).order_by("pk")
        page = page or PageQuery(limit=DEFAULT_PAIRS, offset=0)
        shown = list(
            rows.prefetch_related("extra_vacancies")[page.offset : page.offset + page.limit]
        )
        names = names_for(
            match_round.municipality_id, match_round.result, pairs=shown, unplaced=False
        )
        data["pair_count"] = rows.count()
        data["pairs"] = [_pair_json(pair, names) for pair in shown]
        data["unplaced"] = match_round.result.get("unplaced", [])
    return data


def _pair_json(pair: ProposedPair, names: Any) -> dict[str, Any]:
    text = pair_text(pair.explanation, names)
    return {
        "id": pair.pk,
        "case": pair.case_id,
        "vacancy": pair.vacancy_id,
        "extra_vacancies": [v.pk for v in pair.extra_vacancies.all()],
        "score": pair.score,
        "explanation": pair.explanation,
        "why": text.why,
        "next_best": text.next_best,
        "why_not": text.why_not,
        "decision": pair.decision,
        "reason": pair.reason,
        "version": pair.version,
    }


def _offer_json(offer: Offer) -> dict[str, Any]:
    return {
        "id": offer.pk,
        "case": offer.case_id,
        "pair": offer.pair_id,
        "vacancies": [part.vacancy_id for part in offer.parts.all()],
        "status": offer.status,
        "made_on": offer.made_on.isoformat(),
        "deadline": offer.deadline.isoformat(),
        "answered_on": offer.answered_on.isoformat() if offer.answered_on else None,
        "answer_note": offer.answer_note,
        "suitable": offer.suitable,
        "version": offer.version,
    }


@router.get(
    "/redeployment/rounds",
    response={200: dict[str, Any], **ERRORS},
    operation_id="redeployment_rounds",
    summary="The stillingsbank's weekly rounds, newest first",
)
def round_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, Any]:
    """The rounds, newest first, a page at a time (``limit``, at most 500, from
    ``offset``); ``count`` is all of them."""
    user = _member(request)
    rows = rounds_for(user).order_by("-created_at", "-pk")
    shown = rows[page.offset : page.offset + page.limit]
    return {"count": rows.count(), "items": [_round_json(r, pairs=False) for r in shown]}


@router.get(
    "/redeployment/rounds/{pk}",
    response={200: dict[str, Any], **ERRORS},
    operation_id="redeployment_round",
    summary="A round with its pairs explained",
)
def round_detail(request: HttpRequest, pk: Id, page: Query[PageQuery]) -> dict[str, Any]:
    """The round with a page of its pairs (``limit``, at most 500, from ``offset``, in the
    order they were proposed); ``pair_count`` is all of them."""
    user = _member(request)
    return _round_json(one_or_404(rounds_for(user), pk), pairs=True, page=page)


@router.post(
    "/redeployment/rounds",
    response={201: dict[str, Any], **ERRORS},
    operation_id="redeployment_round_make",
    summary="Make the week's proposal",
)
def round_make(request: HttpRequest) -> Reply[dict[str, Any]]:
    user = _member(request)
    bank = privacy.bank_for(user)
    if bank is None:
        raise not_found()
    try:
        made = services.round_make(actor=user, bank=bank)
    except PermissionDenied:
        raise HttpError(403, _("You may not do this.")) from None
    except ValidationError as error:
        raise _refused(error) from None
    return Reply(201, _round_json(made, pairs=True))


@router.post(
    "/redeployment/rounds/{pk}/pairs/{pair}/decision",
    response={200: dict[str, Any], **ERRORS},
    operation_id="redeployment_pair_decide",
    summary="Confirm a pair (the offer is made) or override it with a reason",
)
def pair_decide(request: HttpRequest, pk: Id, pair: Id, payload: PairDecisionIn) -> dict[str, Any]:
    user = _member(request)
    match_round = one_or_404(rounds_for(user), pk)
    row = ProposedPair.objects.filter(round=match_round, pk=pair).first()
    if row is None:
        raise not_found()
    try:
        offer = services.pair_decide(
            actor=user,
            pair=row,
            version=payload.version,
            confirm=payload.confirm,
            reason=payload.reason,
        )
    except PermissionDenied:
        raise HttpError(403, _("You may not do this.")) from None
    except ValidationError as error:
        raise _refused(error) from None
    row.refresh_from_db()
    names = names_for(match_round.municipality_id, match_round.result, pairs=[row], unplaced=False)
    return {"pair": _pair_json(row, names), "offer": _offer_json(offer) if offer else None}


@router.get(
    "/redeployment/offers",
    response={200: dict[str, Any], **ERRORS},
    operation_id="redeployment_offers",
    summary="The offers: all for the bank's members, one's own for the person",
)
def offer_list(request: HttpRequest, page: Query[PageQuery]) -> dict[str, Any]:
    """The offers, newest first, a page at a time (``limit``, at most 500, from
    ``offset``); ``count`` is all of them."""
    user = caller(request)
    rows = privacy.offers_for(user).order_by("-made_on", "-pk")
    shown = rows.prefetch_related("parts")[page.offset : page.offset + page.limit]
    return {"count": rows.count(), "items": [_offer_json(offer) for offer in shown]}


@router.post(
    "/redeployment/offers/{pk}/answer",
    response={200: dict[str, Any], **ERRORS},
    operation_id="redeployment_offer_answer",
    summary="Accept or decline an offer before its deadline",
)
def answer(request: HttpRequest, pk: Id, payload: OfferAnswerIn) -> dict[str, Any]:
    user = caller(request)
    offer = one_or_404(offers_shown(user), pk)
    try:
        answered = offer_answer(
            actor=user,
            offer=offer,
            version=payload.version,
            accept=payload.accept,
            note=payload.note,
        )
    except PermissionDenied:
        raise HttpError(403, _("You may not do this.")) from None
    except ValidationError as error:
        raise _refused(error) from None
    return _offer_json(answered)
