"""Making, opening and closing rounds; who is invited with which groups."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from trepart.analysis import instruments
from trepart.analysis.models import Instrument, Invitation, Question, Response, Survey
from trepart.analysis.services import surveys as services
from trepart.analysis.tests import survey_world as sw
from trepart.audit.models import AuditEntry
from trepart.audit.writes import ConcurrentEditError
from trepart.organisation.models import Party
from trepart.organisation.tests.factories import MembershipFactory
from trepart.platform.duties import daily_duties_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> sw.World:
    return sw.build_world()


def invited(survey: Survey) -> dict[int, tuple[int | None, str, int | None]]:
    return {
        inv.person_id: (inv.unit_id, inv.party, inv.body_id)
        for inv in Invitation.objects.filter(survey=survey)
    }


# ---------------------------------------------------------------------------------------
# Instruments


def test_builtin_self_assessment_has_the_sources_criteria(world: sw.World) -> None:
    questions = list(world.self_assessment.questions.order_by("position"))
    themes = [q.theme for q in questions if q.kind == Question.Kind.SCALE]
    assert themes.count(instruments.Theme.EQUALITY) == 5
    assert themes.count(instruments.Theme.DIALOGUE) == 4
    assert themes.count(instruments.Theme.RESPONSIBILITY) == 7
    assert themes.count(instruments.Theme.VALUES) == 5
    assert [q.kind for q in questions].count(Question.Kind.TEXT) == 1
    assert world.self_assessment.kind == Instrument.Kind.SELF_ASSESSMENT


def test_builtin_is_made_once_per_municipality(world: sw.World) -> None:
    again = instruments.instrument_get_or_create(
        municipality=world.municipality, key=instruments.SELF_ASSESSMENT
    )
    assert again.pk == world.self_assessment.pk
    assert Instrument.objects.filter(municipality=world.municipality).count() == 2
    other = instruments.instrument_get_or_create(
        municipality=world.stranger.municipality, key=instruments.SELF_ASSESSMENT
    )
    assert other.pk != world.self_assessment.pk


def test_user_survey_template(world: sw.World) -> None:
    assert world.user_survey.kind == Instrument.Kind.USER
    kinds = [q.kind for q in world.user_survey.questions.all()]
    assert kinds.count(Question.Kind.SCALE) == 6
    assert kinds.count(Question.Kind.TEXT) == 1


# ---------------------------------------------------------------------------------------
# Targets


def test_units_target_includes_sub_units_and_fixes_groups(
    world: sw.World, django_capture_on_commit_callbacks
) -> None:
    survey, tokens = sw.open_round(
        world,
        units=[world.sector],
        bodies=[],
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    people = invited(survey)
    assert set(people) == {p.pk for p in world.school_staff}
    teacher = world.person(world.teacher)
    assert people[teacher.pk] == (world.nordby.pk, Party.EMPLOYEE, None)
    assert len(tokens) == len(world.school_staff)


def test_bodies_target_takes_the_seat_party_and_the_first_body(
    world: sw.World, django_capture_on_commit_callbacks
) -> None:
    # The teacher sits in both chosen bodies; "LMU Nordby skole" sorts first.
    survey, _tokens = sw.open_round(
        world,
        units=[],
        bodies=[world.body, world.lmu],
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    people = invited(survey)
    seats = [p for party in world.seats.values() for p in party]
    assert set(people) == {p.pk for p in seats} | {
        world.school_staff[1].pk,
        world.person(world.teacher).pk,
    }
    politician = world.person(world.politician)
    assert people[politician.pk] == (None, Party.POLITICAL, world.body.pk)
    assert people[world.seats["ADMINISTRATION"][0].pk][1:] == (Party.ADMINISTRATION, world.body.pk)
    assert people[world.school_staff[1].pk] == (world.nordby.pk, Party.ADMINISTRATION, world.lmu.pk)
    assert people[world.person(world.teacher).pk][2] == world.lmu.pk


def test_party_target_takes_seats_for_that_party_only(
    world: sw.World, django_capture_on_commit_callbacks
) -> None:
    survey, _tokens = sw.open_round(
        world,
        units=[],
        bodies=[],
        parties=[Party.POLITICAL],
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    people = invited(survey)
    assert set(people) == {p.pk for p in world.seats["POLITICAL"]}
    assert {group[1] for group in people.values()} == {Party.POLITICAL}
    assert {group[2] for group in people.values()} == {None}


def test_ended_seats_are_not_asked(world: sw.World, django_capture_on_commit_callbacks) -> None:
    former = MembershipFactory.create(
        body=world.body,
        party="EMPLOYEE",
        start=datetime.date(2019, 1, 1),
        end=datetime.date(2020, 1, 1),
    )
    survey, _tokens = sw.open_round(
        world, units=[], django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    assert former.person_id not in invited(survey)


def test_everyone_skips_people_without_email(
    world: sw.World, django_capture_on_commit_callbacks
) -> None:
    survey = services.survey_create(
        actor=world.admin, instrument=world.self_assessment, title="Alle", target_everyone=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = services.survey_open(actor=world.admin, survey=survey)
    people = invited(survey)
    no_email = world.nursing_staff[1]
    assert no_email.pk not in people
    assert [p.pk for p in result.without_email] == [no_email.pk]
    assert world.person(world.outsider).pk in people
    assert people[world.person(world.politician).pk][1] == Party.POLITICAL
    # Leaders count for the administration.
    assert people[world.seats["ADMINISTRATION"][0].pk][1] == Party.ADMINISTRATION
    assert result.invited == len(people) == len(mail.outbox)


def test_an_invited_round_needs_a_target(world: sw.World) -> None:
    with pytest.raises(ValidationError) as error:
        services.survey_create(actor=world.admin, instrument=world.self_assessment, title="Ingen")
    assert "target_everyone" in error.value.message_dict


def test_target_of_another_municipality_is_refused(world: sw.World) -> None:
    other = sw.build_world()
    with pytest.raises(ValidationError) as error:
        services.survey_create(
            actor=world.admin, instrument=world.self_assessment, title="X", units=[other.nordby]
        )
    assert "target_units" in error.value.message_dict
    assert not Survey.objects.exists()


def test_only_a_manager_makes_rounds(world: sw.World) -> None:
    with pytest.raises(PermissionDenied):
        services.survey_create(
            actor=world.teacher,
            instrument=world.self_assessment,
            title="X",
            target_everyone=True,
        )
    with pytest.raises(PermissionDenied):
        services.survey_create(
            actor=world.stranger_admin,
            instrument=world.self_assessment,
            title="X",
            target_everyone=True,
        )


# ---------------------------------------------------------------------------------------
# Opening and closing


def test_open_stores_only_hashes_and_audits(
    world: sw.World, django_capture_on_commit_callbacks
) -> None:
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
    assert survey.opens_on == timezone.localdate()
    hashes = set(Invitation.objects.filter(survey=survey).values_list("token_hash", flat=True))
    assert hashes == {services.hash_token(token) for token in tokens.values()}
    assert not set(tokens.values()) & hashes
    actions = list(
        AuditEntry.objects.filter(object_type="analysis.Survey", object_id=str(survey.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [AuditEntry.Action.CREATE, AuditEntry.Action.UPDATE]


def test_emails_are_sent_only_when_the_transaction_commits(world: sw.World) -> None:
    survey = services.survey_create(
        actor=world.admin, instrument=world.self_assessment, title="X", units=[world.nordby]
    )
    services.survey_open(actor=world.admin, survey=survey)
    # The test's transaction never commits: nothing has gone out.
    assert mail.outbox == []


def test_open_twice_is_refused(world: sw.World, django_capture_on_commit_callbacks) -> None:
    survey, _tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    count = Invitation.objects.count()
    with pytest.raises(ValidationError):
        services.survey_open(actor=world.admin, survey=survey)
    assert Invitation.objects.count() == count


def test_stale_version_is_a_concurrent_edit(world: sw.World) -> None:
    survey = services.survey_create(
        actor=world.admin, instrument=world.self_assessment, title="X", units=[world.nordby]
    )
    with pytest.raises(ConcurrentEditError):
        services.survey_open(actor=world.admin, survey=survey, version=survey.version + 1)
    survey.refresh_from_db()
    assert survey.status == Survey.Status.DRAFT


def test_close_forgets_unused_tokens_and_refuses_answers(
    world: sw.World, django_capture_on_commit_callbacks
) -> None:
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    token = next(iter(tokens.values()))
    services.survey_close(actor=world.admin, survey=survey)
    assert survey.status == Survey.Status.CLOSED
    assert not Invitation.objects.exclude(token_hash="").exists()
    with pytest.raises(services.AnswerRefused):
        services.answer_submit(token=token, values=sw.full_answers(survey))
    assert not Response.objects.exists()


def test_past_closing_day_refuses_answers(
    world: sw.World, django_capture_on_commit_callbacks
) -> None:
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    Survey.objects.filter(pk=survey.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(services.AnswerRefused) as refused:
        services.answer_submit(token=next(iter(tokens.values())), values=sw.full_answers(survey))
    assert refused.value.reason == services.AnswerRefused.CLOSED


def test_the_daily_duties_close_rounds_past_their_closing_day(
    world: sw.World, django_capture_on_commit_callbacks
) -> None:
    survey, _tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    last_day = timezone.localdate() + datetime.timedelta(days=3)
    Survey.objects.filter(pk=survey.pk).update(closes_on=last_day)
    assert daily_duties_run(day=last_day).duties["survey_rounds"] == {"closed": 0}
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
    report = daily_duties_run(day=last_day + datetime.timedelta(days=1))
    survey.refresh_from_db()
    assert report.duties["survey_rounds"] == {"closed": 1}
    assert survey.status == Survey.Status.CLOSED
