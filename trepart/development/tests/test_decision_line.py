"""The decision line: status reports to the mandating body's agenda, the innstilling item,
the body's agreement read as "recommended", and the council's decision recorded — one test
going the whole way from the mandate, and one per refusal."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from trepart.audit.writes import ConcurrentEditError
from trepart.development.models import Improvement, Plan, Project, SavingsMeasure
from trepart.development.selectors.status import shown_status
from trepart.development.services.decision import (
    decision_record,
    project_recommendation_note,
    projects_recommended_note,
    recommendation_send,
)
from trepart.development.services.lean import improvement_add, improvement_update
from trepart.development.services.projects import project_create
from trepart.development.services.reports import status_report_send
from trepart.development.tests.project_steps import (
    MEETING_DAY,
    NOW,
    at,
    handed_proposal,
    meeting_of,
    new_project,
)
from trepart.development.tests.world import ProjectWorld, build_project_world, task_make
from trepart.meetings import services as meetings
from trepart.meetings.models import AgendaItem
from trepart.organisation.models import Party
from trepart.platform.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world() -> ProjectWorld:
    return build_project_world()


def _decide(world: ProjectWorld, project: Project, **fields: object) -> Project:
    values: dict[str, object] = {
        "decision_maker": "COUNCIL",
        "adopted": True,
        "text": "Kommunestyret vedtar innstillingen.",
        "votes": "25 mot 8",
        "decided_on": datetime.date(2026, 4, 2),
    }
    values.update(fields)
    return decision_record(
        actor=world.body_users[Party.ADMINISTRATION],
        project=project,
        version=project.version,
        **values,  # type: ignore[arg-type]
    )


def test_from_proposal_to_council_decision(
    world: ProjectWorld, clock: time_machine.Traveller
) -> None:
    # The body hands a proposal to a new Lean project; the proposer is told.
    proposal = handed_proposal(world)
    member = world.body_users[Party.POLITICAL]
    project = project_create(
        actor=member,
        mandate_proposal=proposal,
        **new_project(world, informed=[world.body_users[Party.EMPLOYEE].person]),
    )
    assert Notification.objects.filter(email="forslag@example.invalid").count() == 1
    chair = world.group_users[Party.ADMINISTRATION]
    employee = world.group_users[Party.EMPLOYEE]
    card = improvement_add(actor=employee, project=project, kind="IDEA", title="Felles ruteplan")
    improvement_update(
        actor=chair, improvement=card, version=1, hours_saved_per_month=12, step="DONE"
    )

    # A status report goes to the body's next meeting as a briefing, with the board's sums.
    first = meeting_of(world)
    report = status_report_send(actor=chair, project=project, meeting=first, text="Godt i gang.")
    item = report.item
    assert item is not None
    assert (item.kind, item.meeting_id) == (AgendaItem.Kind.ORIENTATION, first.pk)
    assert project.title in item.title
    assert "12" in item.description and "Godt i gang." in item.description
    informed = world.body_users[Party.EMPLOYEE]
    told = Notification.objects.get(user=informed)
    assert "Godt i gang." in told.body and "12" in told.body

    # The recommendation goes on a later meeting; the body agrees on it there.
    second = meeting_of(world, MEETING_DAY + datetime.timedelta(days=14))
    innstilling = recommendation_send(
        actor=chair, project=project, meeting=second, text="Ny ruteplan innføres."
    )
    assert innstilling.kind == AgendaItem.Kind.RECOMMENDATION
    assert innstilling.snapshot is None  # no plan chosen in a Lean project
    project.refresh_from_db()
    assert project.recommendation_item == innstilling
    assert shown_status(project) == Project.Status.ACTIVE
    second = meetings.meeting_publish_agenda(actor=world.admin, meeting=second, version=1)
    clock.move_to(at(second.starts_at.date(), 19))
    innstilling.refresh_from_db()
    meetings.item_outcome_record(
        actor=world.admin,
        item=innstilling,
        version=innstilling.version,
        outcome=AgendaItem.Outcome.CONSENSUS,
        outcome_text="Innstillingen sendes kommunestyret.",
    )
    project.refresh_from_db()
    assert shown_status(project) == Project.Status.RECOMMENDED
    project = project_recommendation_note(actor=chair, project=project)
    assert project.status == Project.Status.RECOMMENDED

    # The council decides, and the decision is recorded on the project.
    clock.move_to(at(datetime.date(2026, 4, 3), 9))
    decided = _decide(world, project)
    assert decided.status == Project.Status.DECIDED
    assert decided.decision_adopted is True
    assert decided.decision_votes == "25 mot 8"
    # A correction goes through the same service, against the current version.
    corrected = _decide(world, decided, votes="26 mot 7")
    assert corrected.decision_votes == "26 mot 7"
    with pytest.raises(ConcurrentEditError):
        decision_record(
            actor=chair,
            project=decided,
            version=decided.version,
            decision_maker="COUNCIL",
            adopted=True,
            text="Gammel",
            decided_on=datetime.date(2026, 4, 2),
        )
    assert Improvement.objects.get().step == "DONE"


def test_a_decision_before_the_recommendation_is_refused(world: ProjectWorld) -> None:
    with pytest.raises(ValidationError) as error:
        _decide(world, world.project)
    assert "not yet agreed" in error.value.messages[0]
    assert Project.objects.get(pk=world.project.pk).status == Project.Status.ACTIVE


def _recommended(world: ProjectWorld, clock: time_machine.Traveller) -> Project:
    meeting = meeting_of(world)
    item = recommendation_send(
        actor=world.group_users[Party.EMPLOYEE],
        project=world.project,
        meeting=meeting,
        text="Innstilling",
    )
    meetings.meeting_publish_agenda(actor=world.admin, meeting=meeting, version=1)
    clock.move_to(at(MEETING_DAY, 19))
    item.refresh_from_db()
    meetings.item_outcome_record(
        actor=world.admin, item=item, version=item.version, outcome="CONSENSUS", outcome_text="Ja"
    )
    return Project.objects.get(pk=world.project.pk)


def test_the_daily_duty_stores_the_recommendation(
    world: ProjectWorld, clock: time_machine.Traveller
) -> None:
    project = _recommended(world, clock)
    assert project.status == Project.Status.ACTIVE  # read from the item until stored
    assert shown_status(project) == Project.Status.RECOMMENDED
    assert projects_recommended_note(NOW.date()) == {"recommended": 1}
    assert Project.objects.get(pk=project.pk).status == Project.Status.RECOMMENDED
    assert projects_recommended_note(NOW.date()) == {"recommended": 0}


def test_bad_decisions_get_clear_messages(
    world: ProjectWorld, clock: time_machine.Traveller
) -> None:
    project = _recommended(world, clock)
    with pytest.raises(ValidationError) as error:
        _decide(
            world,
            project,
            text=" ",
            adopted=None,
            decision_maker="MAYOR",
            decided_on=datetime.date(2026, 12, 24),
        )
    problems = error.value.message_dict
    assert set(problems) == {"text", "adopted", "decision_maker", "decided_on"}
    assert "still to come" in problems["decided_on"][0]
    with pytest.raises(ValidationError) as error:
        _decide(world, project, decided_on=datetime.date(2026, 3, 1))
    assert "before the body's recommendation" in error.value.message_dict["decided_on"][0]
    with pytest.raises(PermissionDenied):
        decision_record(
            actor=world.outsider,
            project=project,
            version=project.version,
            decision_maker="COUNCIL",
            adopted=True,
            text="X",
            decided_on=datetime.date(2026, 3, 16),
        )
    assert Project.objects.get(pk=project.pk).decided_on is None


def test_a_recommendation_is_sent_once_while_it_waits(world: ProjectWorld) -> None:
    chair = world.group_users[Party.ADMINISTRATION]
    meeting = meeting_of(world)
    recommendation_send(actor=chair, project=world.project, meeting=meeting, text="Første")
    with pytest.raises(ValidationError) as error:
        recommendation_send(actor=chair, project=world.project, meeting=meeting, text="Andre")
    assert "already on an agenda" in error.value.messages[0]
    assert AgendaItem.objects.filter(kind="RECOMMENDATION").count() == 1


def test_reports_go_only_to_the_bodys_coming_meetings(world: ProjectWorld) -> None:
    chair = world.group_users[Party.ADMINISTRATION]
    other_body_meeting = meeting_of(world, body=world.group)
    past = meeting_of(world, datetime.date(2026, 2, 20))
    for meeting in (other_body_meeting, past, None):
        with pytest.raises(ValidationError) as error:
            status_report_send(actor=chair, project=world.project, meeting=meeting, text="Status")
        assert "meeting" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        status_report_send(actor=chair, project=world.project, meeting=meeting_of(world), text="")
    assert "text" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        status_report_send(
            actor=world.body_users[Party.POLITICAL],
            project=world.project,
            meeting=meeting_of(world),
            text="Status",
        )
    assert not AgendaItem.objects.filter(kind="ORIENTATION").exists()


def test_the_chosen_plan_is_frozen_on_the_recommendation(world: ProjectWorld) -> None:
    """Needs the ``development.plan`` snapshot source (``development/snapshot_sources.py``),
    which reads the plan from the parameter ``plan``."""
    Plan.objects.create(project=world.project, target=1_000_000, chosen=True, result={})
    item = recommendation_send(
        actor=world.group_users[Party.ADMINISTRATION],
        project=world.project,
        meeting=meeting_of(world),
        text="Planen legges fram.",
    )
    assert item.snapshot is not None
    assert item.snapshot["key"] == "development.plan"


def test_people_kept_informed_read_the_report_in_their_own_language(world: ProjectWorld) -> None:
    english = world.body_users[Party.POLITICAL]  # test users read English
    norwegian = world.body_users[Party.EMPLOYEE]
    norwegian.language = "nn"
    norwegian.save(update_fields=["language"])
    world.project.informed.set([english.person, norwegian.person])
    status_report_send(
        actor=world.group_users[Party.ADMINISTRATION],
        project=world.project,
        meeting=meeting_of(world),
        text="Alt går etter planen.",
    )
    assert Notification.objects.get(user=english).subject.startswith("Status report:")
    assert Notification.objects.get(user=norwegian).subject.startswith("Statusrapport:")


def test_an_adopted_plan_goes_into_the_ledger_and_a_rejected_one_does_not(
    world: ProjectWorld, clock: time_machine.Traveller
) -> None:
    task = task_make(
        world.project,
        "Brøyting",
        {"LOWER": (600_000, "1.0", 4), "KEEP": (1_000_000, "2.0", 7)},
        unit=world.unit,
    )
    choice = {
        "key": str(task.pk),
        "name": "Brøyting",
        "kind": "LOWER",
        "saving": 400_000,
        "fte_change": -1.0,
        "quality_lost": 3.0,
        "locked": False,
        "minimum": "",
    }
    Plan.objects.create(
        project=world.project, target=400_000, chosen=True, result={"choices": [choice]}
    )
    project = _recommended(world, clock)
    clock.move_to(at(datetime.date(2026, 4, 3), 9))
    rejected = _decide(world, project, adopted=False, text="Kommunestyret vedtar ikke planen.")
    assert not SavingsMeasure.objects.exists()
    _decide(world, rejected)
    measure = SavingsMeasure.objects.get()
    assert (measure.unit, measure.task, measure.realisation) == (world.unit, task, "ATTRITION")
    assert [(y.year, y.planned) for y in measure.years.order_by("year")] == [
        (2027, 400_000),
        (2028, 400_000),
        (2029, 400_000),
    ]
