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
