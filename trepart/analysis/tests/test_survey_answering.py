"""Answering a round (once per link, by the public link) and the round afterwards: counts,
changes, reminders, own questionnaires, choice answers."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from trepart.analysis.models import Answer, Instrument, Invitation, Question, Response, Survey
from trepart.analysis.services import surveys as services
from trepart.analysis.tests import survey_world as sw
from trepart.audit.writes import ConcurrentEditError
from trepart.organisation.models import Party

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> sw.World:
    return sw.build_world()


# ---------------------------------------------------------------------------------------
# Answering


def test_answer_is_stored_with_the_invitations_groups(
    world: sw.World, django_capture_on_commit_callbacks
) -> None:
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    token = tokens["tina@fjordvik.invalid"]
    response = services.answer_submit(
        token=token, values=sw.full_answers(survey, value=2, text="Mer tid til dialog")
    )
    assert (response.unit_id, response.party, response.body_id) == (
        world.nordby.pk,
        Party.EMPLOYEE,
        None,
    )
    assert response.answered_on == timezone.localdate()
    answers = Answer.objects.filter(response=response)
    scale = [a for a in answers if a.value is not None]
    assert len(scale) == 21 and {a.value for a in scale} == {2}
    assert [a.text for a in answers if a.text] == ["Mer tid til dialog"]
    assert {(a.unit_id, a.party, a.body_id) for a in answers} == {
        (world.nordby.pk, Party.EMPLOYEE, None)
    }
    invitation = Invitation.objects.get(person=world.person(world.teacher))
    assert invitation.answered and invitation.token_hash == ""


def test_a_link_answers_once(world: sw.World, django_capture_on_commit_callbacks) -> None:
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    token = tokens["tina@fjordvik.invalid"]
    services.answer_submit(token=token, values=sw.full_answers(survey))
    with pytest.raises(services.AnswerRefused) as refused:
        services.answer_submit(token=token, values=sw.full_answers(survey, value=1))
    assert refused.value.reason == services.AnswerRefused.UNKNOWN
    assert Response.objects.count() == 1
    assert not Answer.objects.filter(value=1).exists()


def test_an_unknown_token_is_refused(world: sw.World) -> None:
    for token in ("", "x" * 43):
        with pytest.raises(services.AnswerRefused):
            services.answer_submit(token=token, values={})


def test_missing_or_bad_answers_store_nothing(
    world: sw.World, django_capture_on_commit_callbacks
) -> None:
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    token = tokens["tina@fjordvik.invalid"]
    values = sw.full_answers(survey)
    first, second = services.questions_of(survey)[:2]
    del values[first.pk]
    values[second.pk] = 6
    with pytest.raises(ValidationError) as error:
        services.answer_submit(token=token, values=values)
    assert set(error.value.message_dict) == {f"q{first.pk}", f"q{second.pk}"}
    assert not Response.objects.exists()
    invitation = Invitation.objects.get(person=world.person(world.teacher))
    assert not invitation.answered and invitation.token_hash == services.hash_token(token)


def test_free_text_is_optional(world: sw.World, django_capture_on_commit_callbacks) -> None:
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    services.answer_submit(token=tokens["tina@fjordvik.invalid"], values=sw.full_answers(survey))
    assert not Answer.objects.exclude(text="").exists()


def test_resend_makes_a_new_link_and_kills_the_old(
    world: sw.World, django_capture_on_commit_callbacks
) -> None:
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    old = tokens["tina@fjordvik.invalid"]
    invitation = Invitation.objects.get(person=world.person(world.teacher))
    before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_resend(user=world.teacher, invitation=invitation)
    new = sw.tokens_by_email(mail.outbox[before:])["tina@fjordvik.invalid"]
    assert new != old
    with pytest.raises(services.AnswerRefused):
        services.answer_submit(token=old, values=sw.full_answers(survey))
    services.answer_submit(token=new, values=sw.full_answers(survey))
    with pytest.raises(PermissionDenied):
        services.invitation_resend(user=world.politician, invitation=invitation)
    with pytest.raises(ValidationError):
        services.invitation_resend(user=world.teacher, invitation=invitation)


# ---------------------------------------------------------------------------------------
# The public link


def open_link_survey(world: sw.World) -> tuple[Survey, str]:
    survey = services.survey_create(
        actor=world.admin,
        instrument=world.user_survey,
        title="Brukerundersøkelse skole",
        audience=Survey.Audience.OPEN_LINK,
        units=[world.sector],
    )
    result = services.survey_open(actor=world.admin, survey=survey)
    survey.refresh_from_db()
    return survey, result.open_link.rstrip("/").rsplit("/", 1)[1]


def test_open_link_answers_count_as_service_users(world: sw.World) -> None:
    survey, token = open_link_survey(world)
    assert survey.open_token_hash == services.hash_token(token)
    assert not Invitation.objects.exists()
    assert {u.pk for u in services.open_unit_choices(survey)} == {
        world.sector.pk,
        world.nordby.pk,
        world.sorby.pk,
    }
    response = services.open_answer_submit(
        token=token, values=sw.full_answers(survey), unit=world.sorby
    )
    assert (response.unit_id, response.party) == (world.sorby.pk, Party.SERVICE_USER)
    services.open_answer_submit(token=token, values=sw.full_answers(survey))
    assert Response.objects.filter(survey=survey).count() == 2
    with pytest.raises(ValidationError):
        services.open_answer_submit(token=token, values=sw.full_answers(survey), unit=world.nursing)


def test_a_new_public_link_kills_the_old(world: sw.World) -> None:
    survey, token = open_link_survey(world)
    link = services.survey_new_link(actor=world.admin, survey=survey)
    with pytest.raises(services.AnswerRefused):
        services.open_answer_submit(token=token, values=sw.full_answers(survey))
    services.open_answer_submit(
        token=link.rstrip("/").rsplit("/", 1)[1], values=sw.full_answers(survey)
    )


def test_round_counts(world: sw.World, django_capture_on_commit_callbacks) -> None:
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    services.answer_submit(token=tokens["tina@fjordvik.invalid"], values=sw.full_answers(survey))
    counts = services.round_counts([survey])[survey.pk]
    assert (counts.invited, counts.answered, counts.responses) == (len(tokens), 1, 1)
    assert services.my_open_invitations(user=world.teacher) == []
    assert [i.survey_id for i in services.my_open_invitations(user=world.politician)] == [survey.pk]


def test_a_round_past_its_closing_day_cannot_open(world: sw.World) -> None:
    survey = services.survey_create(
        actor=world.admin,
        instrument=world.self_assessment,
        title="X",
        units=[world.nordby],
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        services.survey_open(actor=world.admin, survey=survey)
    assert not Invitation.objects.exists()


def test_a_draft_can_be_changed_and_deleted_an_open_round_cannot(
    world: sw.World, django_capture_on_commit_callbacks
) -> None:
    survey = services.survey_create(
        actor=world.admin, instrument=world.self_assessment, title="X", units=[world.nordby]
    )
    services.survey_update(
        actor=world.admin,
        survey=survey,
        version=survey.version,
        instrument=world.self_assessment,
        title="Status",
        round_label="Høst",
        units=[world.sorby],
        parties=[Party.POLITICAL],
    )
    assert (survey.title, survey.round_label, survey.version) == ("Status", "Høst", 2)
    assert list(survey.target_units.all()) == [world.sorby]
    with pytest.raises(ConcurrentEditError):
        services.survey_update(
            actor=world.admin,
            survey=survey,
            version=1,
            instrument=world.self_assessment,
            title="Stale",
            units=[world.nordby],
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_open(actor=world.admin, survey=survey)
    with pytest.raises(ValidationError):
        services.survey_update(
            actor=world.admin,
            survey=survey,
            version=None,
            instrument=world.self_assessment,
            title="Too late",
            units=[world.nordby],
        )
    with pytest.raises(ValidationError):
        services.survey_delete(actor=world.admin, survey=survey)
    other = services.survey_create(
        actor=world.admin, instrument=world.self_assessment, title="Y", target_everyone=True
    )
    services.survey_delete(actor=world.admin, survey=other)
    assert not Survey.objects.filter(pk=other.pk).exists()


def test_reminders_give_new_links_to_those_who_have_not_answered(
    world: sw.World, django_capture_on_commit_callbacks
) -> None:
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    answered = tokens.pop("tina@fjordvik.invalid")
    services.answer_submit(token=answered, values=sw.full_answers(survey))
    before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        count = services.survey_remind(actor=world.admin, survey=survey)
    reminders = mail.outbox[before:]
    assert count == len(reminders) == len(tokens)
    assert "tina@fjordvik.invalid" not in {m.to[0] for m in reminders}
    # Each in the person's language (bokmål, nynorsk or English).
    assert all(m.subject.startswith(("Påminnelse:", "Påminning:", "Reminder:")) for m in reminders)
    fresh = sw.tokens_by_email(reminders)
    assert set(fresh) == set(tokens)
    someone = next(iter(tokens))
    with pytest.raises(services.AnswerRefused):
        services.answer_submit(token=tokens[someone], values=sw.full_answers(survey))
    services.answer_submit(token=fresh[someone], values=sw.full_answers(survey))
    assert Response.objects.count() == 2


def test_rounds_past_their_closing_day_are_closed_by_the_duty(
    world: sw.World, django_capture_on_commit_callbacks
) -> None:
    survey, _tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    today = timezone.localdate()
    Survey.objects.filter(pk=survey.pk).update(closes_on=today)
    assert services.surveys_close_past(day=today) == 0
    assert services.surveys_close_past(day=today + datetime.timedelta(days=1)) == 1
    survey.refresh_from_db()
    assert survey.status == Survey.Status.CLOSED
    assert not Invitation.objects.exclude(token_hash="").exists()


def test_an_own_questionnaire_from_lines(world: sw.World) -> None:
    instrument = services.instrument_create(
        actor=world.admin,
        title="Medarbeiderundersøkelse",
        kind=Instrument.Kind.EMPLOYEE,
        questions="Jeg trives på jobb.\n\nHvor ofte har du LMU-møter? | Månedlig | Sjeldnere\n",
        free_text="Noe mer?",
    )
    questions = list(instrument.questions.order_by("position"))
    assert [(q.kind, q.text, q.choices) for q in questions] == [
        (Question.Kind.SCALE, "Jeg trives på jobb.", []),
        (Question.Kind.CHOICE, "Hvor ofte har du LMU-møter?", ["Månedlig", "Sjeldnere"]),
        (Question.Kind.TEXT, "Noe mer?", []),
    ]
    assert instrument.municipality_id == world.municipality.pk
    assert instrument.builtin_key == ""


def test_bad_question_lines_are_refused_with_their_line_number(world: sw.World) -> None:
    with pytest.raises(ValidationError) as error:
        services.instrument_create(
            actor=world.admin,
            title="X",
            kind=Instrument.Kind.OTHER,
            questions="God\n| a | b\nBare ett valg | a\n" + "x" * 401,
        )
    messages = error.value.message_dict["questions"]
    assert [m.split()[1] for m in messages] == ["2", "3", "4"]
    assert not Instrument.objects.filter(title="X").exists()
    with pytest.raises(PermissionDenied):
        services.instrument_create(
            actor=world.teacher, title="X", kind=Instrument.Kind.OTHER, questions="God"
        )


def test_choice_answers_store_the_index(
    world: sw.World, django_capture_on_commit_callbacks
) -> None:
    instrument = services.instrument_create(
        actor=world.admin,
        title="Valg",
        kind=Instrument.Kind.OTHER,
        questions="Hvilken dag? | Mandag | Tirsdag | Onsdag",
    )
    survey = services.survey_create(
        actor=world.admin, instrument=instrument, title="Valg", units=[world.nordby]
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_open(actor=world.admin, survey=survey)
    token = sw.tokens_by_email()["tina@fjordvik.invalid"]
    question = instrument.questions.get()
    with pytest.raises(ValidationError):
        services.answer_submit(token=token, values={question.pk: 3})
    services.answer_submit(token=token, values={question.pk: 2})
    assert Answer.objects.get().value == 2


def test_a_demo_can_open_without_email_and_answer_with_the_tokens(
    world: sw.World, django_capture_on_commit_callbacks
) -> None:
    survey = services.survey_create(
        actor=None, instrument=world.self_assessment, title="Demo", units=[world.nordby]
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = services.survey_open(actor=None, survey=survey, send_email=False)
    assert mail.outbox == []
    assert len(result.tokens) == result.invited == 6
    for value, token in enumerate(result.tokens, start=1):
        services.answer_submit(token=token, values=sw.full_answers(survey, value=min(value, 5)))
    assert Response.objects.filter(survey=survey).count() == 6
