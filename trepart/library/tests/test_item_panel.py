"""The library's panel under a meeting's agenda items: the versions approved on each item,
as far as the reader may read them (``library.privacy``), never on an item the meetings app
masks, and one query for the whole meeting page however many items there are. The minutes,
on their page and in their PDF (with full addresses), carry the same panel."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pypdf
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from trepart.library.models import DocumentVersion
from trepart.library.panels import item_panel
from trepart.library.tests.world import LibraryWorld, approved, build_library_world
from trepart.meetings import panels
from trepart.meetings.models import AgendaItem, Meeting, Minutes
from trepart.platform.urls import absolute_url

pytestmark = pytest.mark.django_db

HEADING = "Document versions approved on this item"
PUBLIC_LINK = "Trepartsavtale, version 2"
INTERNAL_LINK = "Arbeidsgiverpolitikk, version 2"


def _world(*, closed: bool = False) -> tuple[LibraryWorld, DocumentVersion]:
    """The library's world with its meeting published and open, and an internal version
    of the employer policy approved on the same item as the agreement's version 2."""
    world = build_library_world()
    Meeting.objects.filter(pk=world.item.meeting_id).update(published_at=timezone.now())
    if closed:
        AgendaItem.objects.filter(pk=world.item.pk).update(closed=True, legal_basis="OFFL_23")
    internal = approved(
        world.policy,
        2,
        "Revidert intern arbeidsgiverpolitikk.",
        body=world.tripartite,
        applies_from=datetime.date(2026, 1, 1),
        public=False,
        item=world.item,
    )
    return world, internal


def _page(client: Client, world: LibraryWorld, user: Any = None) -> str:
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("meetings:meeting-detail", args=[world.item.meeting_id]))
    assert response.status_code == 200
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def _version_url(version: DocumentVersion) -> str:
    return reverse("library:version-detail", args=[version.pk])


def test_the_municipality_s_people_see_internal_and_public_versions_on_the_item(
    client: Client,
) -> None:
    world, internal = _world()
    page = _page(client, world, world.employee)
    assert HEADING in page
    assert PUBLIC_LINK in page and _version_url(world.v2) in page
    assert INTERNAL_LINK in page and _version_url(internal) in page
    assert "applies from 1.1.2026" in page
    # Versions approved elsewhere (v1) and drafts are not the item's.
    assert _version_url(world.v1) not in page
    assert _version_url(world.draft) not in page


def test_a_visitor_on_the_public_portal_sees_only_the_public_version(client: Client) -> None:
    world, internal = _world()
    page = _page(client, world)
    assert PUBLIC_LINK in page and _version_url(world.v2) in page
    assert "Arbeidsgiverpolitikk" not in page
    assert _version_url(internal) not in page
    # The link leads somewhere the visitor may go.
    assert client.get(_version_url(world.v2)).status_code == 200


def test_another_municipality_s_user_reads_as_a_visitor(client: Client) -> None:
    world, internal = _world()
    page = _page(client, world, world.stranger)
    assert PUBLIC_LINK in page
    assert _version_url(internal) not in page


def test_an_item_without_approved_versions_has_no_panel(client: Client) -> None:
    world, _internal = _world()
    DocumentVersion.objects.filter(approved_item=world.item).update(approved_item=None)
    assert HEADING not in _page(client, world, world.employee)


@pytest.mark.parametrize("who", ["visitor", "employee"])
def test_a_closed_item_leaks_nothing_to_those_who_may_not_read_it(client: Client, who: str) -> None:
    world, internal = _world(closed=True)
    page = _page(client, world, None if who == "visitor" else world.employee)
    assert "Revidert trepartsavtale" not in page  # the item is masked ...
    assert HEADING not in page  # ... and shows no panel
    for version in (world.v2, internal):
        assert _version_url(version) not in page
    assert "Trepartsavtale" not in page and "Arbeidsgiverpolitikk" not in page


def test_a_member_of_the_body_sees_the_closed_item_s_versions(client: Client) -> None:
    world, _internal = _world(closed=True)
    page = _page(client, world, world.politician)
    assert "Revidert trepartsavtale" in page
    assert PUBLIC_LINK in page and INTERNAL_LINK in page


def _count_page_queries(client: Client, world: LibraryWorld) -> int:
    url = reverse("meetings:meeting-detail", args=[world.item.meeting_id])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_panel_reads_every_item_s_versions_in_one_query(client: Client) -> None:
    world, _internal = _world()
    client.force_login(world.employee)
    one_item = _count_page_queries(client, world)
    meeting = world.item.meeting
    for number in (2, 3, 4):
        item = AgendaItem.objects.create(
            municipality=world.municipality,
            meeting=meeting,
            body=world.tripartite,
            year=2025,
            number=number,
            position=number,
            kind=AgendaItem.Kind.DISCUSSION,
            title=f"Sak {number}",
        )
        approved(
            world.mandate,
            number,
            f"Mandat, versjon {number}.",
            body=world.tripartite,
            applies_from=datetime.date(2026, 1, number),
            item=item,
        )
    page = _page(client, world)
    assert "Mandat for LMU, version 4" in page
    assert _count_page_queries(client, world) == one_item


def test_the_library_registers_its_panel_on_the_meeting_items() -> None:
    ours = [panel for panel in panels.ITEM_PANELS if panel.context is item_panel]
    assert [panel.template for panel in ours] == ["library/partials/_item_panel.html"]


def _published_minutes(world: LibraryWorld) -> int:
    meeting = world.item.meeting
    Minutes.objects.create(
        municipality=world.municipality,
        meeting=meeting,
        status=Minutes.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    return meeting.pk


def _pdf(client: Client, meeting: int) -> tuple[str, list[str]]:
    """The minutes PDF's text (words joined by single spaces) and the addresses it links to."""
    response = client.get(reverse("meetings:minutes-pdf", args=[meeting]))
    assert response.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())
    links = [
        str(annotation.get_object()["/A"]["/URI"])
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object()
    ]
    return text, links


def test_the_minutes_and_their_pdf_show_the_versions_approved_on_an_item(client: Client) -> None:
    world, internal = _world()
    meeting = _published_minutes(world)
    client.force_login(world.employee)
    page = client.get(reverse("meetings:minutes-detail", args=[meeting])).content.decode()
    assert HEADING in page
    assert _version_url(world.v2) in page and _version_url(internal) in page
    text, links = _pdf(client, meeting)
    assert HEADING in text
    assert PUBLIC_LINK in text and INTERNAL_LINK in text
    # On paper or passed on, the links lead to the site itself.
    assert absolute_url(_version_url(world.v2)) in links
    assert absolute_url(_version_url(internal)) in links


def test_the_public_minutes_show_a_visitor_only_the_public_version(client: Client) -> None:
    world, internal = _world()
    meeting = _published_minutes(world)
    page = client.get(reverse("meetings:minutes-detail", args=[meeting])).content.decode()
    assert _version_url(world.v2) in page and _version_url(internal) not in page
    text, links = _pdf(client, meeting)
    assert PUBLIC_LINK in text and "Arbeidsgiverpolitikk" not in text
    assert absolute_url(_version_url(internal)) not in links


def test_the_minutes_of_a_closed_item_show_its_versions_to_no_outsider(client: Client) -> None:
    world, internal = _world(closed=True)
    meeting = _published_minutes(world)
    for user in (None, world.employee):
        if user is not None:
            client.force_login(user)
        page = client.get(reverse("meetings:minutes-detail", args=[meeting])).content.decode()
        text, links = _pdf(client, meeting)
        for shown in (page, text):
            assert HEADING not in shown
            assert "Trepartsavtale" not in shown and "Arbeidsgiverpolitikk" not in shown
        for version in (world.v2, internal):
            assert _version_url(version) not in page
            assert absolute_url(_version_url(version)) not in links
    client.force_login(world.politician)
    text, _links = _pdf(client, meeting)
    assert PUBLIC_LINK in text and INTERNAL_LINK in text
