"""The notice of meeting and the minutes as PDF/UA, read back with pypdf."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pypdf
import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from trepart.meetings import pdf
from trepart.meetings.tests.portal_world import (
    AFTER_MEETING,
    CLOSED_TITLE,
    OPEN_DOCUMENT,
    OPEN_TITLE,
    SECRET_DISCUSSION,
    TODAY,
    minutes_published,
    published_meeting,
)
from trepart.meetings.tests.world import World, at, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(at(TODAY, 12), tick=False):
        yield


@pytest.fixture
def world() -> World:
    return build_world()


def client_for(user: Any = None, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return client


def read(response: Any) -> pypdf.PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pypdf.PdfReader(io.BytesIO(response.content))


def catalog(reader: pypdf.PdfReader) -> Any:
    """The document catalogue (/Root), where PDF/UA's marks live."""
    return reader.trailer["/Root"]


def text_of(reader: pypdf.PdfReader) -> str:
    # Extraction may break lines anywhere: compare on words joined by single spaces.
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def notice(meeting: Any, user: Any = None, language: str = "en") -> pypdf.PdfReader:
    url = reverse("meetings:notice-pdf", args=[meeting.pk])
    return read(client_for(user, language).get(url))


def minutes(meeting: Any, user: Any = None) -> Any:
    return client_for(user).get(reverse("meetings:minutes-pdf", args=[meeting.pk]))


def test_the_notice_lists_the_agenda_with_case_numbers(world: World) -> None:
    published = published_meeting(world)
    text = text_of(notice(published.meeting))
    assert "Notice of meeting – Trepartsutvalget" in text
    assert "Kommunestyresalen" in text and "Thursday Dec. 10, 2026, 6 p.m.–8 p.m." in text
    assert f"{published.open_item.case_number} {OPEN_TITLE}" in text
    assert OPEN_DOCUMENT in text
    assert f"{published.closed_item.case_number} Exempt from public access, offl. § 23" in text


def test_norwegian_letters_survive_in_the_pdf(world: World) -> None:
    published_meeting(world, with_closed=False)
    meeting = published_meeting(world, with_closed=False).meeting
    text = text_of(notice(meeting))
    assert "Ærfuglvågen" in text and "Øvre Åsen" in text
    assert "æ" in text.lower() and "ø" in text.lower() and "å" in text.lower()


def test_the_notice_is_tagged_pdf_ua_with_title_and_language(world: World) -> None:
    meeting = published_meeting(world, with_closed=False).meeting
    reader = notice(meeting)
    root = catalog(reader)
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"
    assert reader.metadata is not None
    assert reader.metadata.title == "Notice of meeting: Trepartsutvalget, Dec. 10, 2026"
    # The document title, not the file name, is what a reader shows (PDF/UA).
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "pdfuaid:part" in xmp


def test_the_notice_is_in_the_readers_language(world: World) -> None:
    meeting = published_meeting(world, with_closed=False).meeting
    reader = notice(meeting, language="nb")
    assert catalog(reader)["/Lang"] == "nb"


def test_members_read_the_real_title_of_a_closed_item(world: World) -> None:
    published = published_meeting(world)
    text = text_of(notice(published.meeting, world.member))
    assert f"{published.closed_item.case_number} {CLOSED_TITLE}" in text
    assert "Offentleglova § 23" in text


def test_a_notice_of_an_unpublished_meeting_is_not_for_the_public(world: World) -> None:
    from trepart.meetings.tests.world import add_item, plan_meeting

    meeting = plan_meeting(world, TODAY.replace(day=28))
    add_item(world, meeting)
    response = client_for().get(reverse("meetings:notice-pdf", args=[meeting.pk]))
    assert response.status_code == 404
    text = text_of(notice(meeting, world.secretary))
    assert "Draft: the agenda has not been published yet." in text


def test_minutes_are_a_pdf_once_published(world: World) -> None:
    published = published_meeting(world)
    assert minutes(published.meeting).status_code == 404
    minutes_published(world, published)
    with time_machine.travel(at(AFTER_MEETING, 12), tick=False):
        reader = read(minutes(published.meeting))
    text = text_of(reader)
    assert "Minutes – Trepartsutvalget" in text
    assert "Partene drøftet budsjettet grundig." in text
    assert "Per Politiker" in text and "Present" in text
    assert "Approved by" in text
    assert "/StructTreeRoot" in catalog(reader)
    assert reader.metadata is not None and str(reader.metadata.title).startswith("Minutes:")


def test_the_body_reads_the_whole_minutes_the_public_the_open_part(world: World) -> None:
    published = published_meeting(world)
    minutes_published(world, published)
    with time_machine.travel(at(AFTER_MEETING, 12), tick=False):
        inside = text_of(read(minutes(published.meeting, world.member)))
        outside = text_of(read(minutes(published.meeting)))
    assert SECRET_DISCUSSION in inside and CLOSED_TITLE in inside
    assert SECRET_DISCUSSION not in outside and CLOSED_TITLE not in outside


def test_draft_minutes_are_for_the_body_only(world: World) -> None:
    from trepart.meetings import services

    published = published_meeting(world)
    services.minutes_start(actor=world.secretary, meeting=published.meeting)
    assert minutes(published.meeting).status_code == 404
    assert minutes(published.meeting, world.outsider).status_code == 404
    assert minutes(published.meeting, world.member).status_code == 200


def test_rendering_a_pdf_fetches_nothing() -> None:
    fetched: list[str] = []

    refusing = pdf.no_fetching()
    refuse = refusing.fetch

    def recording(url: str, headers: Any = None) -> Any:
        fetched.append(url)
        return refuse(url, headers)

    refusing.fetch = recording

    from weasyprint import HTML

    html = (
        '<html lang="nb"><head><title>T</title>'
        '<link rel="stylesheet" href="http://127.0.0.1:9/x.css"></head>'
        '<body><p>Hei</p><img src="file:///etc/passwd" alt=""></body></html>'
    )
    content = HTML(string=html, url_fetcher=refusing).write_pdf(pdf_variant="pdf/ua-1")
    assert content.startswith(b"%PDF")
    assert fetched == ["http://127.0.0.1:9/x.css", "file:///etc/passwd"]
    assert b"root:" not in content


def _marked_content_ids(page: Any, reader: pypdf.PdfReader) -> set[int]:
    """The MCIDs that the page's content stream opens (``/Tag <</MCID n>> BDC``)."""
    from pypdf.generic import ContentStream

    ids = set()
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"BDC" and isinstance(operands[1], dict) and "/MCID" in operands[1]:
            ids.add(int(operands[1]["/MCID"]))
    return ids


def _walk_structure(reader: pypdf.PdfReader) -> tuple[dict[int, set[int]], list[Any]]:
    """From /StructTreeRoot down: the MCIDs reached per page (by object number) and the
    /TH elements."""
    reached: dict[int, set[int]] = {}
    headers: list[Any] = []
    root = catalog(reader)["/StructTreeRoot"].get_object()
    stack: list[tuple[Any, Any]] = [(root, None)]
    seen: set[int] = set()
    while stack:
        node, page = stack.pop()
        if isinstance(node, pypdf.generic.IndirectObject):
            if node.idnum in seen:
                continue
            seen.add(node.idnum)
            node = node.get_object()
        if isinstance(node, int):  # an MCID on the element's page
            reached.setdefault(page.idnum, set()).add(int(node))
            continue
        if not isinstance(node, dict):
            continue
        page = node.get("/Pg", page)
        if node.get("/Type") == "/MCR":
            reached.setdefault(node.get("/Pg", page).idnum, set()).add(int(node["/MCID"]))
            continue
        if node.get("/S") == "/TH":
            headers.append(node)
        kids = node.get("/K", [])
        kids = kids if isinstance(kids, list) else [kids]
        stack.extend((kid, page) for kid in kids)
    return reached, headers


def assert_structure_complete(reader: pypdf.PdfReader) -> set[str]:
    """PDF/UA-1 (ISO 14289-1 § 7.1): all content is either in the structure tree or an
    artifact, and table headers say what they head (§ 7.5: /Scope). Returns the scopes."""
    reached, headers = _walk_structure(reader)
    for number, page in enumerate(reader.pages, start=1):
        used = _marked_content_ids(page, reader)
        assert used, f"page {number} has no tagged content"
        assert page.indirect_reference is not None
        unreachable = used - reached.get(page.indirect_reference.idnum, set())
        assert not unreachable, f"page {number}: MCIDs {sorted(unreachable)} not in the tree"
    assert headers, "the PDF has no table headers to check"
    found = set()
    for header in headers:
        attributes = header.get("/A")
        attributes = attributes if isinstance(attributes, list) else [attributes]
        scopes = [a.get_object().get("/Scope") for a in attributes if a is not None]
        assert any(scope in ("/Row", "/Column", "/Both") for scope in scopes), header
        found.update(scopes)
    return found


def _artifact_count(reader: pypdf.PdfReader) -> int:
    from pypdf.generic import ContentStream

    count = 0
    for page in reader.pages:
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"BDC" and operands[0] == "/Artifact":
                properties = operands[1]
                count += isinstance(properties, dict) and properties["/Type"] == "/Pagination"
    return count


def test_every_part_of_the_notice_is_in_the_structure_tree_or_an_artifact(world: World) -> None:
    reader = notice(published_meeting(world).meeting)

    assert_structure_complete(reader)
    # The page counter in the margin is still printed, as a pagination artifact.
    assert "1 / 1" in text_of(reader)
    assert _artifact_count(reader) == len(reader.pages)


def test_every_part_of_the_minutes_is_in_the_structure_tree_or_an_artifact(world: World) -> None:
    published = published_meeting(world)
    minutes_published(world, published)
    reader = read(minutes(published.meeting, world.member))

    # The attendance table has a header row and a name heading each row.
    assert assert_structure_complete(reader) == {"/Column", "/Row"}
    assert _artifact_count(reader) == len(reader.pages)
