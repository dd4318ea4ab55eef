"""Survey results in the JSON API: the results page's figures, suppressed the same way.

``GET /api/v1/surveys/{id}/results?by=unit|party|body|all`` reads through the selector the
page uses; a hidden group appears only by name in ``hidden_groups``. A survey of another
municipality answers 404.

Only a closed round has results (``results_available``). While a round is open the answer
has no figures, only its closing day; its managers also get the respondents so far, per
group that the threshold lets through, as on the page.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from trepart.analysis import results_kept as kept
from trepart.analysis.api.schemas.surveys import ResultsQuery, SurveyResultsOut
from trepart.analysis.results_display import not_ready_message
from trepart.analysis.selectors import survey_progress as progress
from trepart.analysis.selectors import surveys as selectors
from trepart.organisation.schemas import Error
from trepart.platform import formatting
from trepart.platform.api import Id, caller, not_found

router = Router(tags=["analysis"])


@router.get(
    "/surveys/{survey_id}/results",
    response={200: SurveyResultsOut, 400: Error, 403: Error, 404: Error},
    operation_id="survey_results",
    summary="Survey results per unit, party or body",
)
def survey_results(request: HttpRequest, survey_id: Id, query: Query[ResultsQuery]) -> Any:
    """Respondents, means and distributions per shown group; hidden groups by name only."""
    user = caller(request)
    if query.by not in selectors.DIMENSIONS:
        raise HttpError(400, _("“by” must be one of: unit, party, body, all."))
    try:
        survey = selectors.survey_get(user=user, pk=survey_id)
    except Http404:
        raise not_found() from None
    if not selectors.results_ready(survey):
        return JsonResponse(pending_out(user, survey, query.by))
    results = kept.survey_results(survey=survey, by=query.by)
    # Built to ``SurveyResultsOut`` here and sent as is: checking 50,000 cells (1,500 units by
    # 35 questions) against the schema took seconds. The tests check the shape.
    return JsonResponse(results_out(results))


def _survey_ref(survey: Any) -> dict[str, Any]:
    return {
        "id": survey.pk,
        "title": survey.title,
        "round_label": survey.round_label,
        "status": survey.status,
        "instrument": survey.instrument.shown_title,
        "builtin_key": survey.instrument.builtin_key,
        "closes_on": survey.closes_on.isoformat() if survey.closes_on else None,
    }


def pending_out(user: Any, survey: Any, by: str) -> dict[str, Any]:
    """A round that is not closed: no figures; its managers get the respondents so far."""
    found = (
        progress.survey_progress(survey=survey, by=by)
        if progress.can_follow_progress(user, survey)
        else None
    )
    return {
        "survey": _survey_ref(survey),
        "results_available": False,
        "message": not_ready_message(survey),
        "by": by,
        "threshold": found.threshold if found else None,
        "respondents": found.respondents if found else None,
        "groups": [
            {"key": g.key, "name": g.name, "respondents": g.respondents, "parent": g.parent}
            for g in (found.groups if found else [])
        ],
        # Which small groups have begun to answer is itself too much to show while open.
        "hidden_groups": [],
        "questions": [],
        "themes": [],
        "texts": [],
    }


def results_out(results: selectors.SurveyResults) -> dict[str, Any]:
    whole = results.whole
    return {
        "survey": _survey_ref(results.survey),
        "results_available": True,
        "message": "",
        "by": results.by,
        "threshold": results.threshold,
        "respondents": whole.respondents if whole else None,
        "groups": [
            {"key": g.key, "name": g.name, "respondents": g.respondents, "parent": g.parent}
            for g in results.groups
        ],
        "hidden_groups": results.hidden,
        "questions": [
            {
                "id": q.id,
                "position": q.position,
                "text": q.text,
                "theme": q.theme,
                "kind": q.kind,
                "labels": q.labels(),
                "results": [
                    {
                        "group": group.key,
                        "answers": cell.answers,
                        "mean": formatting.rounded_float(cell.mean, 3),
                        "distribution": list(cell.distribution),
                    }
                    for group in results.groups
                    if (cell := q.cells.get(group.key)) is not None
                ],
            }
            for q in results.questions
        ],
        "themes": [
            {
                "theme": theme.theme,
                "label": theme.label,
                "means": [
                    {"group": key, "mean": formatting.rounded_float(mean, 3)}
                    for key, mean in theme.means.items()
                ],
            }
            for theme in results.themes
        ],
        "texts": [
            {
                "question": item.question.id,
                "groups": [{"group": g.key, "texts": texts} for g, texts in item.groups],
            }
            for item in results.texts
        ],
    }
