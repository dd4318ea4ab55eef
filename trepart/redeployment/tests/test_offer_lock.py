"""A vacancy is offered to one person at a time, and a person gets one offer at a time,
also when two members make offers at the same moment (threads with their own connections).

On PostgreSQL the second request waits for the first one's row locks and is refused with
the clear message; on SQLite the database serialises the writers (the second may find it
busy). Either way one offer is stored."""

from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from trepart.redeployment.models import Offer, OfferPart
from trepart.redeployment.services.offers import offer_make
from trepart.redeployment.tests.world import build_bank_world

DAY = datetime.date(2026, 11, 2)


def _race(calls: list[Any]) -> list[Any]:
    start = threading.Barrier(len(calls))
    outcomes: list[Any] = []

    def run(call: Any) -> None:
        try:
            start.wait()
            with translation.override("en"):  # a thread starts in the default language
                call()
            outcomes.append("made")
        except Exception as error:  # refused, or the database said it is busy
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def _check(outcomes: list[Any], message: str) -> None:
    assert outcomes.count("made") == 1, outcomes
    if connection.vendor == "postgresql":
        (refused,) = [o for o in outcomes if o != "made"]
        assert isinstance(refused, ValidationError) and message in refused.messages[0]
    assert Offer.objects.count() == 1
    assert OfferPart.objects.filter(is_open=True).count() == 1


@pytest.mark.django_db(transaction=True)
def test_one_vacancy_offered_to_two_people_at_once_goes_to_one() -> None:
    world = build_bank_world()
    chair, union = world.members["chair"], world.members["union"]
    vacancy = world.vacancies["assistent"]
    outcomes = _race(
        [
            lambda: offer_make(
                actor=chair, case=world.cases["anne"], vacancies=[vacancy], today=DAY
            ),
            lambda: offer_make(
                actor=union, case=world.cases["bjorn"], vacancies=[vacancy], today=DAY
            ),
        ]
    )
    _check(outcomes, "already offered to someone else")


@pytest.mark.django_db(transaction=True)
def test_one_person_offered_two_vacancies_at_once_gets_one() -> None:
    world = build_bank_world()
    chair, union = world.members["chair"], world.members["union"]
    case = world.cases["anne"]
    outcomes = _race(
        [
            lambda: offer_make(
                actor=chair, case=case, vacancies=[world.vacancies["assistent"]], today=DAY
            ),
            lambda: offer_make(
                actor=union, case=case, vacancies=[world.vacancies["sykepleie"]], today=DAY
            ),
        ]
    )
    _check(outcomes, "already has an offer awaiting an answer")
