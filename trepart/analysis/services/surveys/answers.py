"""Storing anonymous answers: through a one-time link, or a public survey's link."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trepart.analysis.models import (
    Answer,
    Instrument,
    Invitation,
    Question,
    Response,
    Survey,
)
from trepart.analysis.models.surveys import SCALE_MAX, SCALE_MIN
from trepart.analysis.services.surveys._common import (
    TEXT_MAX,
    AnswerRefused,
    hash_token,
    is_open,
    questions_of,
)
from trepart.organisation.models import Party, Unit
from trepart.organisation.selectors import unit_tree


def invitation_for_token(token: str) -> Invitation:
    """The unused invitation behind a link, or ``AnswerRefused`` saying why not."""
    if not token:
        raise AnswerRefused(AnswerRefused.UNKNOWN)
    invitation = (
        Invitation.objects.select_related("survey__municipality", "survey__instrument")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None or invitation.answered:
        raise AnswerRefused(AnswerRefused.UNKNOWN)
    if not is_open(invitation.survey):
        raise AnswerRefused(AnswerRefused.CLOSED)
    return invitation


def survey_for_open_token(token: str) -> Survey:
    if not token:
        raise AnswerRefused(AnswerRefused.UNKNOWN)
    survey = (
        Survey.objects.select_related("municipality", "instrument")
        .filter(open_token_hash=hash_token(token), audience=Survey.Audience.OPEN_LINK)
        .first()
    )
    if survey is None:
        raise AnswerRefused(AnswerRefused.UNKNOWN)
    if not is_open(survey):
        raise AnswerRefused(AnswerRefused.CLOSED)
    return survey


def clean_values(
    questions: Sequence[Question], values: Mapping[int, Any]
) -> dict[int, int | str | None]:
    """Each question's answer checked: SCALE 1–5 and CHOICE required, TEXT optional."""
    clean: dict[int, int | str | None] = {}
    errors: dict[str, list[Any]] = {}
    for question in questions:
        raw = values.get(question.pk)
        if question.kind == Question.Kind.TEXT:
            text = str(raw or "").strip()
            if len(text) > TEXT_MAX:
                errors[f"q{question.pk}"] = [
                    _("Please keep the answer under %(count)d characters.") % {"count": TEXT_MAX}
                ]
            clean[question.pk] = text
            continue
        try:
            number = int(raw) if raw is not None and raw != "" else None
        except (TypeError, ValueError):
            number = None
        if question.kind == Question.Kind.SCALE:
            low, high = SCALE_MIN, SCALE_MAX
        else:
            low, high = 0, len(question.choices) - 1
        if number is None or not low <= number <= high:
            errors[f"q{question.pk}"] = [_("Please choose an answer.")]
            continue
        clean[question.pk] = number
    if errors:
        raise ValidationError(errors)
    return clean


def store_answers(
    *,
    survey: Survey,
    questions: Sequence[Question],
    clean: Mapping[int, int | str | None],
    unit_id: int | None,
    party: str,
    body_id: int | None,
) -> Response:
    response = Response.objects.create(
        municipality_id=survey.municipality_id,
        survey=survey,
        unit_id=unit_id,
        party=party,
        body_id=body_id,
        answered_on=timezone.localdate(),
    )
    answers = []
    for question in questions:
        value = clean.get(question.pk)
        if question.kind == Question.Kind.TEXT:
            if not value:
                continue
            answers.append(
                Answer(
                    survey=survey,
                    response=response,
                    question=question,
                    unit_id=unit_id,
                    party=party,
                    body_id=body_id,
                    text=str(value),
                )
            )
        else:
            answers.append(
                Answer(
                    survey=survey,
                    response=response,
                    question=question,
                    unit_id=unit_id,
                    party=party,
                    body_id=body_id,
                    value=int(value),  # type: ignore[arg-type]
                )
            )
    Answer.objects.bulk_create(answers)
    return response


def answer_submit(*, token: str, values: Mapping[int, Any]) -> Response:
    """Store one invited person's answers and spend their link, in one transaction.

    ``values`` maps question ids to the chosen number (SCALE/CHOICE) or text (TEXT).
    Raises ``AnswerRefused`` for an unknown or used link or a survey that is not open, and
    ``ValidationError`` (keyed ``q<question id>``) for missing or bad answers.
    """
    if not token:
        raise AnswerRefused(AnswerRefused.UNKNOWN)
    token_hash = hash_token(token)
    found = Invitation.objects.filter(token_hash=token_hash).values_list("survey_id", flat=True)
    survey_id = found.first()
    if survey_id is None:
        raise AnswerRefused(AnswerRefused.UNKNOWN)
    with transaction.atomic():
        # The round first, then the invitation (the order closing takes them in): closing
        # waits for this answer, or this answer sees the round closed.
        survey = Survey.objects.select_for_update().get(pk=survey_id)
        invitation = (
            Invitation.objects.select_for_update()
            .filter(token_hash=token_hash, survey_id=survey_id)
            .first()
        )
        if invitation is None or invitation.answered:
            raise AnswerRefused(AnswerRefused.UNKNOWN)
        if not is_open(survey):
            raise AnswerRefused(AnswerRefused.CLOSED)
        questions = questions_of(survey)
        clean = clean_values(questions, values)
        # Spend the link only if it is still unspent: with the row lock this is belt and
        # braces, and it keeps a database without SELECT … FOR UPDATE just as safe.
        spent = Invitation.objects.filter(
            pk=invitation.pk, answered=False, token_hash=invitation.token_hash
        ).update(answered=True, token_hash="")
        if spent != 1:
            raise AnswerRefused(AnswerRefused.UNKNOWN)
        return store_answers(
            survey=survey,
            questions=questions,
            clean=clean,
            unit_id=invitation.unit_id,
            party=invitation.party,
            body_id=invitation.body_id,
        )


def open_unit_choices(survey: Survey) -> list[Unit]:
    """The units a respondent through the public link may say they belong to."""
    roots = list(survey.target_units.values_list("pk", flat=True))
    if not roots:
        return []
    ids = unit_tree(municipality_id=survey.municipality_id).subtree_ids(roots)
    return list(Unit.objects.filter(pk__in=ids).order_by("name", "pk"))


def open_party(survey: Survey) -> str:
    return Party.SERVICE_USER if survey.instrument.kind == Instrument.Kind.USER else ""


def open_answer_submit(
    *, token: str, values: Mapping[int, Any], unit: Unit | None = None
) -> Response:
    """Store one answer given through an OPEN_LINK survey's public link."""
    with transaction.atomic():
        survey = survey_for_open_token(token)
        # Locked like ``answer_submit`` does, so closing cannot pass this answer by.
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        if not is_open(survey):
            raise AnswerRefused(AnswerRefused.CLOSED)
        if unit is not None and unit.pk not in {u.pk for u in open_unit_choices(survey)}:
            raise ValidationError({"unit": [_("Choose one of the listed units.")]})
        questions = questions_of(survey)
        clean = clean_values(questions, values)
        return store_answers(
            survey=survey,
            questions=questions,
            clean=clean,
            unit_id=unit.pk if unit is not None else None,
            party=open_party(survey),
            body_id=None,
        )
