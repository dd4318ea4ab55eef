"""A closed round's results, computed once and kept.

A round takes answers only while it is open, and its results are shown only once it is
closed (``selectors.surveys.results_ready``): then they can no longer change, so they are
computed once — through the suppression in ``selectors.survey_figures.results_compute`` — and
kept as one ``KeptResults`` row per dimension. Pages, the API, the CSV, the rounds over
time and snapshots read the kept rows, through ``survey_results`` and ``survey_rounds``
here.

Only what may be shown is kept: the shown groups with their figures and free text, and
the names of the hidden groups. Names that depend on the reader's language (the parties,
"whole municipality", the themes) and the questions' texts are filled in when read.

Rounds closed before results were kept (and the demo's rounds, written closed) are computed
on first read and kept from then on.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from trepart.analysis.models import KeptResults, Question, Survey
from trepart.analysis.selectors import surveys as selectors
from trepart.analysis.selectors.survey_figures import results_compute
from trepart.analysis.selectors.surveys import (
    ALL,
    BY_PARTY,
    DIMENSIONS,
    Cell,
    Group,
    QuestionResult,
    SurveyResults,
    TextResult,
    ThemeResult,
)
from trepart.organisation.models import Party
from trepart.platform.suppression import effective_threshold

# 2: a hidden group is never left alone under a shown total, so kept results made
# under the older, looser secondary suppression are computed again.
FORMAT = 2


def results_keep(*, survey: Survey) -> None:
    """Compute the round's results by every dimension and keep them (at closing).

    Runs inside the closing transaction, with the round locked, so no answer comes in
    between the last answer and the kept figures.
    """
    today = timezone.localdate()
    for by in DIMENSIONS:
        data = results_data(results_compute(survey=survey, by=by, texts=True))
        KeptResults.objects.update_or_create(
            survey=survey, by=by, defaults={"data": data, "made_on": today}
        )


def kept_results(*, survey: Survey, by: str, texts: bool = True) -> SurveyResults:
    """The kept results of a closed round by ``by``; computed and kept if not there yet."""
    data = KeptResults.objects.filter(survey_id=survey.pk, by=by).values_list("data", flat=True)
    found = data.first()
    # A closed round's figures never change with its answers; a threshold the municipality
    # has raised since (a stricter privacy rule) applies to them too, a lowered one does not.
    stricter = effective_threshold(survey.municipality.survey_threshold) > (
        found.get("threshold", 0) if found else 0
    )
    if found is None or found.get("format") != FORMAT or stricter:
        found = results_data(results_compute(survey=survey, by=by, texts=True))
        try:
            with transaction.atomic():
                KeptResults.objects.update_or_create(
                    survey=survey,
                    by=by,
                    defaults={"data": found, "made_on": timezone.localdate()},
                )
        except IntegrityError:
            pass  # another request kept the same figures first
    return results_from_data(survey=survey, by=by, data=found, texts=texts)


# ---------------------------------------------------------------------------------------
# To and from the kept JSON


def results_data(results: SurveyResults) -> dict[str, Any]:
    """The shown part of ``results`` as JSON: per question, one row per shown group."""
    keys = [group.key for group in results.groups]
    return {
        "format": FORMAT,
        "threshold": results.threshold,
        "groups": [
            [group.key, group.name, group.respondents, group.parent, group.depth]
            for group in results.groups
        ],
        "hidden": [
            [key, name] for key, name in zip(results.hidden_keys, results.hidden, strict=True)
        ],
        "cells": {
            str(question.id): [_cell_row(question.cells.get(key)) for key in keys]
            for question in results.questions
        },
        "themes": [[theme.theme, theme.means] for theme in results.themes],
        "texts": [
            [item.question.id, [[group.key, words] for group, words in item.groups]]
            for item in results.texts
        ],
    }


def _cell_row(cell: Cell | None) -> list[Any] | None:
    if cell is None:
        return None
    return [cell.answers, cell.mean, *cell.distribution]


def results_from_data(
    *, survey: Survey, by: str, data: Mapping[str, Any], texts: bool = True
) -> SurveyResults:
    """``SurveyResults`` again from the kept JSON, named in the reader's language."""
    party_names = {str(code): str(label) for code, label in Party.choices}

    def name_of(key: str, name: str) -> str:
        if key == ALL:
            return _("Whole municipality")
        if by == BY_PARTY:
            return party_names.get(key.partition(":")[2], name)
        return name

    groups = [
        Group(key=key, name=name_of(key, name), respondents=n, parent=parent, depth=depth)
        for key, name, n, parent, depth in data["groups"]
    ]
    hidden = sorted((name_of(key, name), key) for key, name in data["hidden"])
    index = {group.key: i for i, group in enumerate(groups)}
    cells = data["cells"]
    questions = [
        QuestionResult(
            id=question.pk,
            position=question.position,
            text=question.shown_text,
            theme=question.theme,
            kind=question.kind,
            choices=tuple(str(choice) for choice in question.choices or ()),
            cells=KeptCells(index, cells.get(str(question.pk), [])),
        )
        for question in Question.objects.filter(instrument_id=survey.instrument_id)
    ]
    by_id = {question.id: question for question in questions}
    themes = [
        ThemeResult(
            theme=theme,
            label=selectors.theme_label(theme),
            questions=[q for q in questions if q.is_scale and q.theme == theme],
            means=means,
        )
        for theme, means in data["themes"]
    ]
    results = SurveyResults(
        survey=survey,
        by=by,
        threshold=data["threshold"],
        groups=groups,
        hidden=[name for name, _key in hidden],
        hidden_keys=[key for _name, key in hidden],
        questions=questions,
        themes=themes,
    )
    if texts:
        results.texts = [
            TextResult(
                question=by_id[question_id],
                groups=[(groups[index[key]], words) for key, words in per_group if key in index],
            )
            for question_id, per_group in data["texts"]
            if question_id in by_id
        ]
    return results


class KeptCells(Mapping[str, Cell]):
    """One question's kept cells by group key, each made into a ``Cell`` when first read."""

    def __init__(self, index: Mapping[str, int], rows: Sequence[list[Any] | None]) -> None:
        self._index = index
        self._rows = rows
        self._made: dict[str, Cell] = {}

    def _row(self, key: object) -> list[Any] | None:
        place = self._index.get(key) if isinstance(key, str) else None
        if place is None or place >= len(self._rows):
            return None
        return self._rows[place]

    def __getitem__(self, key: str) -> Cell:
        found = self._made.get(key)
        if found is None:
            row = self._row(key)
            if row is None:
                raise KeyError(key)
            found = self._made[key] = Cell(row[0], row[1], tuple(row[2:]))
        return found

    def __contains__(self, key: object) -> bool:
        return self._row(key) is not None

    def __iter__(self) -> Iterator[str]:
        return (key for key, place in self._index.items() if self._row(key) is not None)

    def __len__(self) -> int:
        return sum(1 for _key in self)


# ---------------------------------------------------------------------------------------
# Reading


def survey_results(*, survey: Survey, by: str, texts: bool = True) -> SurveyResults:
    """A closed round's results per group of ``by``, as kept when it closed.

    Raises ``ResultsNotReady`` for a round that is not closed: callers show its progress
    (``survey_progress``) instead.
    """
    if not selectors.results_ready(survey):
        raise selectors.ResultsNotReady(survey.pk)
    return kept_results(survey=survey, by=by, texts=texts)


# ---------------------------------------------------------------------------------------
# Rounds over time


@dataclass(frozen=True)
class RoundResult:
    survey: Survey
    label: str
    respondents: int | None  # None when the round is under the threshold
    means: dict[str, float]  # group name → mean of the scale questions' means (shown only)
    themes: dict[str, dict[str, float]]  # theme label → group name → mean


def survey_rounds(
    *, survey: Survey, by: str, current: SurveyResults | None = None
) -> list[RoundResult]:
    """Every closed round of the survey's instrument, oldest first, each suppressed on its own.

    ``current``: the survey's own results by ``by``, already read. With a single round
    there is nothing to compare and nothing is read.
    """
    rounds = list(
        Survey.objects.filter(
            municipality_id=survey.municipality_id,
            instrument=survey.instrument,
            status=Survey.Status.CLOSED,
        )
        .select_related("municipality", "instrument")
        .order_by(F("opens_on").asc(nulls_last=True), "created_at", "pk")
    )
    if len(rounds) < 2:
        return []
    out = []
    for one in rounds:
        if current is not None and one.pk == current.survey.pk and current.by == by:
            results = current
        else:
            results = survey_results(survey=one, by=by, texts=False)
        shown = [g for g in results.groups if g.key == ALL or g.depth == 0]
        means: dict[str, float] = {}
        for group in shown:
            values = [
                cell.mean
                for question in results.questions
                if (cell := question.cells.get(group.key)) is not None and cell.mean is not None
            ]
            if values:
                means[group.name] = sum(values) / len(values)
        themes = {
            theme.label: {g.name: theme.means[g.key] for g in shown if g.key in theme.means}
            for theme in results.themes
        }
        out.append(
            RoundResult(
                survey=one,
                label=one.round_label or one.title,
                respondents=results.whole.respondents if results.whole else None,
                means=means,
                themes=themes,
            )
        )
    return out
