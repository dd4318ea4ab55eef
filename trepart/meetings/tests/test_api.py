"""The meetings API: filters, what each reader sees, closed items never leaking to outsiders,
and a list whose query count does not grow with the number of meetings."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trepart.accounts.models import ApiToken, hash_token
from trepart.meetings import services
from trepart.meetings.models import DocumentVersion, Meeting
from trepart.meetings.tests.world import (
    World,
    add_item,
    build_world,
    close_item,
    plan_meeting,
    upload,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 12, 10)
SECRET = "Nedbemanning ved Eikvik skole"


@pytest.fixture
def world() -> World:
    return build_world()


def publish(world: World, meeting: Meeting) -> Meeting:
    return services.meeting_publish_agenda(
        actor=world.secretary, meeting=meeting, version=meeting.version
    )


def public_meeting(world: World, day: datetime.date = DAY, **fields: Any) -> Meeting:
    meeting = plan_meeting(world, day, **fields)
    add_item(world, meeting)
    return publish(world, meeting)


def with_closed_item(world: World) -> Meeting:
    """A published open meeting with an open item (with a paper) and a closed one."""
    meeting = plan_meeting(world, DAY, video_url="https://video.invalid/trepart")
    item = add_item(world, meeting, "Budsjett 2027")
    services.document_add(actor=world.secretary, item=item, title="Saksframlegg", upload=upload())
    services.document_add(
        actor=world.secretary,
        item=item,
        title="Lønnsoversikt",
        upload=upload("lonn.pdf"),
        exempt=True,
        legal_basis="OFFL_23",
    )
    closed = close_item(world, meeting, SECRET)
    services.document_add(
        actor=world.secretary, item=closed, title="Forhandlingsnotat", upload=upload("notat.pdf")
    )
    return publish(world, meeting)


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def anonymous() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def listing(client: Client, world: World, **params: Any) -> dict[str, Any]:
    params.setdefault("kommune", world.municipality.organisation_number)
    response = client.get("/api/v1/meetings", params)
    assert response.status_code == 200, response.content
    return response.json()


def ids(page: dict[str, Any]) -> list[int]:
    return [row["id"] for row in page["items"]]


def test_anonymous_readers_list_only_open_meetings_with_a_published_agenda(world: World) -> None:
    shown = public_meeting(world)
    plan_meeting(world, DAY + datetime.timedelta(days=7))  # agenda not out yet
    public_meeting(world, DAY + datetime.timedelta(days=14), is_open=False)
    page = listing(anonymous(), world)
    assert page["count"] == 1 and ids(page) == [shown.pk]
    assert page["items"][0]["video_url"] is None and not page["items"][0]["internal"]


def test_the_list_filters_by_body_and_period(world: World) -> None:
    december = public_meeting(world)
    january = public_meeting(world, datetime.date(2027, 1, 14))
    lmu = public_meeting(world, datetime.date(2027, 1, 15), body=world.lmu)
    client = anonymous()
    assert ids(listing(client, world, body=world.lmu.pk)) == [lmu.pk]
    assert ids(listing(client, world, **{"from": "2027-01-01"})) == [january.pk, lmu.pk]
    assert ids(listing(client, world, to="2026-12-10")) == [december.pk]
    period = {"from": "2027-01-14", "to": "2027-01-14", "body": world.body.pk}
    assert ids(listing(client, world, **period)) == [january.pk]
    assert listing(client, world, limit=1, offset=1)["count"] == 3


def test_the_bodys_people_list_its_planned_and_closed_meetings_with_the_video_link(
    world: World,
) -> None:
    public = public_meeting(world, video_url="https://video.invalid/a")
    planned = plan_meeting(world, DAY + datetime.timedelta(days=7))
    private = public_meeting(world, DAY + datetime.timedelta(days=14), is_open=False)
    page = listing(as_user(world.member), world)
    assert ids(page) == [public.pk, planned.pk, private.pk]
    rows = {row["id"]: row for row in page["items"]}
    assert rows[public.pk]["video_url"] == "https://video.invalid/a"
    assert rows[public.pk]["internal"]
    assert not rows[planned.pk]["internal"]  # members read the agenda once it is out
    assert ids(listing(as_user(world.secretary), world)) == [public.pk, planned.pk, private.pk]
    for outsider in (world.outsider, world.stranger):
        page = listing(as_user(outsider), world)
        assert ids(page) == [public.pk] and page["items"][0]["video_url"] is None


def test_a_closed_item_reaches_outsiders_as_its_number_and_a_neutral_title(
    world: World,
) -> None:
    meeting = with_closed_item(world)
    for client in (anonymous(), as_user(world.outsider), as_user(world.stranger)):
        response = client.get(f"/api/v1/meetings/{meeting.pk}")
        assert response.status_code == 200
        text = response.content.decode()
        for secret in (SECRET, "Forhandlingsposisjon", "Forhandlingsnotat", "Lønnsoversikt"):
            assert secret not in text
        assert "video.invalid" not in text
        body = response.json()
        assert body["video_url"] is None and not body["internal"]
        budget, closed = body["items"]
        assert closed["closed"] and closed["case_number"] == "2/26"
        assert closed["title"] == "Exempt from public access, offl. § 23"
        assert closed["legal_basis"] == "OFFL_23"
        assert closed["documents"] == [] and closed["description"] == ""
        assert closed["kind"] is None and closed["outcome"] is None
        paper, exempt = budget["documents"]
        version = DocumentVersion.objects.get(document__title="Saksframlegg")
        assert paper["title"] == "Saksframlegg"
        assert paper["url"].endswith(reverse("meetings:document-open", args=[version.pk]))
        assert exempt["exempt"] and exempt["url"] is None and exempt["file_name"] == ""
        listed = client.get("/api/v1/meetings", {"kommune": world.municipality.organisation_number})
        assert SECRET not in listed.content.decode()


def test_members_read_the_real_title_once_the_agenda_is_published(world: World) -> None:
    meeting = plan_meeting(world, DAY)
    close_item(world, meeting, SECRET)
    client = as_user(world.member)
    before = client.get(f"/api/v1/meetings/{meeting.pk}").json()
    assert SECRET not in json.dumps(before)
    publish(world, meeting)
    after = client.get(f"/api/v1/meetings/{meeting.pk}").json()
    item = after["items"][0]
    assert after["internal"] and item["title"] == SECRET and item["kind"] == "DISCUSSION"
    assert item["description"] == "Forhandlingsposisjon for kommunen."
    secretary = as_user(world.secretary).get(f"/api/v1/meetings/{meeting.pk}").json()
    assert secretary["items"][0]["title"] == SECRET


def test_meetings_outside_the_public_answer_404_to_outsiders(world: World) -> None:
    planned = plan_meeting(world, DAY)
    add_item(world, planned)
    private = public_meeting(world, DAY + datetime.timedelta(days=7), is_open=False)
    for meeting in (planned, private):
        url = f"/api/v1/meetings/{meeting.pk}"
        for client in (anonymous(), as_user(world.outsider), as_user(world.stranger)):
            assert client.get(url).status_code == 404
        assert as_user(world.member).get(url).status_code == 200
    assert anonymous().get("/api/v1/meetings/999999").status_code == 404


def test_tokens_are_read_and_a_wrong_token_is_refused(world: World) -> None:
    planned = plan_meeting(world, DAY)
    raw = ApiToken.new_raw()
    ApiToken.objects.create(user=world.member, name="t", token_hash=hash_token(raw), hint=raw[:8])
    with_token = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert ids(listing(with_token, world)) == [planned.pk]
    wrong = Client(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert wrong.get("/api/v1/meetings").status_code == 401


def test_an_unknown_municipality_answers_404(world: World) -> None:
    response = anonymous().get("/api/v1/meetings", {"kommune": "000000000"})
    assert response.status_code == 404


@pytest.mark.parametrize("reader", ["anonymous", "member"])
def test_the_lists_query_count_does_not_grow_with_the_meetings(world: World, reader: str) -> None:
    def count_queries() -> int:
        client = anonymous() if reader == "anonymous" else as_user(world.member)
        with CaptureQueriesContext(connection) as queries:
            page = listing(client, world)
        assert page["count"] == Meeting.objects.count()
        return len(queries.captured_queries)

    for n in range(3):
        public_meeting(world, DAY + datetime.timedelta(days=n))
    few = count_queries()
    for n in range(3, 30):
        public_meeting(world, DAY + datetime.timedelta(days=n))
    assert count_queries() == few
