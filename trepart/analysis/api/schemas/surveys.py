"""The shapes of survey results in the JSON API: only what passed the threshold."""

from __future__ import annotations

from ninja import Field, Schema


class ResultsQuery(Schema):
    # Checked by the view, which answers another value with 400 (documented as an enum).
    by: str = Field(
        "party",
        description="Group by unit, party or body; all: the whole municipality.",
        json_schema_extra={"enum": ["unit", "party", "body", "all"]},
    )


class SurveyRef(Schema):
    id: int
    title: str
    round_label: str
    status: str
    instrument: str
    builtin_key: str
    closes_on: str | None = None


class GroupOut(Schema):
    key: str
    name: str
    respondents: int
    parent: str | None = None


class CellOut(Schema):
    group: str
    answers: int
    mean: float | None = None
    distribution: list[int]


class QuestionOut(Schema):
    id: int
    position: int
    text: str
    theme: str
    kind: str
    labels: list[str]
    results: list[CellOut]


class ThemeMeanOut(Schema):
    group: str
    mean: float


class ThemeOut(Schema):
    theme: str
    label: str
    means: list[ThemeMeanOut]


class TextGroupOut(Schema):
    group: str
    texts: list[str]


class TextOut(Schema):
    question: int
    groups: list[TextGroupOut]


class SurveyResultsOut(Schema):
    survey: SurveyRef
    # False while the round is open: then there are no figures, only ``message`` (and for
    # the round's managers the respondents so far per shown group).
    results_available: bool
    message: str
    by: str
    threshold: int | None
    respondents: int | None
    groups: list[GroupOut]
    hidden_groups: list[str]
    questions: list[QuestionOut]
    themes: list[ThemeOut]
    texts: list[TextOut]
