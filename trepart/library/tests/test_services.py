"""The library's writes: drafts numbered in turn, drafts edited with their version, an
approved version never changed, approval checked, older versions superseded, PDFs checked
by their content — and nothing half-saved when input is refused."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from trepart.audit.writes import ConcurrentEditError
from trepart.library import services
from trepart.library.models import BodyDocument, Document, DocumentKind, DocumentVersion
from trepart.library.tests.world import build_library_world, meeting_item, upload
from trepart.organisation.selectors import today
from trepart.organisation.tests.factories import BodyFactory

pytestmark = pytest.mark.django_db
Status = DocumentVersion.Status


def test_document_create_makes_a_first_draft_with_its_pdf() -> None:
    world = build_library_world()
    document = services.document_create(
        actor=world.admin,
        municipality=world.municipality,
        kind=DocumentKind.VALUES_MANIFESTO,
        title="Verdimanifest",
        text="Vi er åpne.\n\nVi er modige.",
        is_public=True,
        upload=upload(),
    )
    version = document.versions.get()
    assert (version.number, version.status, version.is_public) == (1, Status.DRAFT, True)
    assert version.file.content_type == "application/pdf"


def test_a_file_disguised_as_a_pdf_is_refused_and_nothing_is_saved() -> None:
    world = build_library_world()
    before = Document.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.document_create(
            actor=world.admin,
            municipality=world.municipality,
            kind=DocumentKind.PLAN,
            title="Kommunedelplan",
            text="Tekst.",
            upload=upload("plan.pdf", b"MZ\x90\x00 not a pdf at all"),
        )
    assert "upload" in refused.value.message_dict
    assert "content was checked" in " ".join(refused.value.message_dict["upload"])
    assert Document.objects.count() == before


def test_empty_title_and_text_are_refused_with_messages() -> None:
    world = build_library_world()
    with pytest.raises(ValidationError) as refused:
        services.document_create(
            actor=world.admin, municipality=world.municipality, kind="NONSENSE", title=" ", text=""
        )
    assert set(refused.value.message_dict) == {"kind", "title"}
    with pytest.raises(ValidationError) as refused:
        services.version_draft(actor=world.admin, document=world.agreement, text="  ")
    assert "text" in refused.value.message_dict


def test_drafts_are_numbered_after_the_last_version() -> None:
    world = build_library_world()
    version = services.version_draft(actor=world.admin, document=world.agreement, text="Ny.")
    assert version.number == 4


def test_a_draft_is_edited_with_its_version_and_a_stale_edit_is_refused() -> None:
    world = build_library_world()
    opened = world.draft.version
    edited = services.version_edit(
        actor=world.admin,
        document_version=world.draft,
        version=opened,
        text="Første endring.",
        change_note="Nytt avsnitt",
        proposed_by=None,
        is_public=True,
    )
    assert edited.text == "Første endring."
    with pytest.raises(ConcurrentEditError):
        services.version_edit(
            actor=world.union_rep,
            document_version=world.draft,
            version=opened,
            text="Andre endring.",
            change_note="",
            proposed_by=None,
            is_public=True,
        )
    world.draft.refresh_from_db()
    assert world.draft.text == "Første endring."


def test_an_approved_version_is_never_changed() -> None:
    world = build_library_world()
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.version_edit(
            actor=world.admin,
            document_version=world.v2,
            version=world.v2.version,
            text="Endret i ettertid.",
            change_note="",
            proposed_by=None,
            is_public=True,
        )
    world.v2.refresh_from_db()
    assert world.v2.text.startswith("# Formål")
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.version_approve(
            actor=world.admin,
            document_version=world.v2,
            version=world.v2.version,
            body=world.tripartite,
            item=None,
            approved_on=today(),
            applies_from=today(),
        )


def test_approval_records_body_item_and_date_and_supersedes_the_one_in_force() -> None:
    world = build_library_world()
    item = meeting_item(world.tripartite, today(), "Trepartsavtale 2027", number=7)
    approved = services.version_approve(
        actor=world.admin,
        document_version=world.draft,
        version=world.draft.version,
        body=world.tripartite,
        item=item,
        approved_on=today(),
        applies_from=today(),
    )
    assert (approved.status, approved.approved_by, approved.approved_item) == (
        Status.APPROVED,
        world.tripartite,
        item,
    )
    world.v2.refresh_from_db()
    assert world.v2.status == Status.SUPERSEDED


def test_a_version_approved_for_later_leaves_the_current_one_until_the_day() -> None:
    world = build_library_world()
    later = today() + datetime.timedelta(days=30)
    services.version_approve(
        actor=world.admin,
        document_version=world.draft,
        version=world.draft.version,
        body=world.tripartite,
        item=None,
        approved_on=today(),
        applies_from=later,
    )
    world.v2.refresh_from_db()
    assert world.v2.status == Status.APPROVED
    assert services.versions_supersede(later - datetime.timedelta(days=1)) == {"superseded": 0}
    assert services.versions_supersede(later) == {"superseded": 1}
    world.v2.refresh_from_db()
    assert world.v2.status == Status.SUPERSEDED


def test_approval_checks_body_item_and_dates() -> None:
    world = build_library_world()
    other_item = meeting_item(world.lmu, today(), "Noe annet")
    foreign = BodyFactory.create()
    with pytest.raises(ValidationError) as refused:
        services.version_approve(
            actor=world.admin,
            document_version=world.draft,
            version=world.draft.version,
            body=foreign,
            item=other_item,
            approved_on=today(),
            applies_from=datetime.date(2025, 1, 1),
        )
    assert set(refused.value.message_dict) == {"body", "item", "applies_from"}
    world.draft.refresh_from_db()
    assert world.draft.status == Status.DRAFT


def test_body_link_is_made_once_and_only_within_the_municipality() -> None:
    world = build_library_world()
    services.body_document_link(actor=world.admin, body=world.lmu, document=world.agreement)
    with pytest.raises(ValidationError, match="already linked"):
        services.body_document_link(actor=world.admin, body=world.lmu, document=world.agreement)
    with pytest.raises(ValidationError, match="different municipalities"):
        services.body_document_link(
            actor=world.admin, body=BodyFactory.create(), document=world.agreement
        )
    link = BodyDocument.objects.get(body=world.lmu, document=world.agreement)
    services.body_document_unlink(actor=world.admin, link=link)
    assert not BodyDocument.objects.filter(pk=link.pk).exists()


def test_document_edit_refuses_a_stale_version() -> None:
    world = build_library_world()
    services.document_edit(
        actor=world.admin,
        document=world.agreement,
        version=1,
        kind=DocumentKind.TRIPARTITE_AGREEMENT,
        title="Trepartsavtalen",
        summary="",
    )
    with pytest.raises(ConcurrentEditError):
        services.document_edit(
            actor=world.admin,
            document=world.agreement,
            version=1,
            kind=DocumentKind.TRIPARTITE_AGREEMENT,
            title="Noe annet",
            summary="",
        )
