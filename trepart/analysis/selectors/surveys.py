"""Survey results, per unit, party or body, through the anonymity threshold.

One GROUP BY counts the respondents of each group (from ``Response``) and one counts the
answers per question, group and value (from ``Answer``, whose covering indexes hold exactly
those columns: no join, no row-by-row work in Python). ``platform.suppression`` then decides
which groups are shown; a hidden group has no count, no mean and no distribution in anything
built from these results (page, CSV, API, chart, snapshot), only its name in the list of
groups not shown.

Units form a tree (sector → unit): a node's figures cover everything under it, and nothing
under a hidden node is shown. Parties and bodies are partitions; respondents with no party
or body are counted in the whole but never shown as a group.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, NamedTuple

import numpy as np
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from trepart.analysis.instruments import theme_label as builtin_label
from trepart.analysis.models import Answer, Question, Response, Survey
from trepart.analysis.tree_counts import LazyCells, TreeCounts
from trepart.organisation.models import Body, Party
from trepart.organisation.selectors import unit_tree
from trepart.platform.suppression import effective_threshold, hidden_groups
from trepart.platform.tree import Tree

BY_UNIT = "unit"
BY_PARTY = "party"
BY_BODY = "body"
BY_ALL = "all"
DIMENSIONS = (BY_UNIT, BY_PARTY, BY_BODY, BY_ALL)
ALL = "all"  # the key of the whole municipality's group
SCALE_VALUES = 5
SELF_ASSESSMENT = "status-i-egen-kommune"  # ``instruments.SELF_ASSESSMENT``

_COLUMN = {BY_UNIT: "unit_id", BY_PARTY: "party", BY_BODY: "body_id"}


def not_ready_message(survey: Survey) -> str:
    """Why an open round's results cannot be shown or sent to a meeting yet."""
    if survey.status == Survey.Status.OPEN and survey.closes_on is not None:
        return _(
            "The results come when the round closes on %(day)s: while it is open, figures "
            "that change with each answer would show what each person answered."
        ) % {"day": date_format(survey.closes_on, "j. F Y")}
    return _(
        "The results come when the round closes: while it is open, figures that change "
        "with each answer would show what each person answered."
    )


def dimension_label(by: str) -> str:
    return {
        BY_UNIT: _("By unit"),
        BY_PARTY: _("By party"),
        BY_BODY: _("By body"),
        BY_ALL: _("Whole municipality"),
    }[by]


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


# ---------------------------------------------------------------------------------------
# Groups and suppression


@dataclass
class _Dimension:
    """The groups of one dimension: respondents per key, hidden keys, and how parts add up."""

    by: str
    own: dict[Any, int]  # respondents per raw key (unit id, party code, body id; None/"")
    names: dict[Any, str]
    tree: Tree[Any]  # units only
    hidden: set[Any]

    @property
    def parents(self) -> dict[Any, Any]:
        return self.tree.parents


def _none_key(by: str) -> Any:
    return "" if by == BY_PARTY else None


def _respondents(survey: Survey, by: str) -> dict[Any, int]:
    if by == BY_ALL:
        return {ALL: Response.objects.filter(survey_id=survey.pk).count()}
    column = _COLUMN[by]
    rows = (
        Response.objects.filter(survey_id=survey.pk)
        .values(column)
        .annotate(n=Count("*"))
        .order_by()
        .values_list(column, "n")
    )
    return dict(rows)


def _dimension(survey: Survey, by: str, threshold: int) -> _Dimension:
    own = _respondents(survey, by)
    names: dict[Any, str] = {}
    tree: Tree[Any] = Tree({})
    hidden: set[Any] = set()
    if by == BY_UNIT:
        tree = unit_tree(municipality_id=survey.municipality_id)
        names = {pk: unit.name for pk, unit in tree.units.items()}
        placed = {key: count for key, count in own.items() if key in tree.parents}
        unplaced = sum(count for key, count in own.items() if key not in tree.parents)
        hidden = hidden_groups(placed, parents=tree.parents, threshold=threshold, unplaced=unplaced)
    elif by in (BY_PARTY, BY_BODY):
        none = _none_key(by)
        if by == BY_PARTY:
            names = {str(code): str(label) for code, label in Party.choices}
        else:
            names = dict(
                Body.objects.filter(
                    municipality_id=survey.municipality_id, pk__in=[k for k in own if k]
                ).values_list("pk", "name")
            )
        hidden = hidden_groups(
            {key: count for key, count in own.items() if key != none},
            threshold=threshold,
            unplaced=own.get(none, 0),
        )
    return _Dimension(by=by, own=own, names=names, tree=tree, hidden=hidden)


def _groups(dim: _Dimension, threshold: int) -> tuple[list[Group], list[tuple[str, str]]]:
    """The shown groups, and the hidden ones as (name, key) sorted by name."""
    whole = sum(dim.own.values())
    if whole < threshold:
        return [], []
    groups = [Group(key=ALL, name=_("Whole municipality"), respondents=whole)]
    hidden_names: list[tuple[str, str]] = []
    if dim.by == BY_UNIT:
        totals = dim.tree.rollup(dim.own, zero=0)
        stack: list[tuple[Any, int]] = [
            (node, 0) for node in sorted(dim.tree.roots, key=lambda n: dim.names[n], reverse=True)
        ]
        while stack:
            node, depth = stack.pop()
            if totals[node] == 0:
                continue
            if node in dim.hidden:
                hidden_names.append((dim.names[node], f"unit:{node}"))
                continue
            parent = dim.parents[node]
            groups.append(
                Group(
                    key=f"unit:{node}",
                    name=dim.names[node],
                    respondents=totals[node],
                    parent=f"unit:{parent}" if parent is not None else ALL,
                    depth=depth,
                )
            )
            stack.extend(
                (kid, depth + 1)
                for kid in sorted(dim.tree.children(node), key=lambda n: dim.names[n], reverse=True)
            )
        # Units under a hidden unit are not listed one by one: the hidden one covers them.
    elif dim.by in (BY_PARTY, BY_BODY):
        none = _none_key(dim.by)
        keys = sorted((k for k in dim.own if k != none and dim.own[k] > 0), key=_order(dim))
        for key in keys:
            name = dim.names.get(key, str(key))
            if key in dim.hidden:
                hidden_names.append((name, f"{dim.by}:{key}"))
            else:
                groups.append(
                    Group(key=f"{dim.by}:{key}", name=name, respondents=dim.own[key], parent=ALL)
                )
    return groups, sorted(hidden_names)


def _order(dim: _Dimension) -> Any:
    if dim.by == BY_PARTY:
        codes = [code for code, _label in Party.choices]
        return lambda key: (codes.index(key) if key in codes else len(codes), str(key))
    return lambda key: (dim.names.get(key, ""), str(key))


# ---------------------------------------------------------------------------------------
# Answers


def _answer_counts(
    survey: Survey, by: str, width: int, *, choice_zero: bool = True
) -> dict[int, dict[Any, Sequence[int]]]:
    """Per question, per raw group key: the answers with value 0, 1, …, width - 1.

    ONE GROUP BY over the covering index (survey, question, group, value), no join (units
    go through ``_unit_rows`` and ``tree_counts``). The whole municipality is grouped by
    party (its index serves the GROUP BY without sorting) and summed here. Rows are read
    with a plain cursor: at a million answers Django's row handling cost more than the
    query.
    """
    column = _COLUMN.get(by, "party")
    answers = Answer.objects.filter(survey_id=survey.pk, value__isnull=False)
    own: dict[int, dict[Any, Sequence[int]]] = {}
    query = (
        answers.values("question_id", column, "value")
        .annotate(n=Count("*"))
        .order_by()
        .values_list("question_id", column, "value", "n")
    )
    tallies: dict[tuple[int, Any], list[int]] = {}
    for question_id, key, value, n in _raw(query):
        if not 0 <= value < width:
            continue
        counts = tallies.setdefault((question_id, ALL if by == BY_ALL else key), [0] * width)
        counts[value] += n
    for (question_id, key), counts in tallies.items():
        own.setdefault(question_id, {})[key] = counts
    return own


def _unit_rows(survey: Survey, width: int, low: int) -> list[tuple[Any, ...]]:
    """Per question and unit, the answers with each value ``low`` … ``width - 1``.

    ONE GROUP BY over the covering index (survey, question, unit, value), no join, with a
    column per value: a fifth of the rows of grouping by value as well, for the same scan.
    """
    columns = {f"v{v}": Count("value", filter=Q(value=v)) for v in range(low, width)}
    query = (
        Answer.objects.filter(survey_id=survey.pk, value__isnull=False)
        .values("question_id", "unit_id")
        .annotate(**columns)
        .order_by()
        .values_list("question_id", "unit_id", *columns)
    )
    return _raw(query)


def _raw(query: QuerySet[Any]) -> list[tuple[Any, ...]]:
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows: list[tuple[Any, ...]] = cursor.fetchall()
    return rows


def _question_hidden(dim: _Dimension, own_q: dict[Any, int], threshold: int) -> set[Any] | None:
    """The raw keys hidden for one question; None when the whole question is hidden."""
    if sum(own_q.values()) < threshold:
        return None
    if dim.by == BY_ALL:
        return set()
    if own_q == {k: v for k, v in dim.own.items() if v}:
        return dim.hidden  # everyone answered it: the respondents' decision stands
    if dim.by == BY_UNIT:
        placed = {key: count for key, count in own_q.items() if key in dim.parents}
        unplaced = sum(count for key, count in own_q.items() if key not in dim.parents)
        return hidden_groups(
            placed, parents=dim.parents, threshold=threshold, unplaced=unplaced, forced=dim.hidden
        )
    none = _none_key(dim.by)
    return hidden_groups(
        {key: count for key, count in own_q.items() if key != none},
        threshold=threshold,
        unplaced=own_q.get(none, 0),
        forced=dim.hidden,
    )


def _scale_cell(counts: Sequence[int]) -> Cell:
    # counts has at least six places (0 and the values 1–5): written out, for speed.
    one, two, three, four, five = counts[1], counts[2], counts[3], counts[4], counts[5]
    answers = one + two + three + four + five
    mean = (one + 2 * two + 3 * three + 4 * four + 5 * five) / answers if answers else None
    return Cell(answers, mean, (one, two, three, four, five))


def _choice_cell(counts: Sequence[int], question: Question) -> Cell:
    used = max((index + 1 for index, count in enumerate(counts) if count), default=0)
    width = max(len(question.choices), used)
    distribution = tuple(counts[v] if v < len(counts) else 0 for v in range(width))
    return Cell(sum(distribution), None, distribution)


def _add(total: Sequence[int] | None, counts: Sequence[int]) -> Sequence[int]:
    """The sum of two counts of the same width, in a new list (never changes either)."""
    if total is None:
        return counts
    return [a + b for a, b in zip(total, counts, strict=True)]


class ResultsNotReady(Exception):
    """The round is not closed: its results do not exist yet."""


def results_ready(survey: Survey) -> bool:
    """Whether the round's results may be shown: only once it is closed.

    While a round is open every answer would change its figures one at a time, and someone
    who reads them before and after a colleague answers would see that colleague's answers.
    """
    return survey.status == Survey.Status.CLOSED


def results_compute(*, survey: Survey, by: str, texts: bool = True) -> SurveyResults:
    """The round's results per group of ``by`` from its answers, hidden groups left out.

    The heavy step, done once when a round closes (``results_kept``); pages read the kept
    results through ``survey_results``.
    """
    threshold = effective_threshold(survey.municipality.survey_threshold)
    dim = _dimension(survey, by, threshold)
    groups, hidden_pairs = _groups(dim, threshold)
    questions = list(Question.objects.filter(instrument_id=survey.instrument_id))
    results = SurveyResults(
        survey=survey,
        by=by,
        threshold=threshold,
        groups=groups,
        hidden=[name for name, _key in hidden_pairs],
        hidden_keys=[key for _name, key in hidden_pairs],
        questions=[],
    )
    if not groups:
        results.questions = [_question_result(q, {}) for q in questions]
        return results
    shown_keys = {group.key for group in groups}

    # Per question, per raw group key: answers per value (index 0 … width - 1).
    width = max(
        [SCALE_VALUES + 1]
        + [len(q.choices) for q in questions if q.kind == Question.Kind.CHOICE and q.choices]
    )
    if by == BY_UNIT:
        choice_zero = any(q.kind == Question.Kind.CHOICE for q in questions)
        results.questions, results.themes = _unit_questions(
            survey, questions, dim, threshold, shown_keys, width, 0 if choice_zero else 1
        )
        if texts:
            results.texts = _texts(survey, by, results, dim)
        return results
    own = _answer_counts(
        survey, by, width, choice_zero=any(q.kind == Question.Kind.CHOICE for q in questions)
    )

    prefix = f"{by}:"
    keys = {key: prefix + str(key) for per_key in own.values() for key in per_key}
    for question in questions:
        per_key = own.get(question.pk, {})
        own_q = {key: sum(counts) for key, counts in per_key.items()}
        hidden_q = _question_hidden(dim, own_q, threshold) if per_key else None
        cells: dict[str, Cell] = {}
        if hidden_q is not None:
            if question.kind == Question.Kind.SCALE:
                make = _scale_cell
            else:
                make = partial(_choice_cell, question=question)
            whole: Sequence[int] | None = None
            for counts in per_key.values():
                whole = _add(whole, counts)
            cells[ALL] = make(whole or [0] * width)
            if by != BY_ALL:
                for key, counts in per_key.items():
                    group_key = keys.get(key)
                    if key not in hidden_q and group_key in shown_keys:
                        cells[group_key] = make(counts)
        results.questions.append(_question_result(question, cells))

    results.themes = _themes(results)
    if texts:
        results.texts = _texts(survey, by, results, dim)
    return results


def _unit_questions(
    survey: Survey,
    questions: list[Question],
    dim: _Dimension,
    threshold: int,
    shown_keys: set[str],
    width: int,
    low: int,
) -> tuple[list[QuestionResult], list[ThemeResult]]:
    """Results by unit: the counts added up the tree in arrays, cells made when read."""
    tree = TreeCounts(
        _unit_rows(survey, width, low),
        question_ids=[q.pk for q in questions],
        tree=dim.tree,
        width=width,
        low=low,
    )
    keys = [f"{BY_UNIT}:{node}" for node in tree.nodes]
    listed = np.array([key in shown_keys for key in keys], dtype=bool)
    respondents = np.array(
        [dim.own.get(node, 0) for node in tree.nodes]
        + [sum(n for key, n in dim.own.items() if key not in dim.parents)],
        dtype=np.int64,
    )
    hidden_by_respondents = np.array([node in dim.hidden for node in tree.nodes], dtype=bool)
    scale_weights = np.arange(1, SCALE_VALUES + 1)
    out: list[QuestionResult] = []
    means: dict[int, tuple[np.ndarray, float | None]] = {}
    for qi, question in enumerate(questions):
        answered = tree.answers_per_node(qi)
        if not answered.any():
            out.append(_question_result(question, {}))
            continue
        if np.array_equal(answered, respondents):
            hidden_q: set[Any] | None = dim.hidden  # everyone answered: the decision stands
            hidden_mask = hidden_by_respondents
        else:
            counted = zip(tree.nodes, answered[:-1].tolist(), strict=True)
            own_q: dict[Any, int] = {node: int(n) for node, n in counted if n}
            if answered[-1]:
                own_q[None] = int(answered[-1])
            hidden_q = _question_hidden(dim, own_q, threshold)
            hidden_mask = np.array([node in (hidden_q or ()) for node in tree.nodes], dtype=bool)
        if hidden_q is None:
            out.append(_question_result(question, {}))
            continue
        subtree = tree.subtree[qi]
        shown = listed & ~hidden_mask & (subtree.sum(axis=1) > 0)
        if question.kind == Question.Kind.SCALE:
            make: Any = _scale_cell
        else:
            make = partial(_choice_cell, question=question)
        whole = make(tree.whole[qi].tolist())
        cells = LazyCells(
            counts=subtree, keys=keys, shown=shown, make=make, whole_key=ALL, whole=whole
        )
        out.append(_question_result(question, cells))
        if question.kind == Question.Kind.SCALE:
            dist = subtree[:, 1 : SCALE_VALUES + 1]
            n = dist.sum(axis=1)
            mean = np.full(len(keys), np.nan)
            np.divide(dist @ scale_weights, n, out=mean, where=shown & (n > 0))
            means[qi] = (mean, whole.mean)
    return out, _unit_themes(out, means, keys)


def _unit_themes(
    questions: list[QuestionResult],
    means: dict[int, tuple[np.ndarray, float | None]],
    keys: list[str],
) -> list[ThemeResult]:
    """``_themes`` for units, on the arrays: each shown unit's mean of its question means."""
    by_theme: dict[str, list[int]] = {}
    for qi, question in enumerate(questions):
        if question.is_scale and qi in means:
            by_theme.setdefault(question.theme, []).append(qi)
    themes: list[ThemeResult] = []
    for theme, indices in by_theme.items():
        stacked = np.vstack([means[qi][0] for qi in indices])
        counted = (~np.isnan(stacked)).sum(axis=0)
        sums = np.nansum(stacked, axis=0)
        theme_means: dict[str, float] = {}
        wholes = [m for qi in indices if (m := means[qi][1]) is not None]
        if wholes:
            theme_means[ALL] = sum(wholes) / len(wholes)
        for i in np.flatnonzero(counted).tolist():
            theme_means[keys[i]] = float(sums[i] / counted[i])
        themes.append(
            ThemeResult(
                theme=theme,
                label=theme_label(theme),
                questions=[q for q in questions if q.is_scale and q.theme == theme],
                means=theme_means,
            )
        )
    return themes


def _question_result(question: Question, cells: Mapping[str, Cell]) -> QuestionResult:
    return QuestionResult(
        id=question.pk,
        position=question.position,
        text=question.shown_text,
        theme=question.theme,
        kind=question.kind,
        choices=tuple(str(choice) for choice in question.choices or ()),
        cells=cells,
    )


def _themes(results: SurveyResults) -> list[ThemeResult]:
    """Per theme (in question order), each shown group's mean of its question means."""
    themes: dict[str, list[QuestionResult]] = {}
    for question in results.questions:
        if question.is_scale:
            themes.setdefault(question.theme, []).append(question)
    out = []
    for theme, questions in themes.items():
        means: dict[str, float] = {}
        for group in results.groups:
            values = [
                cell.mean
                for question in questions
                if (cell := question.cells.get(group.key)) is not None and cell.mean is not None
            ]
            if values:
                means[group.key] = sum(values) / len(values)
        out.append(
            ThemeResult(theme=theme, label=theme_label(theme), questions=questions, means=means)
        )
    return out


def _texts(survey: Survey, by: str, results: SurveyResults, dim: _Dimension) -> list[TextResult]:
    """Free-text answers of shown groups only: the words, sorted, with nothing else."""
    text_questions = [q for q in results.questions if q.kind == Question.Kind.TEXT]
    if not text_questions or not results.groups:
        return []
    column = _COLUMN.get(by)
    fields = ["question_id", column, "text"] if column else ["question_id", "text"]
    rows = (
        Answer.objects.filter(survey_id=survey.pk, question_id__in=[q.id for q in text_questions])
        .exclude(text="")
        .order_by()
        .values_list(*fields)
    )
    texts: dict[tuple[int, str], list[str]] = {}
    for row in rows:
        question_id, text = row[0], row[-1]
        if by == BY_ALL:
            texts.setdefault((question_id, ALL), []).append(text)
            continue
        key = row[1]
        if by == BY_UNIT:
            for node in dim.tree.path(key) if key in dim.tree else ():
                texts.setdefault((question_id, f"unit:{node}"), []).append(text)
        else:
            texts.setdefault((question_id, f"{by}:{key}"), []).append(text)
    out = []
    for question in text_questions:
        groups = [
            (group, sorted(texts[(question.id, group.key)], key=str.casefold))
            for group in results.groups
            if group.key != ALL and (question.id, group.key) in texts
        ]
        if by == BY_ALL and (question.id, ALL) in texts:
            groups = [(results.groups[0], sorted(texts[(question.id, ALL)], key=str.casefold))]
        if groups:
            out.append(TextResult(question=question, groups=groups))
    return out
