"""A person given notice (§ 14-2) is offered vacancies like anyone in the bank, and a
suitable offer declined or left to lapse ends the right through the outcome "declined
suitable work"; a placement recorded as an outcome fills its vacancy as an accepted offer
does, withdrawing an offer of it still open to someone else."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from trepart.redeployment.models import (
    CaseEvent,
    CaseStatus,
    Offer,
    OfferPart,
    RedeploymentCase,
    Vacancy,
)
from trepart.redeployment.services.offers import offer_answer, offer_make, offers_daily
from trepart.redeployment.services.outcomes import case_outcome_record
from trepart.redeployment.tests.world import BankWorld, build_bank_world

pytestmark = pytest.mark.django_db

Kind = CaseEvent.Kind
NOTICE = datetime.date(2026, 10, 1)
DAY = datetime.date(2026, 11, 2)


def _noticed(world: BankWorld, key: str = "anne") -> RedeploymentCase:
    case = RedeploymentCase.objects.get(pk=world.cases[key].pk)
    case_outcome_record(
        actor=world.members["chair"],
        case=case,
        version=case.version,
        kind=Kind.NOTICE,
        on=NOTICE,
        why="Ingen passende stilling.",
    )
    return RedeploymentCase.objects.get(pk=case.pk)


def _offer(world: BankWorld, case: RedeploymentCase, *, suitable: bool = True) -> Offer:
    return offer_make(
        actor=world.members["chair"],
        case=case,
        vacancies=[world.vacancies["assistent"]],
        suitable=suitable,
        today=DAY,
    )


def _kinds(case: RedeploymentCase) -> list[str]:
    return list(case.events.order_by("on", "at", "pk").values_list("kind", flat=True))


def test_declining_a_suitable_offer_ends_the_preferential_right() -> None:
    world = build_bank_world()
    offer = _offer(world, _noticed(world))
    offer_answer(actor=world.people["anne"], offer=offer, version=None, accept=False, today=DAY)
    case = RedeploymentCase.objects.get(pk=world.cases["anne"].pk)
    assert case.status == CaseStatus.CLOSED and case.preferential_until == DAY
    assert _kinds(case)[-2:] == [Kind.DECLINED, Kind.DECLINED_SUITABLE]
    outcome = case.events.get(kind=Kind.DECLINED_SUITABLE)
    assert "lapses" in outcome.consequences and world.vacancies["assistent"].title in outcome.why
    assert Vacancy.objects.get(pk=world.vacancies["assistent"].pk).status == "CONSIDERED"


def test_a_lapsed_suitable_offer_ends_the_preferential_right() -> None:
    world = build_bank_world()
    offer = _offer(world, _noticed(world))
    offers_daily(offer.deadline + datetime.timedelta(days=1))
    case = RedeploymentCase.objects.get(pk=world.cases["anne"].pk)
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.EXPIRED
    assert case.status == CaseStatus.CLOSED
    assert _kinds(case)[-2:] == [Kind.EXPIRED, Kind.DECLINED_SUITABLE]


def test_declining_an_unsuitable_offer_keeps_the_right_and_accepting_is_the_rehiring() -> None:
    world = build_bank_world()
    offer = _offer(world, _noticed(world), suitable=False)
    offer_answer(actor=world.people["anne"], offer=offer, version=None, accept=False, today=DAY)
    case = RedeploymentCase.objects.get(pk=world.cases["anne"].pk)
    assert case.status == CaseStatus.PREFERENTIAL and Kind.DECLINED_SUITABLE not in _kinds(case)
    again = _offer(world, case)
    offer_answer(actor=world.people["anne"], offer=again, version=None, accept=True, today=DAY)
    case = RedeploymentCase.objects.get(pk=case.pk)
    assert (case.status, case.placed_on, _kinds(case)[-1]) == (
        CaseStatus.PLACED,
        DAY,
        Kind.REHIRED,
    )


def test_declining_in_the_bank_sends_the_person_back_without_an_outcome() -> None:
    world = build_bank_world()
    offer = _offer(world, world.cases["anne"])
    offer_answer(actor=world.people["anne"], offer=offer, version=None, accept=False, today=DAY)
    case = RedeploymentCase.objects.get(pk=world.cases["anne"].pk)
    assert case.status == CaseStatus.ACTIVE and Kind.DECLINED_SUITABLE not in _kinds(case)


def test_a_placement_recorded_as_an_outcome_fills_the_vacancy_and_withdraws_its_offer() -> None:
    world = build_bank_world()
    other = _offer(world, world.cases["bjorn"])
    case = RedeploymentCase.objects.get(pk=world.cases["anne"].pk)
    case_outcome_record(
        actor=world.members["chair"],
        case=case,
        version=case.version,
        kind=Kind.PLACED,
        on=DAY,
        why="Tilsatt etter intervju.",
        vacancy=world.vacancies["assistent"],
    )
    assert Vacancy.objects.get(pk=world.vacancies["assistent"].pk).status == "FILLED"
    assert Offer.objects.get(pk=other.pk).status == Offer.Status.WITHDRAWN
    assert not OfferPart.objects.filter(is_open=True).exists()
    bjorn = RedeploymentCase.objects.get(pk=world.cases["bjorn"].pk)
    assert bjorn.status == CaseStatus.ACTIVE and _kinds(bjorn)[-1] == Kind.WITHDRAWN
    # A filled vacancy takes nobody else.
    cecilie = RedeploymentCase.objects.get(pk=world.cases["cecilie"].pk)
    with pytest.raises(ValidationError, match="filled"):
        case_outcome_record(
            actor=world.members["chair"],
            case=cecilie,
            version=cecilie.version,
            kind=Kind.PLACED,
            on=DAY,
            why="Feil.",
            vacancy=world.vacancies["assistent"],
        )
    assert RedeploymentCase.objects.get(pk=cecilie.pk).status == CaseStatus.ACTIVE
