"""An agenda's documents through the pages: uploads and versions, publication, and opening
documents with the access log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core import mail

from trepart.meetings import services
from trepart.meetings.models import Document, DocumentAccess, Meeting
from trepart.meetings.tests.planning_pages import (
    IN_TIME,
    MEETING_DAY,
    TOO_LATE,
    agenda_with_closed_item,
    anonymous,
    client_for,
    publish,
    text,
    url,
)
from trepart.meetings.tests.world import (
    World,
    add_item,
    build_world,
    plan_meeting,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    built = build_world()
    # Administrators would be sent to set up two-factor sign-in first.
    built.municipality.require_mfa_for_admins = False
    built.municipality.save(update_fields=["require_mfa_for_admins"])
    return built


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[[], Any]:
    return lambda: django_capture_on_commit_callbacks(execute=True)


# ---------------------------------------------------------------------------------------
# Documents


def test_a_document_is_uploaded_with_its_version_and_size(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    item = add_item(world, meeting)
    response = client_for(world.secretary).post(
        url("document-add", item.pk), {"title": "Saksframlegg", "file": upload()}
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert not document.late and document.released_at is None
    page = text(client_for(world.secretary).get(url("meeting-detail", meeting.pk)))
    assert "Saksframlegg" in page and "45\xa0bytes" in page


def test_a_bad_file_gets_the_services_message_and_keeps_the_title(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    item = add_item(world, meeting)
    response = client_for(world.secretary).post(
        url("document-add", item.pk),
        {"title": "Budsjettnotat", "file": upload("notat.pdf", b"just some text")},
    )
    assert response.status_code == 200
    page = text(response)
    assert "is not a PDF, an image or an office document" in page
    assert 'value="Budsjettnotat"' in page
    assert 'href="#id_file"' in page
    assert not Document.objects.exists()


def test_a_new_version_is_listed_with_its_number(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    item = add_item(world, meeting)
    document = services.document_add(
        actor=world.secretary, item=item, title="Saksframlegg", upload=upload()
    )
    response = client_for(world.secretary).post(
        url("document-revise", document.pk), {"file": upload("saksframlegg-v2.pdf")}
    )
    assert response.status_code == 302
    newest = document.versions.get(number=2)
    page = text(client_for(world.secretary).get(url("meeting-detail", meeting.pk)))
    assert url("document-open", newest.pk) in page


def test_a_document_added_after_publication_is_late_and_members_are_told(
    world: World, committed: Callable[[], Any]
) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    item = add_item(world, meeting)
    publish(world, meeting)
    mail.outbox.clear()
    with committed():
        response = client_for(world.secretary).post(
            url("document-add", item.pk), {"title": "Tilleggsnotat", "file": upload()}
        )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.late and document.released_at is not None
    assert len(mail.outbox) == 11
    page = text(client_for(world.member).get(url("meeting-detail", meeting.pk)))
    assert "Tilleggsnotat" in page and ">Late<" in page


# ---------------------------------------------------------------------------------------
# Publication


def test_publishing_asks_for_confirmation_then_releases_everything(
    world: World, committed: Callable[[], Any]
) -> None:
    meeting, _item, _closed = agenda_with_closed_item(world)
    secretary = client_for(world.secretary)
    with time_machine.travel(IN_TIME):
        confirm = secretary.get(url("meeting-publish", meeting.pk))
        assert confirm.status_code == 200
        assert "2 items" in text(confirm) and "2 documents" in text(confirm)
        assert not Meeting.objects.get(pk=meeting.pk).is_published
        with committed():
            response = secretary.post(
                url("meeting-publish", meeting.pk), {"version": meeting.version}
            )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_published and not meeting.released_late
    assert set(Document.objects.values_list("released_at", flat=True)) == {meeting.published_at}
    assert len(mail.outbox) == 11
    page = text(secretary.get(url("meeting-detail", meeting.pk)))
    assert url("meeting-publish", meeting.pk) not in page
    assert "Agenda released late" not in page


def test_a_late_publication_is_flagged_on_the_meeting(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    add_item(world, meeting)
    secretary = client_for(world.secretary)
    with time_machine.travel(TOO_LATE):
        confirm = text(secretary.get(url("meeting-publish", meeting.pk)))
        assert "flagged as released late" in confirm
        response = secretary.post(
            url("meeting-publish", meeting.pk), {"version": meeting.version}, follow=True
        )
    assert Meeting.objects.get(pk=meeting.pk).released_late
    page = text(response)
    assert "The agenda went out after its due date" in page
    assert "The agenda was released late" in page
    public = text(anonymous().get(url("meeting-detail", meeting.pk)))
    assert "Agenda released late" in public


def test_an_empty_agenda_is_not_published(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    response = client_for(world.secretary).post(
        url("meeting-publish", meeting.pk), {"version": meeting.version}
    )
    assert response.status_code == 200
    assert "The agenda has no items yet." in text(response)
    assert not Meeting.objects.get(pk=meeting.pk).is_published


# ---------------------------------------------------------------------------------------
# Opening documents and the access log


def test_opening_a_document_is_logged_and_shown_in_the_access_log(world: World) -> None:
    meeting, item, _closed = agenda_with_closed_item(world)
    publish(world, meeting)
    version = Document.objects.get(item=item).versions.get()
    response = client_for(world.member).get(url("document-open", version.pk))
    assert response.status_code == 200
    assert response.getvalue().startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="saksframlegg.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    client_for(world.member).get(url("document-open", version.pk))
    assert DocumentAccess.objects.filter(user=world.member).count() == 2

    log = client_for(world.chair).get(url("access-log", meeting.pk))
    assert log.status_code == 200
    page = text(log)
    assert "Tor Tillitsvalgt" in page and "(2 times)" in page
    assert "Not opened" in page  # nobody else has opened anything
    assert "Forhandlingsnotat" in page
    assert "opened by 1 of 11" in page
    assert client_for(world.member).get(url("access-log", meeting.pk)).status_code == 403


def test_the_public_reads_public_documents_without_a_trace(world: World) -> None:
    meeting, item, _closed = agenda_with_closed_item(world)
    publish(world, meeting)
    version = Document.objects.get(item=item).versions.get()
    response = anonymous().get(url("document-open", version.pk))
    assert response.status_code == 200
    assert not DocumentAccess.objects.exists()


def test_members_cannot_open_documents_before_publication(world: World) -> None:
    _meeting, item, _closed = agenda_with_closed_item(world)
    version = Document.objects.get(item=item).versions.get()
    assert client_for(world.member).get(url("document-open", version.pk)).status_code == 404
    assert client_for(world.secretary).get(url("document-open", version.pk)).status_code == 200
    assert anonymous().get(url("document-open", version.pk)).status_code == 404
