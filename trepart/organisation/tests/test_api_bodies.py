"""The JSON API's bodies: rule checks, members, hidden citizens and a fixed query count."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from trepart.organisation import services
from trepart.organisation.models import Body, Membership, Municipality, Party, Person
from trepart.organisation.tests.api_helpers import (
    Api,
    ids,
    make_body,
    make_municipality,
    make_people_for_seats,
    make_person,
    make_unit,
    make_user,
    next_number,
    seat,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lunner() -> Municipality:
    return make_municipality("Lunner")


def test_body_with_3_3_2_seats_breaks_parity_and_3_3_3_meets_it(lunner: Municipality) -> None:
    seated = make_people_for_seats(lunner, (3, 3, 3))
    short = make_body(lunner, "Trepartsorganet A")
    seat(short, seated, (3, 3, 2))
    equal = make_body(lunner, "Trepartsorganet B")
    seat(equal, seated, (3, 3, 3))
    api = Api(make_user(lunner))

    listed = {b["id"]: b for b in api.get("/bodies")["items"]}
    assert listed[short.pk]["composition_ok"] is False
    assert any("3 voting seats" in problem for problem in listed[short.pk]["problems"])
    assert listed[equal.pk]["composition_ok"] is True
    assert listed[equal.pk]["problems"] == []
    assert listed[equal.pk]["kind"] == "TRIPARTITE"
    continuity = listed[equal.pk]["continuity"]
    assert (continuity["seats"], continuity["stable"], continuity["percent"]) == (9, 9, 100)
    assert continuity["period_end"] == timezone.localdate().isoformat()


def test_body_detail_has_rules_and_current_members(lunner: Municipality) -> None:
    seated = make_people_for_seats(lunner, (3, 3, 3))
    body = make_body(lunner)
    seat(body, seated, (3, 3, 3))
    chair = seated.politicians[0]
    Membership.objects.filter(body=body, person=chair).update(role=Membership.Role.CHAIR)
    services.membership_add(
        actor=None,
        body=body,
        person=make_person(lunner),
        party=Party.EMPLOYEE,
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2021, 1, 1),
    )
    detail = Api(make_user(lunner)).get(f"/bodies/{body.pk}")

    assert detail["composition_ok"] is True
    assert detail["rules"] == [{"kind": "PARITY", "seats_per_party": 3}]
    assert len(detail["members"]) == 9  # the ended term is not a current member
    assert [m["party"] for m in detail["members"]][:3] == ["POLITICAL"] * 3
    first = detail["members"][0]
    assert first["person"] == {
        "id": chair.pk,
        "first_name": chair.first_name,
        "last_name": chair.last_name,
    }
    assert (first["role"], first["voting"], first["end"]) == ("CHAIR", True, None)


def test_body_detail_hides_a_citizen_member_from_those_who_may_not_see_them(
    lunner: Municipality,
) -> None:
    committee = make_body(lunner, "Grendeutvalget", kind=Body.Kind.CITIZEN_COMMITTEE, rules=[])
    citizen = make_person(lunner, Person.Kind.CITIZEN)
    services.membership_add(actor=None, body=committee, person=citizen, party=Party.CITIZEN)

    outsider = Api(make_user(lunner, person=make_person(lunner))).get(f"/bodies/{committee.pk}")
    assert outsider["members"][0]["person"] is None
    assert outsider["members"][0]["party"] == "CITIZEN"
    admin = Api(make_user(lunner, admin=True)).get(f"/bodies/{committee.pk}")
    assert admin["members"][0]["person"]["id"] == citizen.pk


def test_bodies_filter_by_kind(lunner: Municipality) -> None:
    lmu = make_body(lunner, "LMU", kind=Body.Kind.LMU, rules=[])
    make_body(lunner)
    assert ids(Api(make_user(lunner)).get("/bodies", kind="LMU")) == {lmu.pk}


def test_problems_come_in_the_language_asked_for(lunner: Municipality) -> None:
    make_body(lunner)  # no seats: breaks parity
    api = Api(make_user(lunner))
    english = api.client.get("/api/v1/bodies", HTTP_ACCEPT_LANGUAGE="en")
    assert english["Content-Language"] == "en"
    assert "voting seats" in english.json()["items"][0]["problems"][0]


def test_body_list_query_count_does_not_grow_with_the_number_of_bodies(
    lunner: Municipality,
) -> None:
    seated = make_people_for_seats(lunner, (3, 3, 3))
    api = Api(make_user(lunner))

    def add_bodies(n: int) -> None:
        for _ in range(n):
            body = make_body(lunner, f"Organ {next_number()}", unit=make_unit(lunner))
            seat(body, seated, (3, 3, 2))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = api.get("/bodies")
        assert page["count"] == Body.objects.filter(municipality=lunner).count()
        return len(captured.captured_queries)

    add_bodies(3)
    api.get("/bodies")  # the first request also records the token's use
    few = queries()
    add_bodies(27)
    assert queries() == few
