"""Grants: the default amount and the year's setting, spending within the balance with
receipts checked by content, the report and its approval, and the daily reminder."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from trepart.community.models import Grant, Receipt, Spending
from trepart.community.services.grants import (
    grant_approve,
    grant_ensure,
    grant_report_submit,
    grant_reports_remind,
    grant_year_set,
    spending_add,
)
from trepart.community.tests.world import build_committee_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    """Pages in English, whatever the municipality's or the site's default language."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
DAY = datetime.date(2025, 3, 1)


def test_a_grant_is_50000_kr_unless_the_year_says_otherwise() -> None:
    world = build_committee_world()
    grant = grant_ensure(committee=world.committee, year=2024)
    assert grant.amount == 50_000
    assert grant.report_deadline == datetime.date(2025, 2, 1)
    grant_year_set(
        actor=world.users["admin"],
        year=2025,
        default_amount=60_000,
        report_deadline=datetime.date(2026, 1, 15),
    )
    later = grant_ensure(committee=world.committee, year=2025)
    assert later.amount == 60_000
    assert later.report_deadline == datetime.date(2026, 1, 15)
    assert grant_ensure(committee=world.committee, year=2025).pk == later.pk


def test_only_an_administrator_sets_the_year() -> None:
    world = build_committee_world()
    with pytest.raises(PermissionDenied):
        grant_year_set(
            actor=world.users["chair"],
            year=2025,
            default_amount=1,
            report_deadline=datetime.date(2026, 1, 1),
        )


def test_spending_over_the_balance_is_refused_and_nothing_is_saved() -> None:
    world = build_committee_world()
    grant = grant_ensure(committee=world.committee, year=2024)
    spending_add(
        actor=world.users["chair"], grant=grant, spent_on=DAY, what="Benker", amount=45_000
    )
    with pytest.raises(ValidationError) as refused:
        spending_add(
            actor=world.users["chair"],
            grant=grant,
            spent_on=DAY,
            what="Maling",
            amount=6_000,
            receipts=[SimpleUploadedFile("kvittering.pdf", PDF)],
        )
    assert "more than the balance" in str(refused.value)
    grant.refresh_from_db()
    assert grant.spent == 45_000 and grant.balance == 5_000
    assert Spending.objects.count() == 1
    assert not Receipt.objects.exists()


def test_a_receipt_disguised_as_a_pdf_is_refused(client: Client) -> None:
    world = build_committee_world()
    grant = grant_ensure(committee=world.committee, year=2024)
    client.force_login(world.users["member"])
    response = client.post(
        f"/utvalg/tilskudd/{grant.pk}/",
        {
            "action": "spending",
            "spent_on": "2025-02-10",
            "what": "Grus til stien",
            "amount": "2500",
            "receipts": SimpleUploadedFile("kvittering.pdf", b"MZ\x90\x00 not a pdf at all"),
        },
    )
    assert response.status_code == 200
    assert "its content" in response.content.decode()
    assert not Spending.objects.exists()
    grant.refresh_from_db()
    assert grant.spent == 0


def test_spending_with_a_receipt_is_kept_and_the_receipt_served_to_members(client: Client) -> None:
    world = build_committee_world()
    grant = grant_ensure(committee=world.committee, year=2024)
    client.force_login(world.users["member"])
    response = client.post(
        f"/utvalg/tilskudd/{grant.pk}/",
        {
            "action": "spending",
            "spent_on": "2025-02-10",
            "what": "Grus til stien",
            "amount": "2500",
            "receipts": SimpleUploadedFile("kvittering.pdf", PDF),
        },
    )
    assert response.status_code == 302
    receipt = Receipt.objects.get()
    assert receipt.content_type == "application/pdf"
    assert client.get(f"/utvalg/kvittering/{receipt.pk}/").status_code == 200
    client.force_login(world.users["other"])
    assert client.get(f"/utvalg/kvittering/{receipt.pk}/").status_code == 403
    client.force_login(world.users["stranger"])
    assert client.get(f"/utvalg/kvittering/{receipt.pk}/").status_code == 404


def test_negative_spending_is_refused() -> None:
    world = build_committee_world()
    grant = grant_ensure(committee=world.committee, year=2024)
    with pytest.raises(ValidationError):
        spending_add(actor=world.users["chair"], grant=grant, spent_on=DAY, what="X", amount=-5)
    assert not Spending.objects.exists()


def test_the_contact_approves_the_report_and_then_the_grant_is_closed() -> None:
    world = build_committee_world()
    grant = grant_ensure(committee=world.committee, year=2024)
    with pytest.raises(ValidationError):
        grant_approve(actor=world.users["contact"], grant=grant, version=grant.version)
    grant = grant_report_submit(
        actor=world.users["chair"],
        grant=grant,
        version=grant.version,
        report="Pengene gikk til benker og grus langs elva.",
    )
    with pytest.raises(PermissionDenied):
        grant_approve(actor=world.users["chair"], grant=grant, version=grant.version)
    grant = grant_approve(actor=world.users["contact"], grant=grant, version=grant.version)
    assert grant.approved_by == world.users["contact"].person
    with pytest.raises(ValidationError):
        spending_add(actor=world.users["chair"], grant=grant, spent_on=DAY, what="X", amount=5)


def test_a_stale_plan_is_refused_and_keeps_what_was_typed(client: Client) -> None:
    world = build_committee_world()
    grant = grant_ensure(committee=world.committee, year=2024)
    client.force_login(world.users["chair"])
    client.post(
        f"/utvalg/tilskudd/{grant.pk}/",
        {"action": "plan", "plan": "Første plan", "version": grant.version},
    )
    response = client.post(
        f"/utvalg/tilskudd/{grant.pk}/",
        {"action": "plan", "plan": "Min egen plan", "version": grant.version},
    )
    assert response.status_code == 409
    assert "Min egen plan" in response.content.decode()
    assert Grant.objects.get(pk=grant.pk).plan == "Første plan"


def test_a_committee_past_its_deadline_is_reminded_once_a_week() -> None:
    world = build_committee_world()
    late = grant_ensure(committee=world.committee, year=2024)
    reported = grant_ensure(committee=world.other_committee, year=2024)
    grant_report_submit(
        actor=world.users["other"],
        grant=reported,
        version=reported.version,
        report="Alt brukt på dugnadsmat og utstyr.",
    )
    mail.outbox.clear()
    counts = grant_reports_remind(datetime.date(2025, 2, 2))
    assert counts["reminded"] == 1 and counts["messages"] == 3
    assert Grant.objects.get(pk=late.pk).reminded_on == datetime.date(2025, 2, 2)
    assert grant_reports_remind(datetime.date(2025, 2, 5))["reminded"] == 0
    assert grant_reports_remind(datetime.date(2025, 2, 9))["reminded"] == 1
    assert grant_reports_remind(datetime.date(2025, 1, 30))["reminded"] == 0


def test_the_public_figures_show_granted_spent_and_balance(client: Client) -> None:
    world = build_committee_world()
    grant = grant_ensure(committee=world.committee, year=2024)
    spending_add(
        actor=world.users["chair"], grant=grant, spent_on=DAY, what="Benker", amount=12_500
    )
    page = client.get(f"/utvalg/dugnad/?kommune={world.municipality.organisation_number}")
    text = page.content.decode()
    assert page.status_code == 200
    assert "12\xa0500 kr" in text or "12 500 kr" in text or "12,500 kr" in text
    assert "37" in text and "500 kr" in text


def test_the_api_gives_granted_spent_and_balance(client: Client) -> None:
    world = build_committee_world()
    grant = grant_ensure(committee=world.committee, year=2024)
    spending_add(
        actor=world.users["chair"], grant=grant, spent_on=DAY, what="Benker", amount=20_000
    )
    client.force_login(world.users["outsider"])
    rows = client.get(f"/api/v1/community/grants?committee_id={world.committee.pk}").json()
    assert rows == [
        {
            "id": grant.pk,
            "committee_id": world.committee.pk,
            "committee": "Hokksund byutvalg",
            "year": 2024,
            "amount": 50_000,
            "spent": 20_000,
            "balance": 30_000,
            "reported": False,
            "approved": False,
        }
    ]
    client.force_login(world.users["stranger"])
    assert client.get("/api/v1/community/grants").json() == []


def test_the_api_records_spending_with_receipts_for_members_only(client: Client) -> None:
    world = build_committee_world()
    grant = grant_ensure(committee=world.committee, year=2024)
    url = f"/api/v1/community/grants/{grant.pk}/spending"
    fields = {"spent_on": "2025-02-10", "what": "Grus til stien", "amount": "2500"}
    client.force_login(world.users["member"])
    made = client.post(
        url,
        {
            **fields,
            "receipts": [
                SimpleUploadedFile("kvittering.pdf", PDF),
                SimpleUploadedFile("bilde.png", PNG),
            ],
        },
    )
    assert made.status_code == 201, made.content
    answer = made.json()
    assert (answer["what"], answer["amount"], answer["balance"]) == ("Grus til stien", 2500, 47_500)
    assert [(r["name"], r["content_type"]) for r in answer["receipts"]] == [
        ("kvittering.pdf", "application/pdf"),
        ("bilde.png", "image/png"),
    ]
    receipt = Receipt.objects.get(name="kvittering.pdf")
    assert answer["receipts"][0]["url"].endswith(f"/utvalg/kvittering/{receipt.pk}/")
    assert client.get(f"/utvalg/kvittering/{receipt.pk}/").status_code == 200
    # Someone of the municipality outside the committee may not; another one's is not found.
    client.force_login(world.users["other"])
    assert client.post(url, fields).status_code == 403
    client.force_login(world.users["stranger"])
    assert client.post(url, fields).status_code == 404
    assert Spending.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount": "60000"}, "amount"),
        ({"amount": "0"}, "amount"),
        ({"what": "  "}, "what"),
        ({"receipts": SimpleUploadedFile("kvittering.pdf", b"MZ\x90\x00 not a pdf")}, "receipts"),
    ],
)
def test_the_api_refuses_bad_spending_with_nothing_saved(
    client: Client, change: dict, field: str
) -> None:
    world = build_committee_world()
    grant = grant_ensure(committee=world.committee, year=2024)
    client.force_login(world.users["member"])
    refused = client.post(
        f"/api/v1/community/grants/{grant.pk}/spending",
        {"spent_on": "2025-02-10", "what": "Benker", "amount": "2500", **change},
    )
    assert refused.status_code == 400, refused.content
    assert field in refused.json()["errors"]
    assert not Spending.objects.exists() and not Receipt.objects.exists()
    grant.refresh_from_db()
    assert grant.spent == 0
