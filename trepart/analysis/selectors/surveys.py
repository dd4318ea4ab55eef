"""Survey rounds a user may read, and the shapes of their results.

The results themselves are computed in ``survey_figures`` (answers per question and group)
from the groups ``survey_groups`` decides to show, once, when a round closes; pages read
them through ``results_kept``. A hidden group has no count, no mean and no distribution in
anything built from these shapes (page, CSV, API, chart, snapshot), only its name in the
list of groups not shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from trepart.analysis.instruments import theme_label as builtin_label
from trepart.analysis.models import Question, Survey

BY_UNIT = "unit"
BY_PARTY = "party"
BY_BODY = "body"
BY_ALL = "all"
DIMENSIONS = (BY_UNIT, BY_PARTY, BY_BODY, BY_ALL)
ALL = "all"  # the key of the whole municipality's group
SCALE_VALUES = 5
SELF_ASSESSMENT = "status-i-egen-kommune"  # ``instruments.SELF_ASSESSMENT``

_COLUMN = {BY_UNIT: "unit_id", BY_PARTY: "party", BY_BODY: "body_id"}


def parse_by(value: str | None) -> str:
    return value if value in DIMENSIONS else BY_PARTY


def theme_label(theme: str) -> str:
    return builtin_label(theme) if theme else _("Other questions")


@dataclass(frozen=True)
class Group:
    """A shown group: its key ("all", "unit:3", "party:EMPLOYEE", "body:7") and size."""

    key: str
    name: str
    respondents: int
    parent: str | None = None  # units: the parent's key ("all" for a sector)
    depth: int = 0


class Cell(NamedTuple):
    """One group's answers to one question (a tuple: a million answers make many cells)."""

    answers: int
    mean: float | None  # SCALE questions
    distribution: tuple[int, ...]  # SCALE: answers with 1..5; CHOICE: per choice


@dataclass(frozen=True)
class QuestionResult:
    id: int
    position: int
    text: str
    theme: str
    kind: str
    choices: tuple[str, ...]
    cells: Mapping[str, Cell]  # shown groups only

    @property
    def is_scale(self) -> bool:
        return self.kind == Question.Kind.SCALE

    def labels(self) -> list[str]:
        """The distribution's labels."""
        if self.is_scale:
            return [str(value) for value in range(1, SCALE_VALUES + 1)]
        return list(self.choices)


@dataclass(frozen=True)
class ThemeResult:
    theme: str
    label: str
    questions: list[QuestionResult]
    means: dict[str, float]  # per shown group: the mean of its question means


@dataclass(frozen=True)
class TextResult:
    question: QuestionResult
    groups: list[tuple[Group, list[str]]]  # shown groups with their texts, sorted


@dataclass
class SurveyResults:
    survey: Survey
    by: str
    threshold: int
    groups: list[Group]  # shown groups, the whole municipality first; empty when too few
    hidden: list[str]  # the names of the groups not shown
    questions: list[QuestionResult]
    themes: list[ThemeResult] = field(default_factory=list)
    texts: list[TextResult] = field(default_factory=list)
    hidden_keys: list[str] = field(default_factory=list)  # the hidden groups' keys, as ``hidden``

    @property
    def whole(self) -> Group | None:
        return self.groups[0] if self.groups else None

    def group(self, key: str) -> Group | None:
        return next((group for group in self.groups if group.key == key), None)


def survey_get(*, user: Any, pk: int) -> Survey:
    """A survey of the user's municipality, or 404."""
    survey = surveys_for(user).filter(pk=pk).select_related("instrument").first()
    if survey is None:
        raise Http404
    return survey


def surveys_for(user: Any) -> QuerySet[Survey]:
    return Survey.objects.for_user(user)


class ResultsNotReady(Exception):
    """The round is not closed: its results do not exist yet."""


def results_ready(survey: Survey) -> bool:
    """Whether the round's results may be shown: only once it is closed.

    While a round is open every answer would change its figures one at a time, and someone
    who reads them before and after a colleague answers would see that colleague's answers.
    """
    return survey.status == Survey.Status.CLOSED
