"""Proposal services against a real database: each step's checks, history, audit trail,
notifications and attachments (routing to real bodies is in ``test_routing_route``)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from trepart.accounts.tests.factories import UserFactory
from trepart.audit.models import AuditEntry
from trepart.audit.writes import ConcurrentEditError
from trepart.organisation.tests.factories import (
    UnitFactory,
)
from trepart.platform.files.content import MAX_SIZE
from trepart.platform.models import Notification
from trepart.proposals import services
from trepart.proposals.models import (
    AnswerKind,
    Attachment,
    DecisionMaker,
    Event,
    Position,
    Proposal,
    Status,
)
from trepart.proposals.rules import Blocker, IllegalTransition
from trepart.proposals.tests.services_town import (
    REASON,
    Town,
    agree_all,
    build_town,
    seat,
    submit,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def town() -> Town:
    return build_town()


# --- Bad input: everything checked, nothing half-saved -----------------------------------


def test_bad_submission_lists_every_problem_and_saves_nothing(town: Town) -> None:
    other = UnitFactory.create()  # another municipality's unit
    disguised = SimpleUploadedFile("budsjett.pdf", b"MZ\x90\x00 not a pdf at all")
    with pytest.raises(ValidationError) as caught:
        submit(
            town,
            title="",
            description="kort",
            unit_ids=[other.pk],
            needs_money=True,
            files=[disguised],
        )
    errors = caught.value.message_dict
    assert set(errors) == {"title", "description", "units", "cost_estimate", "files"}
    assert "content was checked" in errors["files"][0]
    assert not Proposal.objects.exists()
    assert not Attachment.objects.exists()


def test_an_oversized_file_is_refused(town: Town, settings: Any) -> None:
    big = SimpleUploadedFile("stor.pdf", PDF + b"0" * MAX_SIZE)
    with pytest.raises(ValidationError, match="too large"):
        submit(town, files=[big])
    assert not Proposal.objects.exists()


def test_attachments_are_stored_with_the_type_their_content_shows(town: Town) -> None:
    proposal = submit(town, files=[SimpleUploadedFile("plan.PDF", PDF, "text/plain")])
    attachment = proposal.attachments.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.name == "plan.PDF"
    assert attachment.file.read() == PDF
    assert "plan" not in attachment.file.name  # stored under a random name


def test_an_employee_cannot_send_to_another_municipality(town: Town) -> None:
    stranger = UserFactory.create()
    with pytest.raises(ValidationError):
        services.proposal_submit(
            actor=stranger,
            municipality=town.municipality,
            title="x" * 10,
            description="y" * 20,
            unit_ids=[town.school.pk],
        )


# --- Handling ----------------------------------------------------------------------------


def test_consensus_in_an_lmu_then_answer(town: Town) -> None:
    proposal = submit(town)
    services.proposal_take_up(actor=town.user, proposal=proposal)
    with pytest.raises(ValidationError, match="Every voting member present"):
        services.proposal_answer(
            actor=town.user, proposal=proposal, kind="IMPLEMENTED", reason=REASON
        )
    agree_all(town, proposal)
    services.proposal_answer(actor=town.user, proposal=proposal, kind="IMPLEMENTED", reason=REASON)
    proposal.refresh_from_db()
    assert proposal.status == Status.ANSWERED
    assert proposal.first_answer == AnswerKind.IMPLEMENTED
    assert proposal.answered_in_time is True
    assert proposal.answers.get().reason == REASON
    services.proposal_mark_done(actor=town.user, proposal=proposal)
    assert proposal.status == Status.DONE


def test_an_objection_blocks_until_escalated_or_disagreement_recorded(town: Town) -> None:
    proposal = submit(town)
    services.proposal_take_up(actor=town.user, proposal=proposal)
    leader, union, safety = town.seats
    agree_all(town, proposal, [leader, safety])
    with pytest.raises(ValidationError, match="objection needs a reason"):
        services.position_record(
            actor=town.user, proposal=proposal, membership=union, stance="OBJECT"
        )
    result = services.position_record(
        actor=town.user,
        proposal=proposal,
        membership=union,
        stance="OBJECT",
        reason="Dette gir mer arbeid uten at bemanningen økes.",
    )
    assert result.objections == {union.pk}
    assert services.blockers(proposal) == [Blocker.CONSENSUS_BLOCKED]
    with pytest.raises(ValidationError, match="Write this party's view"):
        services.disagreement_record(
            actor=town.user, proposal=proposal, views={"ADMINISTRATION": "Vi vil prøve."}
        )
    services.disagreement_record(
        actor=town.user,
        proposal=proposal,
        views={"ADMINISTRATION": "Vi vil prøve ut tiltaket.", "EMPLOYEE": "Ikke uten mer folk."},
    )
    assert services.blockers(proposal) == []
    # The objection stays in the history.
    assert proposal.positions.filter(stance="OBJECT").count() == 1


def test_a_changed_position_counts_as_the_latest(town: Town) -> None:
    proposal = submit(town)
    services.proposal_take_up(actor=town.user, proposal=proposal)
    leader, union, safety = town.seats
    services.position_record(
        actor=town.user, proposal=proposal, membership=union, stance="OBJECT", reason="Uenig."
    )
    agree_all(town, proposal, [leader, safety])
    services.position_record(
        actor=town.user, proposal=proposal, membership=union, stance="LIVE_WITH"
    )
    assert services.consensus_of(proposal).reached
    assert proposal.positions.count() == 4


def test_absent_members_are_not_waited_for(town: Town) -> None:
    proposal = submit(town)
    services.proposal_take_up(actor=town.user, proposal=proposal)
    leader, union, _safety = town.seats
    services.attendance_set(actor=town.user, proposal=proposal, present=[leader.pk, union.pk])
    agree_all(town, proposal, [leader, union])
    assert services.blockers(proposal) == []


def test_only_voting_members_of_the_body_take_positions(town: Town) -> None:
    proposal = submit(town)
    services.proposal_take_up(actor=town.user, proposal=proposal)
    secretary = seat(town.lmu, "ADMINISTRATION", role="SECRETARY", voting=False)
    outsider = seat(town.coordination, "EMPLOYEE")
    for membership in (secretary, outsider):
        with pytest.raises(ValidationError):
            services.position_record(
                actor=town.user, proposal=proposal, membership=membership, stance="AGREE"
            )
    assert not Position.objects.exists()


def test_money_needs_the_coordination_groups_recommendation_first(town: Town) -> None:
    proposal = submit(town, needs_money=True, cost_estimate=400_000)
    services.proposal_take_up(actor=town.user, proposal=proposal)
    with pytest.raises(ValidationError, match="recommendation must be recorded"):
        services.proposal_recommend(
            actor=town.user, proposal=proposal, decision_maker="COUNCIL", text=REASON
        )
    services.proposal_advise(
        actor=town.user,
        proposal=proposal,
        text="Koordineringsgruppa anbefaler at forslaget gjennomføres.",
    )
    services.proposal_recommend(
        actor=town.user, proposal=proposal, decision_maker=DecisionMaker.COUNCIL, text=REASON
    )
    assert proposal.status == Status.RECOMMENDED
    services.proposal_decide(
        actor=town.user,
        proposal=proposal,
        kind="IMPLEMENTED",
        reason="Kommunestyret vedtok innstillingen enstemmig i møtet 12. mars.",
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.ANSWERED
    assert proposal.answers.get().decision_maker == DecisionMaker.COUNCIL
    kinds = list(proposal.events.values_list("kind", flat=True))
    assert kinds == ["SUBMITTED", "ROUTED", "TAKEN_UP", "ADVICE", "RECOMMENDED", "DECIDED"]


def test_service_users_need_a_member_or_a_waiver(town: Town) -> None:
    proposal = submit(town, service_users_affected=True)
    services.proposal_take_up(actor=town.user, proposal=proposal)
    agree_all(town, proposal)
    assert services.blockers(proposal) == [Blocker.SERVICE_USER]
    with pytest.raises(ValidationError):
        services.proposal_waive_service_user(actor=town.user, proposal=proposal, reason="Nei")
    services.proposal_waive_service_user(
        actor=town.user,
        proposal=proposal,
        reason="Brukerne ble hørt i brukerrådet 3. mai; det holder her.",
    )
    assert services.blockers(proposal) == []


def test_a_service_user_member_satisfies_the_requirement(town: Town) -> None:
    proposal = submit(town, service_users_affected=True)
    services.proposal_take_up(actor=town.user, proposal=proposal)
    user_rep = seat(town.lmu, "SERVICE_USER", capacity="USER_REP", voting=False)
    agree_all(town, proposal)
    assert user_rep.pk not in services.present_voting_ids(proposal, services.voting_seats(town.lmu))
    assert services.blockers(proposal) == []


def test_escalation_moves_the_proposal_and_restarts_the_deadline(town: Town) -> None:
    with time_machine.travel(datetime.datetime(2026, 1, 5, 12, tzinfo=datetime.UTC)):
        proposal = submit(town)
    with time_machine.travel(datetime.datetime(2026, 1, 20, 12, tzinfo=datetime.UTC)):
        with pytest.raises(ValidationError, match="real reason"):
            services.proposal_escalate(actor=town.user, proposal=proposal, reason="Nei")
        services.proposal_escalate(
            actor=town.user,
            proposal=proposal,
            reason="Forslaget berører alle skolene i kommunen.",
        )
    assert proposal.body == town.coordination
    assert proposal.status == Status.ESCALATED
    assert proposal.due_on == datetime.date(2026, 2, 19)
    event = proposal.events.get(kind=Event.Kind.ESCALATED)
    assert event.data == {"from_body": town.lmu.pk, "to_body": town.coordination.pk}
    assert event.actor == town.user


def test_further_evaluation_keeps_it_open_with_a_new_date(town: Town) -> None:
    proposal = submit(town)
    services.proposal_take_up(actor=town.user, proposal=proposal)
    agree_all(town, proposal)
    with pytest.raises(ValidationError) as caught:
        services.proposal_answer(
            actor=town.user, proposal=proposal, kind="FURTHER_EVALUATION", reason=REASON
        )
    assert "new_due_on" in caught.value.message_dict
    later = proposal.due_on + datetime.timedelta(days=60)
    services.proposal_answer(
        actor=town.user,
        proposal=proposal,
        kind="FURTHER_EVALUATION",
        reason=REASON,
        new_due_on=later,
    )
    assert proposal.status == Status.FURTHER_EVALUATION
    assert proposal.is_open
    assert proposal.due_on == later
    services.proposal_answer(actor=town.user, proposal=proposal, kind="REJECTED", reason=REASON)
    proposal.refresh_from_db()
    assert proposal.first_answer == "FURTHER_EVALUATION"
    assert proposal.answer == "REJECTED"
    assert proposal.answers.count() == 2


def test_illegal_steps_are_refused_and_change_nothing(town: Town) -> None:
    proposal = submit(town)
    services.proposal_withdraw(actor=town.user, proposal=proposal)
    version = proposal.version
    with pytest.raises(IllegalTransition, match="Withdrawn"):
        services.proposal_take_up(actor=town.user, proposal=proposal)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.version) == (Status.WITHDRAWN, version)


def test_a_stale_version_is_refused(town: Town) -> None:
    proposal = submit(town)
    seen = proposal.version
    services.proposal_take_up(actor=town.user, proposal=proposal, version=seen)
    with pytest.raises(ConcurrentEditError):
        services.proposal_escalate(
            actor=town.user,
            proposal=proposal,
            version=seen,
            reason="Forslaget berører alle skolene i kommunen.",
        )
    proposal.refresh_from_db()
    assert proposal.status == Status.UNDER_CONSIDERATION


def test_merging_tells_the_proposer_and_counts_as_support(
    town: Town, django_capture_on_commit_callbacks: Any
) -> None:
    original = submit(town, title="Kjøkkenhage ved skolen")
    duplicate = submit(town, actor=None, proposer_email="kari@example.invalid")
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_merge(
            actor=town.user,
            proposal=duplicate,
            into=original,
            reason="Samme forslag som et vi allerede behandler.",
        )
    assert duplicate.status == Status.MERGED
    original.refresh_from_db()
    assert original.support_count == 1
    message = mail.outbox[-1]
    assert message.to == ["kari@example.invalid"]
    assert "Kjøkkenhage ved skolen" in message.body
    with pytest.raises(ValidationError):
        services.proposal_merge(actor=town.user, proposal=original, into=duplicate, reason=REASON)


def test_support_once_and_never_ones_own(town: Town) -> None:
    proposal = submit(town)
    colleague = UserFactory.create(municipality=town.municipality)
    services.proposal_support(actor=colleague, proposal=proposal)
    assert proposal.support_count == 1
    with pytest.raises(ValidationError, match="already support"):
        services.proposal_support(actor=colleague, proposal=proposal)
    with pytest.raises(ValidationError, match="your own"):
        services.proposal_support(actor=town.user, proposal=proposal)


# --- History, audit and the proposer being told ------------------------------------------


def test_every_state_change_is_told_to_the_proposer(
    town: Town, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        proposal = submit(town)
        services.proposal_take_up(actor=town.user, proposal=proposal)
        agree_all(town, proposal)
        services.proposal_answer(actor=town.user, proposal=proposal, kind="REJECTED", reason=REASON)
    subjects = [m.subject for m in mail.outbox]
    assert len(subjects) == 3  # received, taken up, answered — positions are not news
    assert all("Felles kjøkkenhage" in s for s in subjects)
    assert REASON in mail.outbox[-1].body
    assert all(m.to == ["ansatt@kommune.invalid"] for m in mail.outbox)


def test_the_audit_trail_never_holds_a_citizens_contact_details(town: Town) -> None:
    proposal = submit(
        town,
        actor=None,
        proposer_name="Kari Nordmann",
        proposer_email="kari@example.invalid",
        hide_name=True,
    )
    entries = AuditEntry.objects.filter(object_id=str(proposal.pk))
    text = " ".join(str(e.changes) for e in entries)
    assert entries.exists()
    assert "Kari" not in text
    assert "kari@example.invalid" not in text
    assert proposal.tracking_code not in text


def test_tracking_codes_are_long_and_unique(town: Town) -> None:
    codes = {submit(town, actor=None).tracking_code for _ in range(20)}
    assert len(codes) == 20
    assert all(len(code) >= 32 for code in codes)


def test_a_notification_without_an_address_is_not_stored(town: Town) -> None:
    submit(town, actor=None)
    assert not Notification.objects.exists()


def test_a_step_moves_the_proposals_updated_time_and_a_position_only_its_version(
    town: Town,
) -> None:
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC), tick=False):
        proposal = submit(town)
    with time_machine.travel(datetime.datetime(2026, 3, 3, 9, tzinfo=datetime.UTC), tick=False):
        services.proposal_take_up(actor=town.user, proposal=proposal, version=proposal.version)
    proposal.refresh_from_db()
    assert proposal.updated_at == datetime.datetime(2026, 3, 3, 9, tzinfo=datetime.UTC)
    taken_up = proposal.version
    entries = AuditEntry.objects.filter(object_type="proposals.Proposal").count()
    with time_machine.travel(datetime.datetime(2026, 3, 4, 9, tzinfo=datetime.UTC), tick=False):
        services.position_record(
            actor=town.user, proposal=proposal, membership=town.seats[0], stance="AGREE"
        )
    proposal.refresh_from_db()
    assert proposal.version == taken_up + 1
    assert proposal.updated_at == datetime.datetime(2026, 3, 3, 9, tzinfo=datetime.UTC)
    assert AuditEntry.objects.filter(object_type="proposals.Proposal").count() == entries
