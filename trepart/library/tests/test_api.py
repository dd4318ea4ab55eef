"""The library in the API: the same rules as the pages — public documents for anyone, the
internal ones for the municipality's people, drafts for editors — and writes that refuse
bad input (400), stale versions (409) and outsiders (403/404)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from trepart.library.models import DocumentVersion
from trepart.library.tests.world import build_library_world

pytestmark = pytest.mark.django_db
API = "/api/v1/library"


def test_visitor_lists_public_documents_of_the_named_municipality(client: Client) -> None:
    world = build_library_world()
    answer = client.get(f"{API}/documents", {"kommune": world.municipality.organisation_number})
    assert answer.status_code == 200
    items = answer.json()["items"]
    assert [item["title"] for item in items] == ["Trepartsavtale"]
    assert items[0]["current"]["number"] == 2
    assert client.get(f"{API}/documents").status_code == 400


def test_visitor_gets_404_for_internal_document_and_draft(client: Client) -> None:
    world = build_library_world()
    assert client.get(f"{API}/documents/{world.policy.pk}").status_code == 404
    assert client.get(f"{API}/versions/{world.draft.pk}").status_code == 404


def test_public_document_hides_employees_names_and_drafts(client: Client) -> None:
    world = build_library_world()
    answer = client.get(f"{API}/documents/{world.agreement.pk}").json()
    numbers = [v["number"] for v in answer["version_list"]]
    assert numbers == [2, 1]
    by_number = {v["number"]: v for v in answer["version_list"]}
    assert by_number[2]["proposed_by"] == ""  # a union representative: an employee
    assert by_number[1]["proposed_by"] != ""  # a politician
    assert by_number[2]["in_force"] is True
    assert by_number[2]["approved_item"]["id"] == world.item.pk


def test_employee_reads_internal_versions_text(client: Client) -> None:
    world = build_library_world()
    client.force_login(world.employee)
    version = world.policy.versions.get()
    answer = client.get(f"{API}/versions/{version.pk}")
    assert answer.status_code == 200
    assert answer.json()["text"] == "Intern arbeidsgiverpolitikk."
    titles = {item["title"] for item in client.get(f"{API}/documents").json()["items"]}
    assert titles == {"Trepartsavtale", "Arbeidsgiverpolitikk", "Mandat for LMU"}


def test_compare_counts_changes_and_refuses_hidden_versions(client: Client) -> None:
    world = build_library_world()
    answer = client.get(f"{API}/documents/{world.agreement.pk}/compare", {"fra": 1, "til": 2})
    assert answer.status_code == 200
    body = answer.json()
    assert body["added"] >= 1 and body["words_added"] > 0
    hidden = client.get(f"{API}/documents/{world.agreement.pk}/compare", {"fra": 2, "til": 3})
    assert hidden.status_code == 400


def _draft_payload(**fields: Any) -> dict[str, Any]:
    return {"text": "Ny tekst.", "change_note": "", "is_public": True, **fields}


def test_editor_proposes_edits_and_approves_a_draft(client: Client) -> None:
    world = build_library_world()
    client.force_login(world.union_rep)
    made = client.post(
        f"{API}/documents/{world.policy.pk}/versions",
        _draft_payload(),
        content_type="application/json",
    )
    assert made.status_code == 201
    version_id = made.json()["id"]
    edited = client.put(
        f"{API}/versions/{version_id}",
        _draft_payload(text="Bedre tekst.", version=1),
        content_type="application/json",
    )
    assert edited.status_code == 200
    stale = client.put(
        f"{API}/versions/{version_id}",
        _draft_payload(text="Gammel tekst.", version=1),
        content_type="application/json",
    )
    assert stale.status_code == 409
    approved = client.post(
        f"{API}/versions/{version_id}/approve",
        {
            "body_id": world.tripartite.pk,
            "item_id": world.item.pk,
            "approved_on": "2026-02-01",
            "applies_from": "2026-02-01",
            "version": 2,
        },
        content_type="application/json",
    )
    assert approved.status_code == 200, approved.json()
    assert approved.json()["status"] == "APPROVED"


def test_bad_input_is_a_400_with_messages_and_nothing_saved(client: Client) -> None:
    world = build_library_world()
    client.force_login(world.union_rep)
    empty = client.post(
        f"{API}/documents/{world.policy.pk}/versions",
        _draft_payload(text="   "),
        content_type="application/json",
    )
    assert empty.status_code == 400
    assert "text" in empty.json()["errors"]
    assert world.policy.versions.count() == 1
    lmu_item = world.lmu.pk
    wrong = client.post(
        f"{API}/versions/{world.draft.pk}/approve",
        {
            "body_id": lmu_item,
            "item_id": world.item.pk,
            "approved_on": "2026-02-01",
            "applies_from": "2025-01-01",
            "version": world.draft.version,
        },
        content_type="application/json",
    )
    assert wrong.status_code == 400
    assert set(wrong.json()["errors"]) == {"item_id", "applies_from"}
    world.draft.refresh_from_db()
    assert world.draft.status == DocumentVersion.Status.DRAFT


def test_approved_version_cannot_be_changed_through_the_api(client: Client) -> None:
    world = build_library_world()
    client.force_login(world.union_rep)
    answer = client.put(
        f"{API}/versions/{world.v2.pk}",
        _draft_payload(version=world.v2.version),
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert "cannot be changed" in answer.json()["detail"]


def test_outsiders_cannot_write(client: Client) -> None:
    world = build_library_world()
    client.force_login(world.employee)
    refused = client.post(
        f"{API}/documents/{world.policy.pk}/versions",
        _draft_payload(),
        content_type="application/json",
    )
    assert refused.status_code == 403
    client.force_login(world.stranger)
    hidden = client.post(
        f"{API}/documents/{world.agreement.pk}/versions",
        _draft_payload(),
        content_type="application/json",
    )
    assert hidden.status_code == 404
