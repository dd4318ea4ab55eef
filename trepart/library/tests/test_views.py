"""The library's pages: what a visitor, an employee, an editor and another municipality's
user see; older versions readable; the comparison; a non-public document a 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from trepart.library.models import DocumentVersion
from trepart.library.tests.world import build_library_world, upload

pytestmark = pytest.mark.django_db


def _get(client: Client, name: str, *args: int, user: Any = None, **query: str) -> Any:
    if user is not None:
        client.force_login(user)
    return client.get(reverse(f"library:{name}", args=args), query)


def test_visitor_reads_the_public_agreement_in_force_without_login(client: Client) -> None:
    world = build_library_world()
    response = _get(client, "document-detail", world.agreement.pk)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Version in force: version 2" in body
    assert "tillitsvalgte og verneombud" in body
    assert "Utkast: nytt avsnitt" not in body
    # Employees are not named on public pages; the politician who proposed v1 is.
    assert world.union_rep.person.last_name not in body


def test_visitor_gets_404_for_an_internal_document_and_a_draft(client: Client) -> None:
    world = build_library_world()
    assert _get(client, "document-detail", world.policy.pk).status_code == 404
    assert _get(client, "version-detail", world.draft.pk).status_code == 404
    internal = world.policy.versions.get()
    assert _get(client, "version-detail", internal.pk).status_code == 404


def test_public_list_names_the_municipality_and_lists_only_public_documents(
    client: Client,
) -> None:
    world = build_library_world()
    response = _get(client, "document-list", kommune=world.municipality.organisation_number)
    body = response.content.decode()
    assert "Trepartsavtale" in body
    assert "Arbeidsgiverpolitikk" not in body
    assert "Mandat for LMU" not in body


def test_older_version_is_readable_and_says_it_is_not_in_force(client: Client) -> None:
    world = build_library_world()
    response = _get(client, "version-detail", world.v1.pk)
    assert response.status_code == 200
    assert "This is not the version in force; version 2 is." in response.content.decode()


def test_employee_reads_internal_documents_but_not_drafts(client: Client) -> None:
    world = build_library_world()
    assert _get(client, "document-detail", world.policy.pk, user=world.employee).status_code == 200
    assert _get(client, "version-detail", world.draft.pk).status_code == 404
    listing = _get(client, "document-list").content.decode()
    assert "Arbeidsgiverpolitikk" in listing
    assert "New document" not in listing


def test_editor_sees_the_draft_and_its_actions(client: Client) -> None:
    world = build_library_world()
    response = _get(client, "version-detail", world.draft.pk, user=world.union_rep)
    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("library:version-approve", args=[world.draft.pk]) in body


def test_lmu_member_edits_its_mandate_but_not_the_agreement(client: Client) -> None:
    world = build_library_world()
    client.force_login(world.lmu_leader)
    assert client.get(reverse("library:version-create", args=[world.mandate.pk])).status_code == 200
    assert (
        client.get(reverse("library:version-create", args=[world.agreement.pk])).status_code == 403
    )


def test_another_municipalitys_user_sees_only_public_versions(client: Client) -> None:
    world = build_library_world()
    assert _get(client, "document-detail", world.policy.pk, user=world.stranger).status_code == 404
    assert _get(client, "document-detail", world.agreement.pk).status_code == 200
    assert _get(client, "document-edit", world.agreement.pk).status_code == 404


def test_comparison_marks_added_and_removed_words_in_text(client: Client) -> None:
    world = build_library_world()
    response = _get(client, "version-compare", world.agreement.pk, fra="1", til="2")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Changes from version 1 to version 2" in body
    assert "<ins>" in body and "<del>" in body
    assert "added:" in body and "removed:" in body
    assert "Added paragraph" in body


def test_comparison_refuses_a_version_the_reader_cannot_see(client: Client) -> None:
    world = build_library_world()
    response = _get(
        client, "version-compare", world.agreement.pk, fra="2", til=str(world.draft.number)
    )
    assert response.status_code == 400
    assert "Choose one of the versions listed." in response.content.decode()


def test_the_approval_links_the_meeting_item(client: Client) -> None:
    world = build_library_world()
    body = _get(client, "document-detail", world.agreement.pk).content.decode()
    anchor = reverse("meetings:meeting-detail", args=[world.item.meeting_id])
    assert f"{anchor}#item-{world.item.pk}" in body


def test_body_page_shows_the_documents_governing_it(client: Client) -> None:
    world = build_library_world()
    client.force_login(world.employee)
    body = client.get(reverse("organisation:body-detail", args=[world.lmu.pk])).content.decode()
    assert "Documents governing this body" in body
    assert "Mandat for LMU" in body


def test_editing_an_approved_version_is_not_offered(client: Client) -> None:
    world = build_library_world()
    client.force_login(world.union_rep)
    assert client.get(reverse("library:version-edit", args=[world.v2.pk])).status_code == 404


def test_a_stale_draft_edit_keeps_what_the_user_typed(client: Client) -> None:
    world = build_library_world()
    client.force_login(world.union_rep)
    url = reverse("library:version-edit", args=[world.draft.pk])
    DocumentVersion.objects.filter(pk=world.draft.pk).update(version=5)
    response = client.post(
        url, {"text": "Min tekst som ikke må gå tapt.", "change_note": "", "version": "1"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this while you were editing" in body
    assert "Min tekst som ikke må gå tapt." in body


def test_a_new_version_is_made_through_the_page_and_approved(client: Client) -> None:
    world = build_library_world()
    client.force_login(world.politician)
    response = client.post(
        reverse("library:version-create", args=[world.policy.pk]),
        {"text": "Ny arbeidsgiverpolitikk.", "change_note": "Revidert", "is_public": "on"},
    )
    version = world.policy.versions.get(number=2)
    assert response.status_code == 302
    response = client.post(
        reverse("library:version-approve", args=[version.pk]),
        {
            "body": world.tripartite.pk,
            "item": world.item.pk,
            "approved_on": "2026-02-01",
            "applies_from": "2026-03-01",
            "version": str(version.version),
        },
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == DocumentVersion.Status.APPROVED


def test_feed_lists_only_public_approved_versions(client: Client) -> None:
    world = build_library_world()
    response = client.get(
        reverse("library:feed"), {"kommune": world.municipality.organisation_number}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Trepartsavtale, version 2" in body
    assert "Trepartsavtale, version 1" in body
    assert "version 3" not in body
    assert "Arbeidsgiverpolitikk" not in body
    assert client.get(reverse("library:feed"), {"kommune": "999999999"}).status_code == 404


def test_a_versions_pdf_is_served_to_those_who_may_read_the_version(client: Client) -> None:
    world = build_library_world()
    client.force_login(world.union_rep)
    response = client.post(
        reverse("library:version-edit", args=[world.draft.pk]),
        {"text": "Med fil.", "change_note": "", "version": "1", "upload": upload()},
    )
    assert response.status_code == 302
    client.logout()
    url = reverse("library:version-file", args=[world.draft.pk])
    assert client.get(url).status_code == 404  # a draft: not for visitors
    client.force_login(world.union_rep)
    served = client.get(url)
    assert served.status_code == 200
    assert served["Content-Type"] == "application/pdf"


def test_a_member_creates_a_document_and_a_disguised_pdf_keeps_the_form(client: Client) -> None:
    world = build_library_world()
    client.force_login(world.politician)
    url = reverse("library:document-create")
    fields = {"kind": "VALUES_MANIFESTO", "title": "Verdimanifest", "text": "Vi er åpne."}
    refused = client.post(url, {**fields, "upload": upload("v.pdf", b"GIF89a not a pdf")})
    assert refused.status_code == 200
    assert "its content was checked" in refused.content.decode()
    assert "Vi er åpne." in refused.content.decode()
    made = client.post(url, fields)
    assert made.status_code == 302
    client.force_login(world.employee)
    assert client.get(url).status_code == 403


def test_an_editor_links_and_unlinks_a_body(client: Client) -> None:
    world = build_library_world()
    client.force_login(world.union_rep)
    url = reverse("library:body-link", args=[world.policy.pk])
    assert client.post(url, {"body": world.lmu.pk}).status_code == 302
    again = client.post(url, {"body": world.lmu.pk})
    assert "already linked" in again.content.decode()
    link = world.policy.body_links.get()
    response = client.post(reverse("library:body-unlink", args=[link.pk]))
    assert response.status_code == 302
    assert not world.policy.body_links.exists()
