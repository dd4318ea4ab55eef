"""Taking things back: a spending line removed from a grant before its approval (the
balance follows, the receipt's file goes with it) and a dugnad entry taken back on the
committee page (the figures follow)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from trepart.audit.models import AuditEntry
from trepart.community.display import figures_view
from trepart.community.models import DugnadEntry, Grant, HoursBasis, Receipt, Spending
from trepart.community.services.dugnad import dugnad_add
from trepart.community.services.grants import (
    grant_approve,
    grant_ensure,
    grant_report_submit,
    spending_add,
    spending_delete,
)
from trepart.community.tests.world import CommitteeWorld, build_committee_world

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DAY = datetime.date(2025, 3, 1)


@pytest.fixture
def client() -> Client:
    """Pages in English, whatever the municipality's or the site's default language."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def spend(world: CommitteeWorld, grant: Grant, what: str, amount: int) -> Spending:
    return spending_add(
        actor=world.users["chair"],
        grant=grant,
        spent_on=DAY,
        what=what,
        amount=amount,
        receipts=[SimpleUploadedFile("kvittering.pdf", PDF)],
    )


def test_removing_a_line_gives_its_amount_back_to_the_balance(
    client: Client, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    world = build_committee_world()
    grant = grant_ensure(committee=world.committee, year=2024)
    spend(world, grant, "Benker", 12_000)
    wrong = spend(world, grant, "Maling", 3_000)
    receipt = Receipt.objects.get(spending=wrong)
    storage, name = receipt.file.storage, receipt.file.name
    assert storage.exists(name)
    client.force_login(world.users["member"])
    page = client.get(f"/utvalg/tilskudd/{grant.pk}/").content.decode()
    assert f"/utvalg/utgift/{wrong.pk}/slett/" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/utvalg/utgift/{wrong.pk}/slett/")
    assert response.status_code == 302
    assert not Spending.objects.filter(pk=wrong.pk).exists()
    assert not Receipt.objects.filter(pk=receipt.pk).exists()
    assert not storage.exists(name)
    grant.refresh_from_db()
    assert grant.spent == 12_000 and grant.balance == 38_000
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DELETE).exists()
    page = client.get(f"/utvalg/tilskudd/{grant.pk}/").content.decode()
    assert f"/utvalg/utgift/{wrong.pk}/slett/" not in page and "Benker" in page
    # The balance freed can be spent again.
    spend(world, grant, "Grus", 38_000)


def test_an_approved_grant_keeps_its_spending() -> None:
    world = build_committee_world()
    grant = grant_ensure(committee=world.committee, year=2024)
    line = spend(world, grant, "Benker", 5_000)
    grant = grant_report_submit(
        actor=world.users["chair"],
        grant=grant,
        version=grant.version,
        report="Pengene gikk til benker langs elva.",
    )
    grant_approve(actor=world.users["contact"], grant=grant, version=grant.version)
    with pytest.raises(ValidationError) as refused:
        spending_delete(actor=world.users["chair"], spending=line)
    assert "approved" in refused.value.messages[0]
    assert Spending.objects.filter(pk=line.pk).exists()
    assert Receipt.objects.filter(spending=line).exists()
    assert Grant.objects.get(pk=grant.pk).spent == 5_000


def test_the_page_refuses_removal_after_approval_and_says_why(client: Client) -> None:
    world = build_committee_world()
    grant = grant_ensure(committee=world.committee, year=2024)
    line = spend(world, grant, "Benker", 5_000)
    grant = grant_report_submit(
        actor=world.users["chair"],
        grant=grant,
        version=grant.version,
        report="Pengene gikk til benker langs elva.",
    )
    grant_approve(actor=world.users["contact"], grant=grant, version=grant.version)
    client.force_login(world.users["chair"])
    page = client.get(f"/utvalg/tilskudd/{grant.pk}/").content.decode()
    assert f"/utvalg/utgift/{line.pk}/slett/" not in page
    response = client.post(f"/utvalg/utgift/{line.pk}/slett/", follow=True)
    assert "the grant can no longer be changed" in response.content.decode()
    assert Spending.objects.filter(pk=line.pk).exists()
    assert Grant.objects.get(pk=grant.pk).spent == 5_000


def test_only_the_committees_reporters_remove_spending(client: Client) -> None:
    world = build_committee_world()
    grant = grant_ensure(committee=world.committee, year=2024)
    line = spend(world, grant, "Benker", 5_000)
    receipt = Receipt.objects.get(spending=line)
    with pytest.raises(PermissionDenied):
        spending_delete(actor=world.users["other"], spending=line)
    client.force_login(world.users["other"])
    page = client.get(f"/utvalg/tilskudd/{grant.pk}/").content.decode()
    assert "Benker" in page and f"/utvalg/utgift/{line.pk}/slett/" not in page
    assert client.post(f"/utvalg/utgift/{line.pk}/slett/").status_code == 403
    client.force_login(world.users["contact"])
    assert client.post(f"/utvalg/utgift/{line.pk}/slett/").status_code == 403
    client.force_login(world.users["stranger"])
    assert client.post(f"/utvalg/utgift/{line.pk}/slett/").status_code == 404
    client.force_login(world.users["chair"])
    assert client.get(f"/utvalg/utgift/{line.pk}/slett/").status_code == 405
    assert Spending.objects.filter(pk=line.pk).exists()
    assert Receipt.objects.filter(spending=line).exists()
    assert receipt.file.storage.exists(receipt.file.name)
    assert Grant.objects.get(pk=grant.pk).spent == 5_000


def add_dugnad(world: CommitteeWorld, what: str, people: int) -> DugnadEntry:
    return dugnad_add(
        actor=world.users["chair"],
        committee=world.committee,
        held_on=datetime.date(2025, 5, 10),
        what=what,
        place="Loesmoen",
        people=people,
        hours=2,
        hours_basis=HoursBasis.PER_PERSON,
    )


def test_a_member_takes_back_a_dugnad_and_the_figures_follow(client: Client) -> None:
    world = build_committee_world()
    add_dugnad(world, "Rydding av elvebredden", 10)
    wrong = add_dugnad(world, "Feilregistrert", 7)
    municipality_id = world.municipality.pk
    number = world.municipality.organisation_number
    client.force_login(world.users["member"])
    page = client.get(f"/utvalg/{world.committee.pk}/").content.decode()
    assert f"/utvalg/dugnad/{wrong.pk}/slett/" in page
    assert Client().get(f"/utvalg/dugnad/?kommune={number}").status_code == 200
    before = figures_view(municipality_id=municipality_id, committee_id=world.committee.pk)
    assert before.dugnad.hours_in(2025) == Decimal(34)
    response = client.post(f"/utvalg/dugnad/{wrong.pk}/slett/")
    assert response.status_code == 302
    assert response["Location"] == f"/utvalg/{world.committee.pk}/"
    assert not DugnadEntry.objects.filter(pk=wrong.pk).exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DELETE).exists()
    page = client.get(f"/utvalg/{world.committee.pk}/").content.decode()
    assert f"/utvalg/dugnad/{wrong.pk}/slett/" not in page
    assert "was taken back" in page
    # The cached figures (the public page's and the committee page's) are renewed.
    for committee_id in (None, world.committee.pk):
        after = figures_view(municipality_id=municipality_id, committee_id=committee_id)
        assert after.dugnad.hours_in(2025) == Decimal(20)


def test_only_members_take_back_a_dugnad(client: Client) -> None:
    world = build_committee_world()
    entry = add_dugnad(world, "Rydding", 5)
    url = f"/utvalg/dugnad/{entry.pk}/slett/"
    client.force_login(world.users["other"])
    assert client.post(url).status_code == 403
    assert url not in client.get(f"/utvalg/{world.committee.pk}/").content.decode()
    client.force_login(world.users["stranger"])
    assert client.post(url).status_code == 404
    client.logout()
    assert client.post(url).status_code == 302
    assert (
        "Rydding"
        not in client.get(
            f"/utvalg/{world.committee.pk}/?kommune={world.municipality.organisation_number}"
        ).content.decode()
    )
    assert DugnadEntry.objects.filter(pk=entry.pk).exists()
