"""Survey results as people read them: means in their language's format, the table of a
theme, the parties side by side and the rounds as charts, the CSV rows, and the notes on
what is not shown.

Everything here starts from ``results_kept.survey_results``, whose groups have already
been through the threshold: nothing here can show a hidden group. The survey results'
snapshot source is here too, built from the same pieces as the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from trepart.analysis import results as numbers
from trepart.analysis.models import Survey
from trepart.analysis.results_kept import RoundResult, survey_results, survey_rounds
from trepart.analysis.selectors.surveys import (
    ALL,
    BY_ALL,
    BY_BODY,
    BY_PARTY,
    BY_UNIT,
    SELF_ASSESSMENT,
    Cell,
    Group,
    QuestionResult,
    SurveyResults,
    ThemeResult,
    parse_by,
    results_ready,
    survey_get,
    theme_label,
)
from trepart.platform.charts import PALETTE, Chart, Table, finish, values
from trepart.platform.formatting import decimal, difference, rounded_float, signed
from trepart.platform.snapshots import snapshot_source


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


def distribution_text(question: QuestionResult, cell: Cell) -> str:
    labels = question.labels()
    labels += [str(index) for index in range(len(labels), len(cell.distribution))]
    return " | ".join(
        f"{label}: {count}" for label, count in zip(labels, cell.distribution, strict=False)
    )


def hidden_note(results: SurveyResults) -> str:
    return _(
        "Not shown, so that no one can be recognised: groups with fewer than %(n)s answers, "
        "and groups that would let a hidden group be worked out from the others."
    ) % {"n": results.threshold}


def party_chart(results: SurveyResults, *, note_hidden: bool = True) -> Chart | None:
    """Theme means per party side by side (the self-assessment): do the parties agree?"""

    parties = [g for g in results.groups if g.key != ALL]
    rows = [
        {"theme": theme.label, "party": group.name, "mean": rounded_float(theme.means[group.key])}
        for theme in results.themes
        for group in parties
        if group.key in theme.means
    ]
    if not rows:
        return None
    gap = numbers.largest_gap(
        {
            theme.label: {g.name: theme.means[g.key] for g in parties if g.key in theme.means}
            for theme in results.themes
        }
    )
    if gap is None:
        summary = _("Only one party has enough answers to be shown, so there is no comparison.")
    else:
        theme, low, high, _gap = gap
        low_mean, high_mean = _mean_of(results, theme, low), _mean_of(results, theme, high)
        summary = _(
            "The parties differ most on “%(theme)s”: %(low)s give %(low_mean)s and "
            "%(high)s %(high_mean)s on the 1–5 scale, %(gap)s points apart."
        ) % {
            "theme": theme,
            "low": low,
            "high": high,
            "low_mean": decimal(low_mean),
            "high_mean": decimal(high_mean),
            # The gap between the two means as shown, so the sentence adds up.
            "gap": decimal(difference(high_mean, low_mean)),
        }
    title = _("Self-assessment by party")
    theme_title, party_title, mean_title = _("Theme"), _("Party"), _("Mean (1–5)")
    chart = (
        alt.Chart(values(rows))
        .mark_bar(aria=False)
        .encode(
            x=alt.X(
                "theme:N",
                title=theme_title,
                sort=None,
                # "Equal footing (likeverd)" on two lines: the words, then the Norwegian term.
                axis=alt.Axis(
                    labelAngle=0,
                    labelLimit=200,
                    labelExpr="split(replace(datum.label, ' (', '|('), '|')",
                ),
            ),
            # The scale starts at 1, the lowest answer: so do the bars.
            y=alt.Y("mean:Q", title=mean_title, scale=alt.Scale(domain=[1, 5])),
            y2=alt.datum(1),
            color=alt.Color("party:N", title=party_title, sort=None),
            xOffset=alt.XOffset("party:N", sort=None),
            tooltip=[
                alt.Tooltip("theme:N", title=theme_title),
                alt.Tooltip("party:N", title=party_title),
                alt.Tooltip("mean:Q", title=mean_title, format=".1f"),
            ],
        )
    )
    table = Table(
        caption=title,
        columns=[theme_title, *(group.name for group in parties)],
        rows=[
            [theme.label, *(decimal(theme.means.get(group.key)) for group in parties)]
            for theme in results.themes
        ],
    )
    notes = []
    if note_hidden and results.hidden:
        notes.append(hidden_note(results) + " " + ", ".join(results.hidden))
    return Chart(
        key=f"survey-{results.survey.pk}-parties",
        title=title,
        summary=summary,
        spec=finish(chart, description=summary),
        table=table,
        notes=notes,
    )


def _mean_of(results: SurveyResults, theme_label_: str, group_name: str) -> float | None:
    for theme in results.themes:
        if theme.label == theme_label_:
            for group in results.groups:
                if group.name == group_name:
                    return theme.means.get(group.key)
    return None


def is_self_assessment(survey: Survey) -> bool:
    return survey.instrument.builtin_key == SELF_ASSESSMENT


def results_url(survey: Survey, by: str) -> str:
    return reverse("analysis:survey-results", args=[survey.pk]) + f"?by={by}"


def theme_table(results: SurveyResults, theme: ThemeResult, groups: list[Group]) -> Table:
    """One theme: a row per group with n, the theme mean and each question's mean."""
    columns = [
        _("Group"),
        _("Respondents (n)"),
        _("Theme mean"),
        *(question.text for question in theme.questions),
    ]
    rows = []
    for group in groups:
        rows.append(
            [
                group.name,
                str(group.respondents),
                decimal(theme.means.get(group.key)),
                *(
                    decimal(cell.mean) if (cell := q.cells.get(group.key)) else "—"
                    for q in theme.questions
                ),
            ]
        )
    return Table(caption=theme.label, columns=columns, rows=rows)


def csv_rows(results: SurveyResults) -> list[list[str]]:
    """The aggregates as rows (header first): exactly what the page shows, never raw answers."""
    rows = [
        [
            _("Group"),
            _("Respondents (n)"),
            _("Theme"),
            _("Question"),
            _("Answers"),
            _("Mean"),
            _("Distribution"),
        ]
    ]
    for group in results.groups:
        for question in results.questions:
            cell = question.cells.get(group.key)
            if cell is None:
                continue
            rows.append(
                [
                    group.name,
                    str(group.respondents),
                    theme_label(question.theme),
                    question.text,
                    str(cell.answers),
                    decimal(cell.mean) if cell.mean is not None else "",
                    distribution_text(question, cell),
                ]
            )
    return rows


def results_summary(results: SurveyResults) -> str:
    whole = results.whole
    if whole is None:
        return _("Fewer than %(n)s answers: no results are shown.") % {"n": results.threshold}
    means = [
        cell.mean
        for question in results.questions
        if (cell := question.cells.get(ALL)) is not None and cell.mean is not None
    ]
    if not means:
        return _("%(n)s answered.") % {"n": whole.respondents}
    return _("%(n)s answered; the mean over all statements is %(mean)s on the 1–5 scale.") % {
        "n": whole.respondents,
        "mean": decimal(sum(means) / len(means)),
    }


def rounds_chart(rounds: list[RoundResult]) -> Chart | None:
    """The mean of all statements per round, for the whole and each group shown."""

    rows = [
        {"round": item.label, "group": name, "mean": rounded_float(mean)}
        for item in rounds
        for name, mean in item.means.items()
    ]
    if len(rounds) < 2 or not rows:
        return None
    first, last = rounds[0], rounds[-1]
    whole = _("Whole municipality")
    changes = {
        name: last.means[name] - first.means[name]
        for name in last.means
        if name in first.means and name != whole
    }
    if whole in first.means and whole in last.means:
        summary = _(
            "From %(first)s to %(last)s the mean over all statements went from %(before)s "
            "to %(after)s for the whole municipality."
        ) % {
            "first": first.label,
            "last": last.label,
            "before": decimal(first.means[whole]),
            "after": decimal(last.means[whole]),
        }
    else:
        summary = _("Too few answered in %(round)s to compare the rounds.") % {
            "round": first.label if whole not in first.means else last.label
        }
    if changes:
        name = max(changes, key=lambda key: (abs(changes[key]), key))
        summary += " " + _("%(group)s changed most: %(change)s points.") % {
            "group": name,
            "change": signed(difference(last.means[name], first.means[name])),
        }
    title = _("Mean over all statements, round by round")
    round_title, group_title, mean_title = _("Round"), _("Group"), _("Mean (1–5)")
    names = list(dict.fromkeys(name for item in rounds for name in item.means))
    # The whole in near-black, the groups in the palette's order (the parties in the same
    # colours as in the chart of the parties side by side).
    groups = [name for name in names if name != whole]
    domain = [whole, *groups] if whole in names else groups
    colours = (["#1E1E1E"] if whole in names else []) + [
        PALETTE[index % (len(PALETTE) - 1)] for index in range(len(groups))
    ]
    chart = (
        alt.Chart(values(rows))
        .mark_line(point=alt.OverlayMarkDef(aria=False), aria=False)
        .encode(
            x=alt.X("round:N", title=round_title, sort=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("mean:Q", title=mean_title, scale=alt.Scale(domain=[1, 5])),
            color=alt.Color(
                "group:N", title=group_title, scale=alt.Scale(domain=domain, range=colours)
            ),
            tooltip=[
                alt.Tooltip("round:N", title=round_title),
                alt.Tooltip("group:N", title=group_title),
                alt.Tooltip("mean:Q", title=mean_title, format=".1f"),
            ],
        )
    )
    table = Table(
        caption=_("Mean over all statements per round (1–5); each round is suppressed on its own"),
        columns=[round_title, _("Respondents (n)"), *names],
        rows=[
            [
                item.label,
                str(item.respondents) if item.respondents is not None else _("too few"),
                *(decimal(item.means.get(name)) for name in names),
            ]
            for item in rounds
        ],
    )
    return Chart(
        key=f"survey-{last.survey.pk}-rounds",
        title=title,
        summary=summary,
        spec=finish(chart, description=summary),
        table=table,
    )


# ---------------------------------------------------------------------------------------
# Snapshot for meetings


@snapshot_source("survey-results", _("Survey results"))
def survey_results_snapshot(user: Any, params: Mapping[str, str]) -> dict[str, Any]:
    """The results as the page shows them (params: ``survey``, ``by``), for a meeting."""
    raw = params.get("survey", "")
    if not str(raw).isdigit():
        raise Http404
    survey = survey_get(user=user, pk=int(raw))
    if not results_ready(survey):
        raise ValidationError(not_ready_message(survey), code="not_closed")
    by = parse_by(params.get("by"))
    results = survey_results(survey=survey, by=by, texts=False)
    charts = []
    if is_self_assessment(survey):
        parties = results if by == BY_PARTY else survey_results(survey=survey, by=BY_PARTY)
        chart = party_chart(parties)
        if chart is not None:
            charts.append(chart)
    rounds = survey_rounds(survey=survey, by=by, current=results)
    over_time = rounds_chart(rounds)
    if over_time is not None:
        charts.append(over_time)
    top = [g for g in results.groups if g.key == ALL or g.depth == 0]
    tables = [theme_table(results, theme, top) for theme in results.themes]
    notes = []
    if results.hidden:
        notes.append(hidden_note(results) + " " + ", ".join(results.hidden))
    return {
        "title": f"{survey} — {dimension_label(by).lower()}",
        "summary": results_summary(results),
        "url": results_url(survey, by),
        "charts": [chart.as_json() for chart in charts],
        "tables": [{"caption": t.caption, "columns": t.columns, "rows": t.rows} for t in tables],
        "notes": notes,
    }
