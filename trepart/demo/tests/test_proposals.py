"""The demo's proposals: told through the services in every state, and written in bulk."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from trepart.demo.builder import DEMO_ORGANISATION_NUMBER, municipality_build, municipality_delete
from trepart.demo.plan import PRESETS
from trepart.demo.proposals_bulk import COMMON_WORD, RARE_WORD
from trepart.demo.seats import LOGINS
from trepart.organisation.models import Body, Municipality
from trepart.organisation.selectors import today
from trepart.platform.bench_registry import BenchContext
from trepart.proposals import services
from trepart.proposals.bench import bench_pages
from trepart.proposals.models import (
    OPEN_STATUSES,
    Answer,
    AnswerKind,
    DecisionMaker,
    Event,
    Proposal,
    ProposalUnit,
    RoutingRule,
    Source,
    Status,
)
from trepart.proposals.rules import Blocker
from trepart.proposals.search import apply_search

pytestmark = pytest.mark.django_db

TINY = PRESETS["small"].resized(units=8, employees=140)


def run(*args, **options):
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def told(title):
    return Proposal.objects.select_related("body").get(title=title)


def test_the_demo_has_proposals_in_every_state_with_routing_rules():
    output = run("demo")
    municipality = Municipality.objects.get()
    assert "proposals" in output
    statuses = set(Proposal.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    answered = Proposal.objects.filter(status=Status.ANSWERED)
    assert {AnswerKind.IMPLEMENTED, AnswerKind.REJECTED} <= set(
        answered.values_list("answer", flat=True)
    )
    assert RoutingRule.objects.filter(municipality=municipality).exists()
    # Made through the services: a history, answers and (unsent) messages.
    assert Event.objects.filter(kind=Event.Kind.POSITION).exists()
    assert not Proposal.objects.annotate(n=Count("events")).filter(n=0).exists()
    assert not Proposal.objects.filter(status__in=["ANSWERED", "DONE"], answers=None).exists()
    notified = municipality.proposals.filter(notifications__isnull=False)
    assert notified.exists()
    assert not notified.filter(notifications__sent_at__isnull=True).exists()


def test_vei_og_park_goes_to_the_joint_committee_and_the_council_decides():
    run("demo")
    green = told("Vei og park tar over grøntvedlikeholdet ved skoler og barnehager")
    assert green.body.kind == Body.Kind.TRIPARTITE
    assert green.needs_money and green.units.count() == 3
    assert green.recommendation_body.kind == Body.Kind.COORDINATION
    assert green.recommendation_recorded
    assert green.status == Status.ANSWERED and green.answer == AnswerKind.IMPLEMENTED
    assert green.decision_maker == DecisionMaker.COUNCIL
    kinds = list(green.events.values_list("kind", flat=True))
    assert kinds.index(Event.Kind.ADVICE) < kinds.index(Event.Kind.RECOMMENDED)
    assert kinds.index(Event.Kind.RECOMMENDED) < kinds.index(Event.Kind.DECIDED)
    decision = Answer.objects.get(proposal=green)
    assert decision.decision_maker == DecisionMaker.COUNCIL
    assert green.answer_days == (green.answered_on - green.created_at.date()).days > 0


def test_the_told_examples_sit_where_the_logins_find_them():
    run("demo")
    lmu = Body.objects.get(kind=Body.Kind.LMU, memberships__person__user__username="leder")
    citizen = told("Benker og lys langs turveien ved elva")
    assert citizen.source == Source.CITIZEN
    assert citizen.body.kind == Body.Kind.COORDINATION

    blocked = told("Tolvtimersvakter i helgene")
    assert blocked.body == lmu
    assert Blocker.CONSENSUS_BLOCKED in services.blockers(blocked)
    objection = blocked.positions.get(stance="OBJECT")
    assert objection.person.user.username == "verneombud" and objection.reason

    overdue = told("Skjerming av medisinrommet mot forstyrrelser")
    assert overdue.body == lmu and overdue.status in OPEN_STATUSES
    assert overdue.due_on < today()

    waived = told("Fast aktivitetsdag hver onsdag for brukerne")
    assert waived.service_users_affected and waived.requires_service_user
    assert waived.service_user_waiver
    assert waived.events.filter(kind=Event.Kind.WAIVED).exists()
    assert services.blockers(waived) == []

    assert Proposal.objects.filter(hide_name=True, source=Source.EMPLOYEE, body=lmu).exists()
    escalated = Proposal.objects.get(status=Status.ESCALATED)
    assert escalated.body.kind == Body.Kind.COORDINATION
    merged = Proposal.objects.get(status=Status.MERGED)
    assert merged.merged_into is not None
    assert merged.merged_into.status in set(OPEN_STATUSES)
    assert Proposal.objects.filter(body=lmu, status__in=OPEN_STATUSES).count() >= 5


def test_the_demo_is_deterministic_and_can_be_deleted():
    def build(seed):
        municipality_build(preset=TINY, seed=seed, password="x")
        rows = sorted(
            Proposal.objects.values_list(
                "title", "status", "body__name", "due_on", "answer_days", "proposer_name"
            ),
            key=str,
        )
        assert len(rows) >= 15
        municipality_delete(organisation_number=DEMO_ORGANISATION_NUMBER)
        assert not Proposal.objects.exists() and not Event.objects.exists()
        return rows

    first = build(3)
    assert build(3) == first
    assert build(4) != first


def test_running_demo_again_adds_no_proposals():
    run("demo")
    count = Proposal.objects.count()
    assert "nothing changed" in run("demo")
    assert Proposal.objects.count() == count


def test_generate_writes_consistent_proposals_in_bulk():
    output = run("generate", preset="small", seed=7)
    assert "proposals" in output
    bulk = Proposal.objects.filter(submitted_by__isnull=True, source=Source.EMPLOYEE)
    assert Proposal.objects.count() >= 1_000
    answered = bulk.filter(status__in=[Status.ANSWERED, Status.DONE])
    assert answered.count() > bulk.count() // 2
    assert not answered.filter(answers=None).exists()
    assert not answered.filter(
        Q(first_answer="") | Q(answered_on=None) | Q(answer_days=None) | Q(answered_in_time=None)
    ).exists()
    for proposal in answered[:200]:
        first = proposal.answers.order_by("created_at", "pk")[0]
        assert first.kind == proposal.first_answer
        assert proposal.answer_days == (first.created_at.date() - proposal.created_at.date()).days
        assert proposal.answered_in_time == (first.created_at.date() <= proposal.due_on) or (
            proposal.first_answer == AnswerKind.FURTHER_EVALUATION
        )
        assert proposal.answered_on is not None and proposal.answered_on <= today()
    unanswered = Proposal.objects.filter(status__in=[Status.SUBMITTED, Status.ESCALATED])
    assert unanswered.exists() and not unanswered.filter(answers__isnull=False).exists()
    assert not unanswered.exclude(first_answer="").exists()
    share_open = (
        Proposal.objects.filter(status__in=OPEN_STATUSES).count() / Proposal.objects.count()
    )
    assert 0.05 < share_open < 0.2
    assert Proposal.objects.filter(status__in=OPEN_STATUSES, due_on__lt=today()).exists()
    assert ProposalUnit.objects.count() > 800
    assert not bulk.annotate(n=Count("proposalunit")).filter(n=0).exists()
    events = Proposal.objects.annotate(n=Count("events"))
    assert not events.filter(n=0).exists()
    assert not bulk.annotate(n=Count("events")).filter(n__gt=4).exists()
    assert Proposal.objects.filter(source=Source.CITIZEN).count() > 20
    assert Proposal.objects.filter(hide_name=True).count() > 10
    assert bulk.filter(status=Status.MERGED, merged_into__isnull=False).exists()
    assert apply_search(Proposal.objects.all(), COMMON_WORD).count() > 50
    assert {b.kind for b in Body.objects.filter(proposals__isnull=False)} >= {
        Body.Kind.LMU,
        Body.Kind.COORDINATION,
        Body.Kind.TRIPARTITE,
    }
    # --replace deletes them with the rest.
    run("generate", preset="small", seed=8, replace=True)
    assert Municipality.objects.count() == 1


def test_bench_pages_name_the_proposal_pages():
    run("demo")
    municipality = Municipality.objects.get()
    users = {user.username: user for user in municipality.users.filter(username__in=LOGINS)}
    pages = bench_pages(BenchContext(municipality=municipality, users=users))
    urls = [page.url for page in pages]
    assert len(pages) == 9 and len(set(urls)) == 9
    assert all(page.user in users for page in pages)
    assert any("/innboks/" in url for url in urls)
    assert "/forslag/nytt/" in urls
    assert any(url.startswith("/api/v1/proposals/") for url in urls)
    assert any("q=" + COMMON_WORD in url for url in urls)


def test_the_bench_searches_for_words_generate_writes():
    from trepart.proposals import bench

    assert (bench.COMMON_WORD, bench.RARE_WORD) == (COMMON_WORD, RARE_WORD)
