"""The deadline reminders under controlled time: who is reminded of which overdue proposal,
when, and how often; a proposer's messages past the daily limit in the next morning's digest;
the reminders in `trepart daily`'s report. Each day runs every registered daily duty, as the
worker does."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from trepart.organisation.models import Membership
from trepart.organisation.tests.factories import BodyFactory, MembershipFactory, UnitFactory
from trepart.platform.duties import DailyReport, daily_duties_run
from trepart.platform.mail import DIGEST_AFTER
from trepart.platform.models import DailyRun, Notification
from trepart.proposals import duties, services
from trepart.proposals.models import Event, Reminder
from trepart.proposals.tests.world import (
    ARRIVAL,
    DUE,
    World,
    answer,
    build_world,
    member,
    noon,
    submit,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def world() -> World:
    return build_world()


def arrived(world: World, title: str = "Felles kjøkkenhage", **fields: Any) -> Any:
    with time_machine.travel(noon(ARRIVAL), tick=False):
        return submit(world, title, **fields)


def run_day(day: datetime.date) -> DailyReport:
    with time_machine.travel(noon(day), tick=False):
        report = daily_duties_run(day=day)
    assert report.errors == {}
    return report


def run(day: datetime.date) -> dict[str, int]:
    """The day's duties; what the deadline reminders did."""
    return run_day(day).duties["deadline_reminders"]


def sent_to(address: str) -> list[Any]:
    return [message for message in mail.outbox if address in message.to]


# --- Overdue and the chair --------------------------------------------------------------


def test_due_today_is_not_overdue_and_due_yesterday_is(world: World) -> None:
    proposal = arrived(world)
    assert proposal.due_on == DUE

    on_the_day = run(DUE)
    assert on_the_day["overdue"] == 0
    assert mail.outbox == []

    next_day = run(DUE + DAY)
    assert next_day["overdue"] == 1
    assert next_day["chair_reminders"] == 1
    [message] = mail.outbox
    assert message.to == ["lise.leder@kommune.invalid"]
    assert "Felles kjøkkenhage" in message.body
    assert "1 day overdue" in message.body
    assert f"http://127.0.0.1:8000/forslag/{proposal.pk}/" in message.body
    assert f"/organer/{world.lmu.pk}/innboks/" in message.body


def test_chair_gets_one_message_listing_every_overdue_proposal_of_every_body_they_lead(
    world: World,
) -> None:
    first = arrived(world, "Felles kjøkkenhage")
    second = arrived(world, "Nye garderobeskap")
    other_lmu = BodyFactory.create(
        municipality=world.municipality, kind="LMU", unit=world.kindergarten, name="LMU barnehage"
    )
    MembershipFactory.create(body=other_lmu, person=world.lmu_chair.person, role="CHAIR")
    third = arrived(world, "Lekeplass til småbarna", unit_ids=[world.kindergarten.pk])
    assert third.body == other_lmu

    report = run(DUE + 3 * DAY)

    assert report["chair_reminders"] == 3
    assert report["chair_messages"] == 1
    [message] = mail.outbox
    for proposal in (first, second, third):
        assert proposal.title in message.body
    assert "3 days overdue" in message.body
    assert "LMU barnehage" in message.body
    assert "3 proposals are past their answer deadline" in message.subject
    reminded = Event.objects.filter(kind=Event.Kind.REMINDED)
    assert {event.proposal_id for event in reminded} == {first.pk, second.pk, third.pk}
    assert {event.data["level"] for event in reminded} == {"CHAIR"}
    assert Reminder.objects.filter(level="CHAIR").count() == 3


def test_chair_is_reminded_once_per_deadline_then_weekly_while_still_overdue(
    world: World,
) -> None:
    proposal = arrived(world)
    assert run(DUE + DAY)["chair_reminders"] == 1
    assert run(DUE + 2 * DAY)["chair_reminders"] == 0
    assert run(DUE + 7 * DAY)["chair_reminders"] == 0
    assert len(mail.outbox) == 1

    again = run(DUE + 8 * DAY)

    assert again["chair_reminders"] == 1
    chair_mail = sent_to("lise.leder@kommune.invalid")
    assert len(chair_mail) == 2
    assert "8 days overdue" in chair_mail[1].body
    reminder = Reminder.objects.get(proposal=proposal, level="CHAIR")
    assert (reminder.due_on, reminder.sent_on) == (DUE, DUE + 8 * DAY)


def test_no_reminder_once_the_proposal_is_answered(world: World) -> None:
    proposal = arrived(world)
    run(DUE + DAY)
    with time_machine.travel(noon(DUE + 2 * DAY), tick=False):
        answer(world, proposal, "REJECTED")

    later = run(DUE + 9 * DAY)

    assert later["overdue"] == 0
    assert later["chair_reminders"] == later["coordination_reminders"] == 0
    assert len(mail.outbox) == 1


def test_withdrawn_proposal_is_not_reminded(world: World) -> None:
    proposal = arrived(world)
    with time_machine.travel(noon(ARRIVAL + DAY), tick=False):
        services.proposal_withdraw(actor=world.employee, proposal=proposal)
    assert run(DUE + DAY)["overdue"] == 0
    assert mail.outbox == []


def test_new_deadline_after_further_evaluation_gets_a_new_reminder(world: World) -> None:
    proposal = arrived(world)
    run(DUE + DAY)
    new_due = DUE + 20 * DAY
    with time_machine.travel(noon(DUE + 2 * DAY), tick=False):
        answer(world, proposal, "FURTHER_EVALUATION", new_due_on=new_due)

    assert run(DUE + 9 * DAY)["chair_reminders"] == 0  # not overdue any more
    assert run(new_due)["chair_reminders"] == 0
    renewed = run(new_due + DAY)

    assert renewed["chair_reminders"] == 1
    assert len(mail.outbox) == 2
    assert sorted(Reminder.objects.filter(level="CHAIR").values_list("due_on", flat=True)) == [
        DUE,
        new_due,
    ]


def test_escalated_proposal_reminds_the_new_bodys_chair_after_its_own_deadline(
    world: World,
) -> None:
    proposal = arrived(world)
    run(DUE + DAY)
    escalated_on = DUE + 2 * DAY
    with time_machine.travel(noon(escalated_on), tick=False):
        services.proposal_escalate(
            actor=world.employee,
            proposal=proposal,
            reason="Saken berører flere arbeidsplasser enn skolen.",
            to_body=world.coordination,
        )
    new_due = escalated_on + 30 * DAY

    assert run(new_due)["overdue"] == 0
    renewed = run(new_due + DAY)

    assert renewed["chair_reminders"] == 1
    assert [m.to for m in mail.outbox] == [
        ["lise.leder@kommune.invalid"],
        ["kari.koordinator@kommune.invalid"],
    ]


# --- Who is told for a body ---------------------------------------------------------------


def test_body_without_a_chair_tells_its_deputy_chair_else_its_secretary(world: World) -> None:
    world.lmu_chair.end = ARRIVAL
    world.lmu_chair.save()
    member(world.lmu, role="SECRETARY", email="sekretaer@kommune.invalid")
    arrived(world)

    run(DUE + DAY)
    assert [m.to for m in mail.outbox] == [["sekretaer@kommune.invalid"]]

    member(world.lmu, role="DEPUTY_CHAIR", email="nestleder@kommune.invalid")
    run(DUE + 8 * DAY)
    assert len(sent_to("nestleder@kommune.invalid")) == 1
    assert len(sent_to("sekretaer@kommune.invalid")) == 1


def test_a_body_with_nobody_to_tell_is_counted_and_tried_again_later(world: World) -> None:
    Membership.objects.filter(body=world.lmu).delete()
    arrived(world)

    nobody = run(DUE + DAY)

    assert nobody["without_recipient"] == 1
    assert nobody["chair_reminders"] == 0
    assert not Reminder.objects.exists()
    member(world.lmu, role="CHAIR", email="ny.leder@kommune.invalid")
    assert run(DUE + 2 * DAY)["chair_reminders"] == 1
    assert mail.outbox[-1].to == ["ny.leder@kommune.invalid"]


# --- The coordination group after the grace period ---------------------------------------


def test_coordination_group_is_told_only_after_the_grace_period_and_only_once(
    world: World,
) -> None:
    proposal = arrived(world, hide_name=True)
    grace = world.municipality.proposal_grace_days
    assert grace == 7

    for days in range(1, grace + 1):
        assert run(DUE + days * DAY)["coordination_reminders"] == 0
    told = run(DUE + (grace + 1) * DAY)
    assert told["coordination_reminders"] == 1
    assert told["coordination_messages"] == 2
    after = run(DUE + (grace + 2) * DAY)

    assert after["coordination_reminders"] == 0
    coordination_mail = sent_to("kari.koordinator@kommune.invalid") + sent_to(
        "sverre.sekretaer@kommune.invalid"
    )
    assert len(coordination_mail) == 2
    # Kari has a login in English; Sverre has none, so he reads the municipality's bokmål.
    kari, sverre = coordination_mail
    assert "8 days overdue" in kari.body
    assert "8 dager over fristen" in sverre.body
    for message in coordination_mail:
        assert proposal.title in message.body
        assert "LMU skole" in message.body
        # The coordination group does not handle it, so a hidden name stays hidden.
        assert "Anne" not in message.body
        assert "Ansatt" not in message.body
    levels = list(
        Event.objects.filter(proposal=proposal, kind=Event.Kind.REMINDED)
        .order_by("pk")
        .values_list("data__level", flat=True)
    )
    # The chair on the first day, and again a week later when the group is told too.
    assert levels == ["CHAIR", "CHAIR", "COORDINATION"]


def test_grace_period_is_the_municipalitys_own(world: World) -> None:
    world.municipality.proposal_grace_days = 2
    world.municipality.save()
    arrived(world)
    assert run(DUE + 2 * DAY)["coordination_reminders"] == 0
    assert run(DUE + 3 * DAY)["coordination_reminders"] == 1


# --- Once a day -------------------------------------------------------------------------


def test_the_reminders_are_kept_in_the_days_report(world: World) -> None:
    arrived(world)
    run(DUE + DAY)
    second = run_day(DUE + DAY)

    assert second.already_ran
    assert len(mail.outbox) == 1
    stored = DailyRun.objects.get(day=DUE + DAY)
    assert stored.report["duties"]["deadline_reminders"]["chair_reminders"] == 1


# --- The digest ---------------------------------------------------------------------------


def test_more_than_a_few_messages_a_day_go_into_one_digest_the_next_morning(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    steps = DIGEST_AFTER + 2
    with (
        time_machine.travel(noon(ARRIVAL), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        proposal = submit(world)
        services.proposal_take_up(actor=world.employee, proposal=proposal)
        services.position_record(
            actor=world.employee, proposal=proposal, membership=world.lmu_chair, stance="AGREE"
        )
        services.proposal_answer(
            actor=world.employee,
            proposal=proposal,
            kind="FURTHER_EVALUATION",
            reason="Vi må se på budsjettet for neste år før vi kan svare.",
            new_due_on=ARRIVAL + 40 * DAY,
        )
        services.proposal_answer(
            actor=world.employee, proposal=proposal, kind="IMPLEMENTED", reason=REASON_DONE
        )
        submit(world, "Nye garderobeskap")
    proposer = "anne.ansatt@kommune.invalid"
    assert Notification.objects.filter(email=proposer).count() == steps
    assert len(sent_to(proposer)) == DIGEST_AFTER
    held = list(Notification.objects.filter(in_digest=True).order_by("pk"))
    assert len(held) == steps - DIGEST_AFTER

    same_day = run_day(ARRIVAL).duties["digest"]
    assert same_day["messages"] == 0

    next_morning = run_day(ARRIVAL + DAY).duties["digest"]

    assert next_morning["messages"] == 1
    assert next_morning["notifications"] == len(held)
    digest = sent_to(proposer)[-1]
    assert len(sent_to(proposer)) == DIGEST_AFTER + 1
    assert f"{len(held)} messages about proposals" in digest.subject
    for notification in held:
        assert notification.subject in digest.body
    assert "Nye garderobeskap" in digest.body
    assert REASON_DONE in digest.body
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
    assert run_day(ARRIVAL + 2 * DAY).duties["digest"]["messages"] == 0


REASON_DONE = "Kjøkkenhagen settes i gang til våren sammen med elevrådet."


# --- Languages ----------------------------------------------------------------------------


def test_reminder_is_written_in_the_chairs_language_else_the_municipalitys() -> None:
    world = build_world(chair_language="nn")
    arrived(world)

    run(DUE + 8 * DAY)

    chair = sent_to("lise.leder@kommune.invalid")[0]
    assert chair.extra_headers["Content-Language"] == "nn"
    # Dates are written the reader's way: Norwegian month names in lower case.
    assert "31. oktober 2026" in chair.body
    coordinator = sent_to("kari.koordinator@kommune.invalid")[0]
    assert coordinator.extra_headers["Content-Language"] == "en"
    assert "31. October 2026" in coordinator.body
    secretary = sent_to("sverre.sekretaer@kommune.invalid")[0]  # no login: the municipality's
    assert secretary.extra_headers["Content-Language"] == world.municipality.language == "nb"
    assert translation.get_language() == "en"


# --- The command ---------------------------------------------------------------------------


def test_daily_command_prints_the_reminders(world: World) -> None:
    arrived(world)
    out = StringIO()
    with time_machine.travel(noon(DUE + 8 * DAY), tick=False):
        call_command("daily", stdout=out)
    text = out.getvalue()
    assert "Daily duties for 2026-11-08" in text
    assert "  deadline reminders:\n" in text
    assert "    chair reminders:        1\n" in text
    assert "    coordination messages:  2\n" in text
    assert len(mail.outbox) == 3


# --- Scale ----------------------------------------------------------------------------------


def _queries_for_a_day(world: World, day: datetime.date) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        run(day)
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_overdue_proposals(world: World) -> None:
    bodies = [world.lmu]
    for number in range(4):
        unit = UnitFactory.create(municipality=world.municipality)
        body = BodyFactory.create(municipality=world.municipality, kind="LMU", unit=unit)
        member(body, role="CHAIR", email=f"leder{number}@kommune.invalid")
        bodies.append(body)
    # The same kinds of work each day: reminders at both levels, and a digest.
    for number in range(DIGEST_AFTER + 1):
        arrived(world, f"Første {number}")
    few = _queries_for_a_day(world, DUE + 8 * DAY)
    Reminder.objects.all().delete()
    for number, body in enumerate(bodies * 4):
        arrived(world, f"Forslag {number}", unit_ids=[body.unit_id])
    mail.outbox = []

    many = _queries_for_a_day(world, DUE + 9 * DAY)

    assert many == few
    # Five chairs, the coordination group's chair and secretary, and one digest.
    assert len(mail.outbox) == 5 + 2 + 1


def test_a_long_list_is_cut_short_with_a_count_and_the_inbox(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(duties, "LISTED_PER_BODY", 2)
    for title in ("Eldst", "Nest eldst", "Tredje", "Fjerde"):
        arrived(world, title)

    report = run(DUE + DAY)

    assert report["chair_reminders"] == 4
    [message] = sent_to("lise.leder@kommune.invalid")
    assert "Eldst" in message.body
    assert "Nest eldst" in message.body
    assert "Tredje" not in message.body
    assert "… and 2 more proposals: see the body's inbox." in message.body
    assert Reminder.objects.count() == 4
