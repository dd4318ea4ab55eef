"""The follow-up board and its actions through the pages: overdue flags, filters, who may
change an action, and a board that stays small however many actions there are."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from trepart.meetings import services
from trepart.meetings.models import FollowUp
from trepart.meetings.tests.world import World, add_item, build_world, close_item, plan_meeting
from trepart.meetings.views.follow_up import COLUMN_CAP

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def action(world: World, title: str, *, owner: Any = None, due: int = 14, **extra: Any) -> FollowUp:
    return services.follow_up_create(
        actor=world.secretary,
        body=extra.pop("body", world.body),
        title=title,
        owner=world.person(owner or world.member),
        due_on=days(due),
        **extra,
    )


def board(user: Any, **params: Any) -> str:
    response = client_for(user).get(reverse("meetings:follow-up-board"), params)
    assert response.status_code == 200
    return response.content.decode()


def column(page: str, status: str) -> str:
    start = page.index(f'id="board-{status}"')
    return page[start : page.index("</section>", start)]


def test_an_overdue_action_is_flagged_in_words_and_counted(world: World) -> None:
    action(world, "Lag ny turnusplan", due=-3)
    action(world, "Kjøp inn stoler", due=10)
    page = board(world.member)
    assert "1 action is past its due date." in page
    open_column = column(page, "OPEN")
    late = open_column[open_column.index("Lag ny turnusplan") :]
    assert "Overdue" in late[: late.index("</li>")]
    on_time = open_column[open_column.index("Kjøp inn stoler") :]
    assert "Overdue" not in on_time[: on_time.index("</li>")]


def test_done_actions_stay_on_the_board_for_thirty_days(world: World) -> None:
    done = action(world, "Ryddet lageret")
    services.follow_up_update(actor=world.secretary, follow_up=done, version=1, status="DONE")
    old = action(world, "Malte gangen")
    services.follow_up_update(actor=world.secretary, follow_up=old, version=1, status="DONE")
    FollowUp.objects.filter(pk=old.pk).update(done_on=days(-31))
    page = board(world.member)
    assert "Ryddet lageret" in column(page, "DONE")
    assert "Malte gangen" not in page


def test_the_board_filters_by_body_and_by_owner(world: World) -> None:
    action(world, "Trepart: budsjettoppfølging", owner=world.member)
    action(world, "Trepart: sekretærens oppgave", owner=world.secretary)
    action(world, "LMU: verneronde", body=world.lmu, owner=world.lmu_chair)
    lmu_only = board(world.member, body=world.lmu.pk)
    assert "LMU: verneronde" in lmu_only and "Trepart:" not in lmu_only
    mine = board(world.member, mine="on")
    assert "Trepart: budsjettoppfølging" in mine
    assert "sekretærens oppgave" not in mine and "verneronde" not in mine


def test_the_body_filter_offers_only_bodies_with_actions(world: World) -> None:
    action(world, "Trepart: budsjettoppfølging")
    response = client_for(world.member).get(reverse("meetings:follow-up-board"))
    offered = [pk for pk, _name in response.context["form"].fields["body"].choices if pk]
    assert offered == [world.body.pk]  # the LMU has no action yet
    action(world, "LMU: verneronde", body=world.lmu, owner=world.lmu_chair)
    response = client_for(world.member).get(reverse("meetings:follow-up-board"))
    offered = [pk for pk, _name in response.context["form"].fields["body"].choices if pk]
    assert sorted(offered) == sorted([world.body.pk, world.lmu.pk])


def test_a_long_column_shows_a_capped_number_and_links_to_all(world: World) -> None:
    for n in range(COLUMN_CAP + 5):
        action(world, f"Tiltak nummer {n:03d}", due=n)
    page = board(world.member)
    assert page.count("Tiltak nummer") == COLUMN_CAP
    assert f"Show all {COLUMN_CAP + 5} in" in page
    everything = board(world.member, column="OPEN")
    assert everything.count("Tiltak nummer") == COLUMN_CAP + 5


def test_the_board_reads_a_fixed_number_of_queries(world: World) -> None:
    for n in range(5):
        action(world, f"Tiltak {n}")
    client = client_for(world.member)
    url = reverse("meetings:follow-up-board")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(20):
        action(world, f"Flere tiltak {n}", body=world.lmu if n % 2 else world.body)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_a_closed_items_action_shows_its_title_only_to_the_body(world: World) -> None:
    meeting = plan_meeting(world, days(10))
    item = close_item(world, meeting)
    action(world, "Forhandle sluttpakke for de overtallige", item=item)
    outsider_page = board(world.outsider)
    assert "Forhandle sluttpakke" not in outsider_page
    assert "Nedbemanning" not in outsider_page
    assert "An action on an item exempt from public access" in outsider_page
    member_page = board(world.member)
    assert "Forhandle sluttpakke" in member_page


def test_the_owner_may_update_an_action(world: World) -> None:
    follow_up = action(world, "Skriv rapport", owner=world.member)
    response = client_for(world.member).post(
        reverse("meetings:follow-up-edit", args=[follow_up.pk]),
        {
            "version": follow_up.version,
            "status": "IN_PROGRESS",
            "note": "Halvveis.",
            "due_on": days(20).isoformat(),
            "owner": world.person(world.member).pk,
        },
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.note, follow_up.due_on) == (
        "IN_PROGRESS",
        "Halvveis.",
        days(20),
    )


@pytest.mark.parametrize("who", ["outsider", "deputy", "stranger"])
def test_others_may_not_update_an_action(world: World, who: str) -> None:
    follow_up = action(world, "Skriv rapport", owner=world.member)
    url = reverse("meetings:follow-up-edit", args=[follow_up.pk])
    user = getattr(world, who)
    data = {"version": 1, "status": "DONE", "due_on": days(5).isoformat(), "owner": ""}
    assert client_for(user).post(url, data).status_code in (403, 404)
    assert client_for(user).get(url).status_code in (403, 404)
    follow_up.refresh_from_db()
    assert follow_up.status == "OPEN" and follow_up.version == 1


def test_the_board_links_to_edit_only_what_the_reader_may_change(world: World) -> None:
    own = action(world, "Mitt tiltak", owner=world.member)
    other = action(world, "Sekretærens tiltak", owner=world.secretary)
    page = board(world.member)
    assert reverse("meetings:follow-up-edit", args=[own.pk]) in page
    assert reverse("meetings:follow-up-edit", args=[other.pk]) not in page
    assert reverse("meetings:follow-up-edit", args=[other.pk]) in board(world.secretary)


def test_a_concurrent_update_is_refused_and_keeps_the_note(world: World) -> None:
    follow_up = action(world, "Skriv rapport", owner=world.member)
    services.follow_up_update(
        actor=world.secretary, follow_up=follow_up, version=1, status="IN_PROGRESS", note="Startet"
    )
    response = client_for(world.member).post(
        reverse("meetings:follow-up-edit", args=[follow_up.pk]),
        {
            "version": 1,
            "status": "DONE",
            "note": "Ferdig fra min side.",
            "due_on": days(14).isoformat(),
            "owner": world.person(world.member).pk,
        },
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this while you were editing" in page
    assert "Ferdig fra min side." in page  # what was typed
    assert "Startet" in page  # what is saved now
    assert 'name="version" value="2"' in page
    follow_up.refresh_from_db()
    assert follow_up.status == "IN_PROGRESS"


def test_preparers_add_an_action_from_an_item(world: World) -> None:
    meeting = plan_meeting(world, days(10))
    item = add_item(world, meeting)
    url = reverse("meetings:follow-up-create", args=[world.body.pk])
    data = {
        "title": "Lag handlingsplan",
        "owner": world.person(world.member).pk,
        "due_on": days(30).isoformat(),
        "item": item.pk,
    }
    assert client_for(world.member).post(url, data).status_code == 403
    response = client_for(world.secretary).post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:item-outcome", args=[item.pk])
    follow_up = FollowUp.objects.get()
    assert follow_up.item_id == item.pk and follow_up.body_id == world.body.pk


def test_a_new_action_without_an_owner_keeps_what_was_typed(world: World) -> None:
    url = reverse("meetings:follow-up-create", args=[world.body.pk])
    response = client_for(world.secretary).post(
        url, {"title": "Lag handlingsplan", "owner": "", "due_on": days(30).isoformat()}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose who owns the action." in page
    assert 'value="Lag handlingsplan"' in page
    assert not FollowUp.objects.exists()
