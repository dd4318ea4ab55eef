"""A municipality's own questionnaires: the questions written one a line, checked, stored.

A questionnaire cannot be changed once made (rounds are compared question by question);
the built-in ones come from ``analysis.instruments``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from trepart.analysis.models import Instrument, Question
from trepart.analysis.services.surveys._common import require_manager
from trepart.audit.services import audit_create

QUESTION_MAX = 400


CHOICE_SEPARATOR = "|"


def parse_questions(lines: str) -> list[tuple[str, str, list[str]]]:
    """A municipality's own questions, one a line: a statement for the 1–5 scale, or
    ``Question | choice | choice …`` for one choice. Returns (kind, text, choices)."""
    questions: list[tuple[str, str, list[str]]] = []
    errors: list[Any] = []
    for number, raw in enumerate(lines.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        parts = [part.strip() for part in line.split(CHOICE_SEPARATOR)]
        text, choices = parts[0], [part for part in parts[1:] if part]
        if not text:
            errors.append(_("Line %(line)d has no question before the choices.") % {"line": number})
            continue
        if len(text) > QUESTION_MAX:
            errors.append(
                _("Line %(line)d is longer than %(max)d characters.")
                % {"line": number, "max": QUESTION_MAX}
            )
            continue
        if len(parts) > 1 and len(choices) < 2:
            errors.append(_("Line %(line)d needs at least two choices.") % {"line": number})
            continue
        kind = Question.Kind.CHOICE if choices else Question.Kind.SCALE
        questions.append((kind, text, choices))
    if errors:
        raise ValidationError({"questions": errors})
    if not questions:
        raise ValidationError({"questions": [_("Write at least one question.")]})
    return questions


def instrument_create(
    *,
    actor: Any,
    title: str,
    kind: str,
    questions: str,
    description: str = "",
    free_text: str = "",
) -> Instrument:
    """The municipality's own questionnaire. It cannot be changed later: rounds are
    compared question by question, so a new version is a new questionnaire."""
    require_manager(actor, actor.municipality_id)
    parsed = parse_questions(questions)
    if kind not in (Instrument.Kind.EMPLOYEE, Instrument.Kind.USER, Instrument.Kind.OTHER):
        raise ValidationError({"kind": [_("Choose among the listed kinds.")]})
    with transaction.atomic():
        instrument = Instrument.objects.create(
            municipality_id=actor.municipality_id,
            kind=kind,
            title=title.strip(),
            description=description.strip(),
        )
        rows = [
            Question(
                instrument=instrument,
                position=position,
                kind=question_kind,
                text=text,
                choices=choices,
            )
            for position, (question_kind, text, choices) in enumerate(parsed, start=1)
        ]
        if free_text.strip():
            rows.append(
                Question(
                    instrument=instrument,
                    position=len(rows) + 1,
                    kind=Question.Kind.TEXT,
                    text=free_text.strip()[:QUESTION_MAX],
                    theme="fritekst",
                )
            )
        Question.objects.bulk_create(rows)
        audit_create(actor=actor, instance=instrument)
    return instrument
