"""Offers: made to one person at a time with an answer deadline, answered by the person
(accept: placed; decline: back in the bank), refused with a clear message and nothing
changed when the vacancy or the person is not free or the deadline has passed."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from trepart.platform.models import Notification
from trepart.redeployment.models import CaseEvent, CaseStatus, Offer, OfferPart, Vacancy
from trepart.redeployment.selectors.inputs import exclusions_of, open_vacancies
from trepart.redeployment.services.offers import offer_answer, offer_make
from trepart.redeployment.tests.world import BankWorld, build_bank_world

pytestmark = pytest.mark.django_db

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
MONDAY = datetime.date(2026, 11, 2)


def _at(day: datetime.date) -> time_machine.travel:
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(10), OSLO), tick=False)


def _offer(world: BankWorld, person: str = "anne", vacancy: str = "assistent") -> Offer:
    with _at(MONDAY):
        return offer_make(
            actor=world.members["chair"],
            case=world.cases[person],
            vacancies=[world.vacancies[vacancy]],
        )


def _state(world: BankWorld) -> tuple[object, ...]:
    return (
        Offer.objects.count(),
        OfferPart.objects.count(),
        CaseEvent.objects.count(),
        tuple(sorted(Vacancy.objects.values_list("pk", "status", "version"))),
        tuple(sorted(world.cases["anne"].__class__.objects.values_list("pk", "status", "version"))),
    )


def test_an_offer_holds_the_vacancy_and_the_person_and_tells_them_by_mail() -> None:
    world = build_bank_world()
    world.rules.answer_days = 10  # type: ignore[union-attr]
    world.rules.save()  # type: ignore[union-attr]
    offer = _offer(world)
    assert offer.made_on == MONDAY
    assert offer.deadline == MONDAY + datetime.timedelta(days=10)
    assert offer.status == Offer.Status.OPEN
    assert Vacancy.objects.get(pk=world.vacancies["assistent"].pk).status == "OFFERED"
    world.cases["anne"].refresh_from_db()
    assert world.cases["anne"].status == CaseStatus.OFFERED
    assert CaseEvent.objects.filter(case=world.cases["anne"], kind="OFFERED").count() == 1
    mail = Notification.objects.about(offer).get()
    assert mail.email and f"/stillingsbank/tilbud/{offer.pk}/" in mail.body
    assert world.vacancies["assistent"] not in open_vacancies(municipality_id=world.municipality.pk)


def test_accepting_places_the_person_and_fills_the_vacancy() -> None:
    world = build_bank_world()
    offer = _offer(world)
    with _at(MONDAY + datetime.timedelta(days=3)):
        offer_answer(
            actor=world.people["anne"], offer=offer, version=offer.version, accept=True, note="Ja"
        )
    offer.refresh_from_db()
    case = world.cases["anne"]
    case.refresh_from_db()
    assert offer.status == Offer.Status.ACCEPTED
    assert offer.answered_on == datetime.date(2026, 11, 5)
    assert offer.answer_note == "Ja"
    assert case.status == CaseStatus.PLACED
    assert case.placed_on == datetime.date(2026, 11, 5)
    assert Vacancy.objects.get(pk=world.vacancies["assistent"].pk).status == "FILLED"
    assert not OfferPart.objects.filter(is_open=True).exists()
    kinds = list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds[-2:] == ["ACCEPTED", "PLACED"]


def test_declining_puts_the_person_back_in_the_bank_and_the_vacancy_back_on_offer() -> None:
    world = build_bank_world()
    offer = _offer(world)
    with _at(MONDAY + datetime.timedelta(days=14)):  # the deadline day itself still counts
        offer_answer(
            actor=world.people["anne"],
            offer=offer,
            version=offer.version,
            accept=False,
            note="For lang reisevei",
        )
    offer.refresh_from_db()
    case = world.cases["anne"]
    case.refresh_from_db()
    assert offer.status == Offer.Status.DECLINED and offer.suitable
    assert case.status == CaseStatus.ACTIVE
    vacancy = world.vacancies["assistent"]
    assert Vacancy.objects.get(pk=vacancy.pk).status == "CONSIDERED"
    event = CaseEvent.objects.filter(case=case).last()
    assert event is not None and event.kind == "DECLINED" and event.why == "For lang reisevei"
    assert (str(case.pk), str(vacancy.pk)) in exclusions_of(municipality_id=case.municipality_id)
    # The vacancy is free again: it can be offered to the next person.
    again = _offer(world, person="bjorn")
    assert again.status == Offer.Status.OPEN


def test_an_offer_of_a_filled_vacancy_is_refused_and_nothing_changes() -> None:
    world = build_bank_world()
    Vacancy.objects.filter(pk=world.vacancies["natt"].pk).update(status="FILLED")
    before = _state(world)
    with pytest.raises(ValidationError, match="has been filled"):
        _offer(world, vacancy="natt")
    assert _state(world) == before
    assert not Notification.objects.exists()


def test_a_vacancy_already_offered_is_refused_for_the_next_person() -> None:
    world = build_bank_world()
    _offer(world, person="anne")
    before = _state(world)
    with pytest.raises(ValidationError, match="already offered to someone else"):
        _offer(world, person="bjorn")
    assert _state(world) == before


def test_a_person_with_an_open_offer_cannot_get_another() -> None:
    world = build_bank_world()
    _offer(world, person="anne", vacancy="assistent")
    before = _state(world)
    with pytest.raises(ValidationError, match="already has an offer awaiting an answer"):
        _offer(world, person="anne", vacancy="sykepleie")
    assert _state(world) == before


def test_the_database_refuses_a_second_open_offer_of_a_vacancy_or_to_a_person() -> None:
    world = build_bank_world()
    offer = _offer(world)
    other = Offer.objects.create(
        municipality=world.municipality,
        case=world.cases["bjorn"],
        made_on=MONDAY,
        deadline=MONDAY,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        OfferPart.objects.create(
            municipality=world.municipality, offer=other, vacancy=world.vacancies["assistent"]
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.create(
            municipality=world.municipality, case=offer.case, made_on=MONDAY, deadline=MONDAY
        )


def test_an_answer_after_the_deadline_is_refused_and_the_offer_stays_open() -> None:
    world = build_bank_world()
    offer = _offer(world)
    before = _state(world)
    with (
        _at(MONDAY + datetime.timedelta(days=15)),
        pytest.raises(ValidationError, match=r"deadline to answer this offer was 16\.11\.2026"),
    ):
        offer_answer(actor=world.people["anne"], offer=offer, version=None, accept=True)
    assert _state(world) == before
    offer.refresh_from_db()
    assert offer.status == Offer.Status.OPEN


def test_an_answered_offer_cannot_be_answered_again() -> None:
    world = build_bank_world()
    offer = _offer(world)
    offer_answer(actor=world.people["anne"], offer=offer, version=None, accept=False, today=MONDAY)
    with pytest.raises(ValidationError, match="already been answered"):
        offer_answer(
            actor=world.people["anne"], offer=offer, version=None, accept=True, today=MONDAY
        )


def test_only_members_make_offers_and_only_the_person_or_a_member_answers() -> None:
    world = build_bank_world()
    for outsider in (world.hiring, world.outsider, world.people["bjorn"]):
        with pytest.raises(PermissionDenied):
            offer_make(
                actor=outsider, case=world.cases["anne"], vacancies=[world.vacancies["natt"]]
            )
    offer = _offer(world)
    for outsider in (world.hiring, world.outsider, world.people["bjorn"]):
        with pytest.raises(PermissionDenied):
            offer_answer(actor=outsider, offer=offer, version=None, accept=True, today=MONDAY)
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.OPEN


def test_a_case_outside_the_bank_gets_no_offer() -> None:
    world = build_bank_world()
    case = world.cases["bjorn"]
    case.__class__.objects.filter(pk=case.pk).update(status=CaseStatus.PLACED)
    with pytest.raises(ValidationError, match="not in the bank"):
        _offer(world, person="bjorn")
    assert not Offer.objects.exists()
