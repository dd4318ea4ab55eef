"""Sending an analysis to a meeting: a frozen snapshot on a new agenda item, end to end."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pypdf
import pytest
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from trepart.analysis.models import FactorResult
from trepart.analysis.services.snapshots import meetings_for_snapshot, snapshot_send
from trepart.analysis.tests.factors_world import FactorWorld, build_factor_world
from trepart.audit.models import AuditEntry
from trepart.meetings import selectors, services
from trepart.meetings.models import AgendaItem, Meeting
from trepart.meetings.tests.world import World, build_world, plan_meeting
from trepart.platform.snapshots import sources

pytestmark = pytest.mark.django_db

SEND = "analysis:snapshot-send"


@pytest.fixture
def world() -> World:
    return build_world()


@pytest.fixture
def factors(world: World) -> FactorWorld:
    return build_factor_world(world.municipality)


@pytest.fixture
def meeting(world: World) -> Meeting:
    return plan_meeting(world, timezone.localdate() + datetime.timedelta(days=14))


def client_for(user: Any = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def send(user: Any, meeting: Meeting, unit: Any, **extra: Any) -> Any:
    data = {
        "key": "factor-profile",
        "param-unit": str(unit.pk),
        "param-year": "2026",
        "meeting": str(meeting.pk),
        "title": "10-FAKTOR for skolen",
        "kind": "DISCUSSION",
        **extra,
    }
    return client_for(user).post(reverse(SEND), data)


def test_the_button_carries_the_view_to_the_form(
    world: World, factors: FactorWorld, meeting: Meeting
) -> None:
    page = client_for(world.secretary).get(
        reverse("analysis:factors"), {"unit": factors.school.pk, "year": 2026}
    )
    body = page.content.decode()
    assert f'action="{reverse(SEND)}"' in body
    assert f'name="param-unit" value="{factors.school.pk}"' in body
    form = client_for(world.secretary).get(
        reverse(SEND),
        {"key": "factor-profile", "param-unit": str(factors.school.pk), "param-year": "2026"},
    )
    assert form.status_code == 200
    assert form.context["form"]["title"].value() == "10-FAKTOR: Faktorvik skole, 2026"
    assert form.context["form"]["kind"].value() == "DISCUSSION"
    assert [m.pk for m in form.context["meetings"]] == [meeting.pk]
    assert "scored highest on Prosocial motivation" in form.content.decode()


def test_the_button_shows_only_to_those_who_may_send(
    world: World, factors: FactorWorld, meeting: Meeting
) -> None:
    params = {"unit": factors.school.pk, "year": 2026}
    for user, shown in ((world.secretary, True), (world.lmu_chair, True), (world.member, False)):
        page = client_for(user).get(reverse("analysis:factors"), params).content.decode()
        assert (f'action="{reverse(SEND)}"' in page) is shown
        assert ("Send to a meeting" in page) is shown
    form = client_for(world.member).get(reverse(SEND), {"key": "factor-profile"})
    assert form.status_code == 403


def test_only_upcoming_meetings_of_bodies_one_prepares(
    world: World, factors: FactorWorld, meeting: Meeting
) -> None:
    past = plan_meeting(world, timezone.localdate() - datetime.timedelta(days=3))
    cancelled = plan_meeting(world, timezone.localdate() + datetime.timedelta(days=20))
    services.meeting_cancel(actor=world.secretary, meeting=cancelled, version=cancelled.version)
    lmu = plan_meeting(world, timezone.localdate() + datetime.timedelta(days=5), body=world.lmu)
    assert list(meetings_for_snapshot(user=world.secretary)) == [meeting]
    assert list(meetings_for_snapshot(user=world.lmu_chair)) == [lmu]
    assert list(meetings_for_snapshot(user=world.member)) == []
    assert past not in meetings_for_snapshot(user=world.admin)


def test_snapshot_goes_on_the_agenda_frozen(
    world: World, factors: FactorWorld, meeting: Meeting
) -> None:
    response = send(world.secretary, meeting, factors.school)
    item = AgendaItem.objects.get(meeting=meeting)
    assert response.status_code == 302
    assert response["Location"].endswith(
        f"{reverse('meetings:meeting-detail', args=[meeting.pk])}#item-{item.pk}"
    )
    assert item.kind == "DISCUSSION"
    assert item.title == "10-FAKTOR for skolen"
    assert item.number == 1
    assert item.snapshot is not None and item.snapshot["type"] == "analysis"
    assert item.snapshot["key"] == "factor-profile"
    created = AuditEntry.objects.get(
        action="CREATE", object_type="meetings.AgendaItem", object_id=str(item.pk)
    )
    assert "factor-profile" in str(created.changes)  # the snapshot is in the record
    table = item.snapshot["charts"][0]["table"]
    assert table["rows"][0][1] == "4.4"
    # The table of units keeps the school's sector chain, not the other sectors.
    units = [row[0] for row in item.snapshot["tables"][1]["rows"]]
    assert units == ["Oppvekst", "– Faktorvik skole", "Eikvik kommune"]

    # The data change later: the item still shows what the members saw.
    FactorResult.objects.filter(unit=factors.school, year=2026).update(average=1.5)
    page = client_for(world.secretary).get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    body = page.content.decode()
    assert "scored highest on Prosocial motivation (nyttemotivasjon), at 4.7" in body
    assert '<td class="trepart-number">4.4</td>' in body
    assert "1.5" not in body
    api = client_for(world.secretary).get(f"/api/v1/meetings/{meeting.pk}").json()
    (listed,) = [entry for entry in api["items"] if entry["id"] == item.pk]
    assert listed["analysis"]["key"] == "factor-profile"
    assert listed["result_report"] is None
    fresh = client_for(world.secretary).get(
        reverse("analysis:factors"), {"unit": factors.school.pk, "year": 2026}
    )
    assert "1.5" in fresh.content.decode()


def test_late_item_after_publication_is_marked_and_numbered(
    world: World, factors: FactorWorld, meeting: Meeting
) -> None:
    services.item_add(actor=world.secretary, meeting=meeting, kind="ORIENTATION", title="Først")
    meeting.refresh_from_db()
    services.meeting_publish_agenda(actor=world.secretary, meeting=meeting, version=meeting.version)
    send(world.secretary, meeting, factors.school, kind="ORIENTATION")
    item = AgendaItem.objects.get(meeting=meeting, title="10-FAKTOR for skolen")
    assert item.added_late
    assert item.number == 2
    assert item.kind == "ORIENTATION"


def test_pdf_notice_shows_the_chart_as_svg(
    world: World, factors: FactorWorld, meeting: Meeting
) -> None:
    send(world.secretary, meeting, factors.school)
    items = selectors.agenda(meeting, internal=True)
    html = render_to_string(
        "meetings/pdf/notice.html",
        {"meeting": meeting, "items": items, "internal": True, "title": "x", "language": "en"},
    )
    assert "<svg" in html
    assert "Average (1–5)" in html  # the axis title, drawn in the SVG
    response = client_for(world.secretary).get(reverse("meetings:notice-pdf", args=[meeting.pk]))
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "scored highest on Prosocial motivation" in " ".join(text.split())


def test_closed_item_keeps_its_snapshot_from_visitors(
    world: World, factors: FactorWorld, meeting: Meeting
) -> None:
    send(world.secretary, meeting, factors.school)
    item = AgendaItem.objects.get(meeting=meeting)
    services.item_update(
        actor=world.secretary,
        item=item,
        version=item.version,
        kind=item.kind,
        title=item.title,
        closed=True,
        legal_basis="OFFL_23",
    )
    meeting.refresh_from_db()
    services.meeting_publish_agenda(actor=world.secretary, meeting=meeting, version=meeting.version)
    public = selectors.agenda(meeting, internal=False)
    assert public[0].snapshot is None
    for visitor in (None, world.outsider):
        body = (
            client_for(visitor)
            .get(reverse("meetings:meeting-detail", args=[meeting.pk]))
            .content.decode()
        )
        assert "Prosocial motivation" not in body
        assert "10-FAKTOR" not in body
        pdf = client_for(visitor).get(reverse("meetings:notice-pdf", args=[meeting.pk]))
        text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
        assert "Prosocial" not in text
        api = client_for(visitor).get(f"/api/v1/meetings/{meeting.pk}")
        assert api.status_code == 200
        assert "Prosocial" not in api.content.decode()
    member = client_for(world.member).get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert "scored highest on Prosocial motivation" in member.content.decode()


def test_meeting_of_another_municipality_is_not_found(
    world: World, factors: FactorWorld, meeting: Meeting
) -> None:
    other = build_world()
    foreign = plan_meeting(other, timezone.localdate() + datetime.timedelta(days=9))
    response = send(world.secretary, foreign, factors.school)
    assert response.status_code == 404
    assert not AgendaItem.objects.exists()


def test_who_may_not_prepare_the_meeting_is_refused(
    world: World, factors: FactorWorld, meeting: Meeting
) -> None:
    assert send(world.member, meeting, factors.school).status_code == 403
    assert send(world.lmu_chair, meeting, factors.school).status_code == 403
    assert not AgendaItem.objects.exists()
    with pytest.raises(PermissionDenied):
        snapshot_send(
            actor=world.outsider,
            key="factor-profile",
            params={},
            meeting=meeting,
            title="x",
        )


def test_held_or_cancelled_meeting_is_refused(
    world: World, factors: FactorWorld, meeting: Meeting
) -> None:
    services.meeting_cancel(actor=world.secretary, meeting=meeting, version=meeting.version)
    response = send(world.secretary, meeting, factors.school)
    assert response.status_code == 200
    assert "still to be held" in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_unknown_analysis_and_visitors(world: World, factors: FactorWorld) -> None:
    assert client_for(world.secretary).get(reverse(SEND), {"key": "nope"}).status_code == 404
    assert client_for().get(reverse(SEND), {"key": "factor-profile"}).status_code == 302


def test_snapshot_never_shows_a_hidden_unit(
    world: World, factors: FactorWorld, meeting: Meeting
) -> None:
    send(world.secretary, meeting, factors.small)
    frozen = AgendaItem.objects.get(meeting=meeting).snapshot
    assert frozen is not None
    assert frozen["charts"] == []
    text = repr(frozen)
    assert "2.3" not in text
    assert "hidden" in text


def test_the_analyses_register_their_sources_with_the_platform() -> None:
    # Registered through analysis/snapshot_sources.py, which the platform autodiscovers.
    assert {"survey-results", "absence-dashboard", "factor-profile"} <= set(sources())
