"""The demo's citizen committees: five grendeutvalg and a byutvalg, three years of grants
(never over the balance, past years approved), dugnad on every committee, a committee's
proposal answered by the coordination flow, and the pages showing it all."""

from __future__ import annotations

import pytest
from django.db.models import F
from django.test import Client

from trepart.benchmark.runner import bench_context, bench_run
from trepart.community import bench
from trepart.community.models import (
    Committee,
    CommitteeKind,
    CommitteeProposal,
    DugnadEntry,
    Grant,
)
from trepart.demo.community import community_bulk_build
from trepart.organisation.selectors import today
from trepart.proposals.models import Source, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    """Pages in English, whatever the municipality's or the site's default language."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def demo(built_demo: object) -> None:
    """The module's demo (``conftest.built_demo``)."""


@pytest.mark.usefixtures("demo")
def test_the_demo_has_five_grendeutvalg_and_a_byutvalg() -> None:
    kinds = list(Committee.objects.values_list("kind", flat=True))
    assert kinds.count(CommitteeKind.BYUTVALG) == 1
    assert kinds.count(CommitteeKind.GRENDEUTVALG) >= 5


@pytest.mark.usefixtures("demo")
def test_three_years_of_grants_spending_and_dugnad() -> None:
    year = today().year
    for committee in Committee.objects.all():
        years = set(committee.grants.values_list("year", flat=True))
        assert {year - 3, year - 2, year - 1} <= years
        assert set(committee.dugnad.values_list("year", flat=True)) >= {year - 3, year - 2}
    assert not Grant.objects.filter(spent__gt=F("amount"))
    past = Grant.objects.filter(year__lt=year)
    assert past.exists() and not past.filter(approved_on=None)
    assert not DugnadEntry.objects.filter(held_on__gt=today())


@pytest.mark.usefixtures("demo")
def test_a_committees_proposal_is_answered() -> None:
    link = CommitteeProposal.objects.select_related("proposal", "committee__body").get()
    assert link.proposal.source == Source.CITIZEN
    assert link.proposal.proposer_name == link.committee.body.name
    assert link.proposal.status == Status.ANSWERED


@pytest.mark.usefixtures("demo")
def test_the_public_pages_show_the_demo(client: Client) -> None:
    committee = Committee.objects.order_by("pk").first()
    assert committee is not None
    assert client.get("/utvalg/").status_code == 200
    assert client.get(f"/utvalg/{committee.pk}/").status_code == 200
    page = client.get("/utvalg/dugnad/").content.decode()
    assert "How the value is reckoned" in page


@pytest.mark.usefixtures("demo")
def test_the_bench_pages_answer_with_queries_that_do_not_grow_with_the_data() -> None:
    context = bench_context()
    before = {
        r.name: r for r in bench_run(context=context, pages=bench.bench_pages(context), repeat=1)
    }
    assert before and all(r.status == 200 for r in before.values()), before
    written = community_bulk_build(municipality=context.municipality)
    assert written > 0
    assert Committee.objects.count() == 15
    assert set(DugnadEntry.objects.values_list("year", flat=True)) >= {today().year - 10}
    after = {
        r.name: r for r in bench_run(context=context, pages=bench.bench_pages(context), repeat=1)
    }
    for name, result in after.items():
        assert result.status == 200, result
        if name in before:
            assert result.queries <= before[name].queries, (name, before[name], result)
