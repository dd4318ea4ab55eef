"""Deadlines under controlled time: the daily duty reminds an open offer three days before
its deadline (once), and lapses it the day after (the vacancy back to the bank); the person
answers on the offer's page until the deadline, and not after."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.test import Client

from trepart.platform.duties import daily_duties_run
from trepart.redeployment.models import CaseEvent, CaseStatus, Offer, Vacancy
from trepart.redeployment.services.offers import offer_make, offers_daily
from trepart.redeployment.tests.world import BankWorld, build_bank_world

pytestmark = pytest.mark.django_db

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
MONDAY = datetime.date(2026, 11, 2)  # the deadline is 16 November


def _at(day: datetime.date) -> time_machine.travel:
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(10), OSLO), tick=False)


def _offer(world: BankWorld) -> Offer:
    with _at(MONDAY):
        return offer_make(
            actor=world.members["chair"],
            case=world.cases["anne"],
            vacancies=[world.vacancies["assistent"]],
        )


def test_the_duty_reminds_three_days_before_and_lapses_after_the_deadline() -> None:
    world = build_bank_world()
    offer = _offer(world)
    assert offers_daily(datetime.date(2026, 11, 12))["reminded"] == 0
    counts = offers_daily(datetime.date(2026, 11, 13))
    assert counts["reminded"] == 1 and counts["expired"] == 0
    assert len(mail.outbox) == 1 and "/stillingsbank/tilbud/" in mail.outbox[0].body
    offer.refresh_from_db()
    assert offer.reminded_on == datetime.date(2026, 11, 13)
    assert offers_daily(datetime.date(2026, 11, 14))["reminded"] == 0  # once
    assert offers_daily(datetime.date(2026, 11, 16))["expired"] == 0  # the last day counts
    counts = offers_daily(datetime.date(2026, 11, 17))
    assert counts["expired"] == 1
    offer.refresh_from_db()
    assert offer.status == Offer.Status.EXPIRED and offer.answered_on is None
    assert Vacancy.objects.get(pk=world.vacancies["assistent"].pk).status == "CONSIDERED"
    case = world.cases["anne"]
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE
    assert CaseEvent.objects.filter(case=case, kind="EXPIRED", offer=offer).count() == 1


def test_the_duty_is_registered_with_the_platform() -> None:
    world = build_bank_world()
    _offer(world)
    report = daily_duties_run(day=datetime.date(2026, 11, 20))
    assert report.duties["redeployment_offers"]["expired"] == 1


def test_the_person_answers_on_the_offer_page_until_the_deadline(client: Client) -> None:
    world = build_bank_world()
    offer = _offer(world)
    url = f"/stillingsbank/tilbud/{offer.pk}/"
    client.force_login(world.people["bjorn"])
    assert client.get(url).status_code == 404  # someone else's offer
    client.force_login(world.hiring)
    assert client.get(url).status_code == 404
    client.force_login(world.people["anne"])
    with _at(datetime.date(2026, 11, 17)):
        page = client.get(url)
        assert page.status_code == 200 and "can no longer be answered" in page.content.decode()
        late = client.post(url, {"version": offer.version, "answer": "ACCEPT"})
        assert late.status_code == 400
        assert "16.11.2026" in late.content.decode()
    offer.refresh_from_db()
    assert offer.status == Offer.Status.OPEN
    with _at(datetime.date(2026, 11, 16)):
        answer = client.post(url, {"version": offer.version, "answer": "DECLINE", "note": "Nei"})
        assert answer.status_code == 302
    offer.refresh_from_db()
    assert offer.status == Offer.Status.DECLINED and offer.answer_note == "Nei"
    assert client.get(url).status_code == 200  # still shown to the person, without a form
