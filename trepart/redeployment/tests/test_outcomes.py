"""Outcomes: each one an event with date, who and why, and the case's status moved, through
the versioned write; bad input refused with a clear message and nothing saved."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.audit.writes import ConcurrentEditError
from trepart.redeployment.models import CaseEvent, CaseStatus, Offer, RedeploymentCase
from trepart.redeployment.services.outcomes import case_outcome_record, preferential_end
from trepart.redeployment.tests.world import BankWorld, build_bank_world

pytestmark = pytest.mark.django_db

Kind = CaseEvent.Kind
DAY = datetime.date(2026, 11, 2)


@pytest.fixture
def world() -> BankWorld:
    return build_bank_world()


def record(world: BankWorld, key: str, kind: str, **fields: Any) -> CaseEvent:
    case = RedeploymentCase.objects.get(pk=world.cases[key].pk)
    values: dict[str, Any] = {"on": DAY, "why": "Vedtatt i møtet.", **fields}
    return case_outcome_record(
        actor=world.members["chair"], case=case, version=case.version, kind=kind, **values
    )


def fresh(world: BankWorld, key: str) -> RedeploymentCase:
    return RedeploymentCase.objects.get(pk=world.cases[key].pk)


def test_placing_records_the_event_and_moves_the_case(world: BankWorld) -> None:
    vacancy = world.vacancies["sykepleie"]
    event = record(world, "anne", Kind.PLACED, vacancy=vacancy)
    case = fresh(world, "anne")
    assert (case.status, case.placed_on, case.version) == (CaseStatus.PLACED, DAY, 2)
    assert (event.kind, event.on, event.by, event.vacancy) == (
        Kind.PLACED,
        DAY,
        world.members["chair"],
        vacancy,
    )
    assert event.why == "Vedtatt i møtet."


@pytest.mark.parametrize(
    ("kind", "status"),
    [(Kind.RETRAINING, CaseStatus.RETRAINING), (Kind.TEMPORARY, CaseStatus.TEMPORARY)],
)
def test_retraining_and_temporary_work_set_their_status(
    world: BankWorld, kind: str, status: str
) -> None:
    record(world, "bjorn", kind)
    assert fresh(world, "bjorn").status == status


def test_a_notice_gives_the_preferential_right_for_the_agreed_months(world: BankWorld) -> None:
    event = record(world, "anne", Kind.NOTICE)
    case = fresh(world, "anne")
    assert case.status == CaseStatus.PREFERENTIAL
    assert case.notice_on == DAY
    assert case.preferential_until == datetime.date(2027, 11, 2)
    assert "§ 14-2" in event.consequences


def test_the_preferential_year_ends_on_the_months_last_day_when_shorter() -> None:
    assert preferential_end(notice_on=datetime.date(2027, 1, 31), months=1) == datetime.date(
        2027, 2, 28
    )
    assert preferential_end(notice_on=datetime.date(2026, 3, 15), months=12) == datetime.date(
        2027, 3, 15
    )


def test_declining_suitable_work_needs_its_consequences(world: BankWorld) -> None:
    with pytest.raises(ValidationError) as error:
        record(world, "anne", Kind.DECLINED_SUITABLE, consequences="  ")
    assert "consequences" in error.value.message_dict
    assert not CaseEvent.objects.filter(case=world.cases["anne"]).exists()
    event = record(world, "anne", Kind.DECLINED_SUITABLE, consequences="Drøfting om oppsigelse.")
    assert event.consequences == "Drøfting om oppsigelse."
    assert fresh(world, "anne").status == CaseStatus.ACTIVE


def test_declining_suitable_work_ends_the_preferential_right(world: BankWorld) -> None:
    record(world, "anne", Kind.NOTICE)
    later = datetime.date(2027, 2, 1)
    event = record(world, "anne", Kind.DECLINED_SUITABLE, on=later, consequences="Takket nei.")
    case = fresh(world, "anne")
    assert case.status == CaseStatus.CLOSED
    assert case.preferential_until == later
    assert "lapses" in event.consequences and "Takket nei." in event.consequences


def test_rehiring_under_the_preferential_right_places_the_person(world: BankWorld) -> None:
    record(world, "bjorn", Kind.NOTICE)
    record(world, "bjorn", Kind.REHIRED, on=datetime.date(2027, 3, 1))
    case = fresh(world, "bjorn")
    assert (case.status, case.placed_on) == (CaseStatus.PLACED, datetime.date(2027, 3, 1))
    assert list(case.events.values_list("kind", flat=True)) == [Kind.NOTICE, Kind.REHIRED]


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"on": datetime.date(2026, 8, 31)}, "on", "before the case was registered"),
        ({"why": "   "}, "why", "reason"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(
    world: BankWorld, fields: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as error:
        record(world, "anne", Kind.PLACED, **fields)
    assert words in " ".join(error.value.message_dict[field])
    case = fresh(world, "anne")
    assert (case.status, case.version, case.events.count()) == (CaseStatus.ACTIVE, 1, 0)


@pytest.mark.parametrize(
    ("first", "then", "words"),
    [
        (Kind.PLACED, Kind.NOTICE, "placed"),
        (Kind.NOTICE, Kind.NOTICE, "already"),
        (Kind.CLOSED, Kind.PLACED, "closed"),
        (None, Kind.REHIRED, "Only a person given notice"),
    ],
)
def test_an_outcome_the_case_is_not_in_a_state_for_is_refused(
    world: BankWorld, first: str | None, then: str, words: str
) -> None:
    if first:
        record(world, "anne", first)
    before = fresh(world, "anne")
    with pytest.raises(ValidationError) as error:
        record(world, "anne", then)
    assert words in " ".join(error.value.messages)
    after = fresh(world, "anne")
    assert (after.status, after.version) == (before.status, before.version)
    assert after.events.count() == (1 if first else 0)


def test_a_part_time_wish_is_no_redundancy_to_give_notice_on(world: BankWorld) -> None:
    with pytest.raises(ValidationError, match="part-time"):
        record(world, "cecilie", Kind.NOTICE)


def test_an_open_offer_must_be_answered_before_the_case_ends(world: BankWorld) -> None:
    Offer.objects.create(
        municipality=world.municipality,
        case=world.cases["anne"],
        made_on=DAY,
        deadline=DAY + datetime.timedelta(days=14),
    )
    with pytest.raises(ValidationError, match="awaits an answer"):
        record(world, "anne", Kind.PLACED)
    assert fresh(world, "anne").status == CaseStatus.ACTIVE


def test_a_concurrent_edit_is_detected(world: BankWorld) -> None:
    stale = fresh(world, "anne")
    record(world, "anne", Kind.RETRAINING)
    with pytest.raises(ConcurrentEditError):
        case_outcome_record(
            actor=world.members["union"],
            case=stale,
            version=stale.version,
            kind=Kind.PLACED,
            on=DAY,
            why="Samtidig.",
        )
    assert fresh(world, "anne").status == CaseStatus.RETRAINING
    assert fresh(world, "anne").events.count() == 1


# The page


def client_for(user: Any = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def url(world: BankWorld, key: str = "anne") -> str:
    return reverse("redeployment:outcome_record", args=[world.cases[key].pk])


def test_a_member_records_an_outcome_on_the_page(world: BankWorld) -> None:
    client = client_for(world.members["union"])
    page = client.get(url(world, "bjorn"))
    assert page.status_code == 200
    assert "Tåler ikke tunge løft." in page.content.decode()  # the bank sees its note
    response = client.post(
        url(world, "bjorn"),
        {"kind": Kind.TEMPORARY, "on": "2026-10-01", "why": "Vikariat i skolen.", "version": 1},
    )
    assert response.status_code == 302
    event = CaseEvent.objects.get(case=world.cases["bjorn"])
    assert (event.kind, event.by) == (Kind.TEMPORARY, world.members["union"])


def test_the_page_keeps_what_was_typed_and_says_what_is_wrong(world: BankWorld) -> None:
    client = client_for(world.members["chair"])
    response = client.post(
        url(world),
        {"kind": Kind.DECLINED_SUITABLE, "on": "2026-10-01", "why": "Ønsket ikke.", "version": 1},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Record the consequences of declining suitable work" in page
    assert "Ønsket ikke." in page
    stale = client.post(
        url(world), {"kind": Kind.PLACED, "on": "2026-10-01", "why": "Ny jobb.", "version": 7}
    )
    assert "Someone else saved this" in stale.content.decode()
    assert not CaseEvent.objects.filter(case=world.cases["anne"]).exists()


def test_only_members_reach_the_page(world: BankWorld) -> None:
    assert client_for().get(url(world)).status_code == 302
    for user in (world.outsider, world.hiring, world.people["anne"]):
        assert client_for(user).get(url(world)).status_code == 403
        assert client_for(user).post(url(world), {"kind": Kind.CLOSED}).status_code == 403
    stranger = UserFactory.create(municipality=MunicipalityFactory.create())
    assert client_for(stranger).get(url(world)).status_code == 403
    # HR (the administrators) may record outcomes too (here without two-factor sign-in).
    world.municipality.require_mfa_for_admins = False
    world.municipality.save()
    assert client_for(world.admin).get(url(world)).status_code == 200
    assert not CaseEvent.objects.exists()
