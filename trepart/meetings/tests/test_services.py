"""The meeting services against a real database: release, numbering, closure, outcomes,
follow-up and minutes."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from trepart.audit.writes import ConcurrentEditError
from trepart.meetings import selectors, services
from trepart.meetings.models import AgendaItem, Document, Meeting, Minutes
from trepart.meetings.tests.world import (
    OSLO,
    REASON,
    World,
    add_item,
    at,
    build_world,
    close_item,
    plan_meeting,
    upload,
)
from trepart.platform.models import Notification
from trepart.proposals import services as proposal_services
from trepart.proposals.models import Status

pytestmark = pytest.mark.django_db

MEETING_DAY = datetime.date(2026, 12, 10)
# The evening of the meeting: attendance, outcomes and the minutes' approval are recorded
# only once it has begun.
AFTER_THE_MEETING = time_machine.travel(at(MEETING_DAY, 21), tick=False)


@pytest.fixture
def world() -> World:
    return build_world()


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[[], Any]:
    """Messages go out when a change commits: ``with committed():`` runs them at once."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def published(
    world: World, committed: Callable[[], Any], day: int = 1
) -> tuple[Meeting, AgendaItem]:
    meeting = plan_meeting(world, MEETING_DAY)
    item = add_item(world, meeting)
    services.document_add(actor=world.secretary, item=item, title="Saksframlegg", upload=upload())
    with (
        time_machine.travel(at(datetime.date(2026, 12, day), 9)),
        committed(),
    ):
        meeting = services.meeting_publish_agenda(
            actor=world.secretary, meeting=meeting, version=meeting.version
        )
    return meeting, item


def test_a_meeting_knows_when_its_agenda_is_due(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    assert meeting.release_due_on == datetime.date(2026, 12, 3)


def test_a_year_of_meetings_at_once(world: World) -> None:
    from trepart.meetings import rules

    starts = rules.recurring(at(datetime.date(2027, 1, 14)), every_weeks=8, count=6)
    meetings = services.meeting_plan(
        actor=world.secretary, body=world.body, starts=starts, place="Rådhuset"
    )
    assert len(meetings) == 6
    # 18:00 in Oslo all year: the wall-clock time holds across summer time.
    assert {m.starts_at.astimezone(OSLO).hour for m in meetings} == {18}
    assert {m.starts_at.astimezone(datetime.UTC).hour for m in meetings} == {16, 17}


def test_case_numbers_run_per_body_and_year(world: World) -> None:
    first = plan_meeting(world, MEETING_DAY)
    second = plan_meeting(world, datetime.date(2026, 12, 17))
    a = add_item(world, first)
    b = add_item(world, first, "Sykefravær")
    c = add_item(world, second, "Årsplan")
    assert [a.case_number, b.case_number, c.case_number] == ["1/26", "2/26", "3/26"]
    next_year = plan_meeting(world, datetime.date(2027, 1, 14))
    assert add_item(world, next_year).case_number == "1/27"


def test_publishing_releases_every_document_at_the_same_instant(
    world: World, committed: Callable[[], Any]
) -> None:
    meeting, _item = published(world, committed)
    released = {d.released_at for d in Document.objects.filter(item__meeting=meeting)}
    assert released == {meeting.published_at}
    assert not meeting.released_late
    told = sorted(message.to[0] for message in mail.outbox)
    assert "tor@eikvik.invalid" in told and "vara@eikvik.invalid" in told
    assert len(told) == len(set(told)) == 11  # nine seats, the secretary and the deputy
    # The outbox keeps the messages tagged with the meeting they are about.
    assert Notification.objects.about(meeting).count() == 11


def test_a_late_release_is_flagged(world: World, committed: Callable[[], Any]) -> None:
    meeting, _ = published(world, committed, day=5)
    assert meeting.released_late


def test_a_document_after_publication_is_late_and_every_member_is_told(
    world: World, committed: Callable[[], Any]
) -> None:
    _meeting, item = published(world, committed)
    mail.outbox.clear()
    with committed():
        document = services.document_add(
            actor=world.secretary, item=item, title="Tilleggsnotat", upload=upload("notat.pdf")
        )
    assert document.late and document.released_at is not None
    assert len(mail.outbox) == 11
    assert "Tilleggsnotat" in mail.outbox[0].body


def test_members_see_documents_only_from_publication(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    item = add_item(world, meeting)
    services.document_add(actor=world.secretary, item=item, title="Utkast", upload=upload())
    member_view = selectors.agenda(meeting, internal=True)
    assert member_view[0].documents == []
    assert selectors.agenda(meeting, internal=True, drafts=True)[0].documents[0].title == "Utkast"


def test_closing_needs_a_legal_basis(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    with pytest.raises(ValidationError) as error:
        add_item(world, meeting, "Personalsak", closed=True)
    assert "legal_basis" in error.value.message_dict
    assert not AgendaItem.objects.exists()


def test_a_closed_item_shows_the_public_only_a_neutral_title(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    item = close_item(world, meeting)
    services.document_add(actor=world.secretary, item=item, title="Lønnsnotat", upload=upload())
    public = selectors.agenda(meeting, internal=False)[0]
    assert public.title == "Exempt from public access, offl. § 23"
    assert public.description == "" and public.documents == []
    internal = selectors.agenda(meeting, internal=True, drafts=True)[0]
    assert internal.title == "Nedbemanning ved Eikvik skole"


def test_the_result_report_is_frozen_when_the_agenda_is_published(world: World) -> None:
    meeting = plan_meeting(world, MEETING_DAY)
    report = add_item(world, meeting, "Resultater", kind=AgendaItem.Kind.RESULT_REPORT)
    add_item(world, meeting)
    services.follow_up_create(
        actor=world.secretary,
        body=world.body,
        title="Lag plan",
        owner=world.person(world.member),
        due_on=datetime.date(2026, 11, 1),
    )
    with time_machine.travel(at(datetime.date(2026, 12, 1), 9)):
        services.meeting_publish_agenda(actor=world.secretary, meeting=meeting, version=1)
    report.refresh_from_db()
    assert report.snapshot is not None
    assert report.snapshot["follow_ups"] == {"open": 1, "overdue": 1, "done": 0}
    services.follow_up_create(
        actor=world.secretary,
        body=world.body,
        title="Enda en",
        owner=world.person(world.member),
        due_on=datetime.date(2027, 1, 1),
    )
    report.refresh_from_db()
    assert report.snapshot is not None and report.snapshot["follow_ups"]["open"] == 1


@AFTER_THE_MEETING
def test_a_proposals_outcome_answers_the_proposal_in_one_step(world: World) -> None:
    proposal = proposal_services.proposal_submit(
        actor=world.member,
        municipality=world.municipality,
        title="Felles kjøkkenhage",
        description="Vi vil lage en kjøkkenhage som elevene passer på.",
        unit_ids=[world.school.pk],
    )
    meeting = plan_meeting(world, MEETING_DAY, body=world.lmu, is_open=False)
    item = services.item_add(
        actor=world.lmu_chair,
        meeting=meeting,
        kind=AgendaItem.Kind.PROPOSALS,
        title="Forslag fra innboksen",
        proposals=[proposal],
    )
    services.meeting_publish_agenda(actor=world.lmu_chair, meeting=meeting, version=1)
    seats = list(world.lmu.memberships.all())
    services.attendance_record(
        actor=world.lmu_chair,
        meeting=meeting,
        rows=[services.AttendanceRow(person_id=s.person_id, status="PRESENT") for s in seats],
    )
    step = services.ProposalStep(
        proposal_id=proposal.pk, action="answer", kind="IMPLEMENTED", reason=REASON
    )
    # Consensus is required in an LMU: without positions, nothing is recorded.
    with pytest.raises(ValidationError):
        services.item_outcome_record(
            actor=world.lmu_chair,
            item=item,
            version=item.version,
            outcome="CONSENSUS",
            outcome_text=REASON,
            steps=[step],
        )
    item.refresh_from_db()
    assert item.outcome == ""
    proposal.refresh_from_db()
    for s in seats:
        proposal_services.position_record(
            actor=world.lmu_chair, proposal=proposal, membership=s, stance="AGREE"
        )
    services.item_outcome_record(
        actor=world.lmu_chair,
        item=item,
        version=item.version,
        outcome="CONSENSUS",
        outcome_text=REASON,
        steps=[step],
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.ANSWERED and proposal.answer == "IMPLEMENTED"


@AFTER_THE_MEETING
def test_minutes_are_approved_by_the_chair_and_one_member(
    world: World, committed: Callable[[], Any]
) -> None:
    meeting, item = published(world, committed)
    services.attendance_record(
        actor=world.secretary,
        meeting=meeting,
        rows=[
            services.AttendanceRow(person_id=s.person_id, status="PRESENT")
            for party in world.seats.values()
            for s in party
        ],
    )
    minutes = services.minutes_start(actor=world.secretary, meeting=meeting)
    minutes = services.minutes_save(
        actor=world.secretary,
        minutes=minutes,
        version=minutes.version,
        notes="Godt møte.",
        discussions={item.pk: "Partene drøftet budsjettet."},
    )
    with pytest.raises(ValidationError):
        services.minutes_approve(actor=world.deputy, minutes=minutes, version=minutes.version)
    minutes = services.minutes_approve(actor=world.chair, minutes=minutes, version=minutes.version)
    assert minutes.status == Minutes.Status.DRAFT
    minutes = services.minutes_approve(actor=world.member, minutes=minutes, version=minutes.version)
    assert minutes.status == Minutes.Status.APPROVED
    minutes = services.minutes_publish(
        actor=world.secretary, minutes=minutes, version=minutes.version
    )
    assert minutes.status == Minutes.Status.PUBLISHED


def test_two_people_saving_the_same_minutes_do_not_overwrite_each_other(
    world: World, committed: Callable[[], Any]
) -> None:
    meeting, item = published(world, committed)
    minutes = services.minutes_start(actor=world.secretary, meeting=meeting)
    opened_at = minutes.version
    services.minutes_save(
        actor=world.secretary,
        minutes=minutes,
        version=opened_at,
        notes="Først",
        discussions={item.pk: "Sekretærens tekst"},
    )
    with pytest.raises(ConcurrentEditError):
        services.minutes_save(
            actor=world.chair,
            minutes=minutes,
            version=opened_at,
            notes="Andre",
            discussions={item.pk: "Lederens tekst"},
        )
    item.refresh_from_db()
    assert item.discussion == "Sekretærens tekst"


@AFTER_THE_MEETING
def test_an_edit_after_approval_withdraws_it(world: World, committed: Callable[[], Any]) -> None:
    meeting, _item = published(world, committed)
    minutes = services.minutes_start(actor=world.secretary, meeting=meeting)
    minutes = services.minutes_approve(actor=world.chair, minutes=minutes, version=minutes.version)
    minutes = services.minutes_save(
        actor=world.secretary,
        minutes=minutes,
        version=minutes.version,
        notes="Rettet",
        discussions={},
    )
    assert not minutes.approvals.exists()


def test_a_meeting_change_the_model_rejects_is_refused(world: World) -> None:
    """The service checks times; the model's own checks (here: a link must be a link) now
    run on every versioned write, as they did for the organisation's rows."""
    meeting = plan_meeting(world, MEETING_DAY)
    with pytest.raises(ValidationError) as refused:
        services.meeting_update(
            actor=world.secretary, meeting=meeting, version=meeting.version, video_url="møterom 2"
        )
    assert "video_url" in refused.value.message_dict
    meeting.refresh_from_db()
    assert (meeting.video_url, meeting.version) == ("", 1)


@AFTER_THE_MEETING
def test_a_new_attendance_list_makes_a_form_showing_the_old_one_stale(
    world: World, committed: Callable[[], Any]
) -> None:
    meeting, _item = published(world, committed)
    seats = [s for party in world.seats.values() for s in party]
    services.attendance_record(
        actor=world.secretary,
        meeting=meeting,
        rows=[services.AttendanceRow(person_id=s.person_id, status="PRESENT") for s in seats],
    )
    meeting.refresh_from_db()
    held_at = meeting.version
    # The meeting is held already: the list changes, its status does not.
    services.attendance_record(
        actor=world.secretary,
        meeting=meeting,
        rows=[services.AttendanceRow(person_id=s.person_id, status="ABSENT") for s in seats],
    )
    with pytest.raises(ConcurrentEditError):
        services.attendance_mark_all_present(
            actor=world.secretary, meeting=meeting, version=held_at
        )
