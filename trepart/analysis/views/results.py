"""Survey results pages: the tables per theme, the parties side by side, rounds over time,
free text, and the CSV of the same aggregates."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from trepart.analysis import permissions
from trepart.analysis import results_display as display
from trepart.analysis import results_kept as kept
from trepart.analysis.selectors import survey_progress as progress
from trepart.analysis.selectors import surveys as selectors
from trepart.platform.csv_writer import csv_response


def _readable_survey(request: HttpRequest, pk: int) -> Any:
    if not permissions.can_read(request.user):
        raise PermissionDenied
    return selectors.survey_get(user=request.user, pk=pk)


@login_required
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _readable_survey(request, pk)
    by = selectors.parse_by(request.GET.get("by"))
    if request.GET.get("format") == "csv":
        return survey_results_csv(request, pk)
    if not selectors.results_ready(survey):
        return _pending(request, survey, by)
    results = kept.survey_results(survey=survey, by=by)
    under = request.GET.get("under", "")
    rows = _rows(results, under)
    chart = None
    if display.is_self_assessment(survey):
        parties = (
            results
            if by == selectors.BY_PARTY
            else kept.survey_results(survey=survey, by="party", texts=False)
        )
        chart = display.party_chart(parties, note_hidden=parties is not results)
    context = {
        "survey": survey,
        "results": results,
        "by": by,
        "dimensions": [(key, display.dimension_label(key)) for key in selectors.DIMENSIONS],
        "under": results.group(under) if under else None,
        "tables": [display.theme_table(results, theme, rows) for theme in results.themes],
        "other_questions": [
            (q, list(zip(q.labels(), q.cells[selectors.ALL].distribution, strict=False)))
            for q in results.questions
            if q.kind == "CHOICE" and selectors.ALL in q.cells
        ],
        "whole_distributions": [
            (theme, [(q, q.cells.get(selectors.ALL)) for q in theme.questions])
            for theme in results.themes
        ],
        # Units with shown units under them: the page can look inside them.
        "drill": {g.parent for g in results.groups if g.parent and g.parent != selectors.ALL},
        "rows": rows,
        "texts": _texts_of(results, rows),
        "chart": chart,
        "rounds_chart": display.rounds_chart(
            kept.survey_rounds(survey=survey, by=by, current=results)
        ),
        "summary": display.results_summary(results),
        "snapshot_params": {"survey": str(survey.pk), "by": by},
        "hidden_note": display.hidden_note(results),
    }
    return render(request, "analysis/results/survey_results.html", context)


def _pending(request: HttpRequest, survey: Any, by: str) -> HttpResponse:
    """A round that is not closed: when its results come, and its managers the count."""
    manager = progress.can_follow_progress(request.user, survey)
    context = {
        "survey": survey,
        "by": by,
        "dimensions": [(key, display.dimension_label(key)) for key in selectors.DIMENSIONS],
        "message": display.not_ready_message(survey),
        "progress": progress.survey_progress(survey=survey, by=by) if manager else None,
    }
    return render(request, "analysis/results/survey_pending.html", context)


def _texts_of(
    results: selectors.SurveyResults, rows: list[selectors.Group]
) -> list[selectors.TextResult]:
    """The free text of the groups in the table (one level of the unit tree at a time)."""
    keys = {group.key for group in rows}
    out = []
    for item in results.texts:
        groups = [(group, words) for group, words in item.groups if group.key in keys]
        if groups:
            out.append(selectors.TextResult(question=item.question, groups=groups))
    return out


def _rows(results: selectors.SurveyResults, under: str) -> list[selectors.Group]:
    """The groups to show as rows: the whole, then one level of the unit tree at a time."""
    if not results.groups:
        return []
    whole = results.groups[0]
    if results.by != selectors.BY_UNIT:
        return results.groups
    top = results.group(under) if under else None
    if top is None or top.key == selectors.ALL:
        return [whole, *(g for g in results.groups if g.parent == selectors.ALL)]
    return [whole, top, *(g for g in results.groups if g.parent == top.key)]


@login_required
def survey_results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _readable_survey(request, pk)
    by = selectors.parse_by(request.GET.get("by"))
    if selectors.results_ready(survey):
        results = kept.survey_results(survey=survey, by=by, texts=False)
        rows = display.csv_rows(results)
    elif progress.can_follow_progress(request.user, survey):
        rows = _progress_rows(progress.survey_progress(survey=survey, by=by))
    else:
        # Nothing to download yet: the page says when the results come.
        return redirect(f"{reverse('analysis:survey-results', args=[survey.pk])}?by={by}")
    name = slugify(f"{survey} {by}") or "resultater"
    return csv_response(rows, file_name=f"{name}.csv")


def _progress_rows(found: progress.Progress) -> list[list[str]]:
    """An open round's CSV for its managers: respondents per shown group, nothing else."""
    rows = [[_("Group"), _("Respondents (n)")]]
    if not found.groups:
        whole = "" if found.respondents is None else str(found.respondents)
        rows.append([_("Whole municipality"), whole])
    rows += [[group.name, str(group.respondents)] for group in found.groups]
    return rows
