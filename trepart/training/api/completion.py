"""Completion figures in the API: aggregates only, with small groups suppressed exactly as
on the page (``GET /training/completion``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from trepart.organisation.schemas import Error
from trepart.platform.api import caller
from trepart.training.api.schemas import CourseCompletionOut
from trepart.training.selectors.completion import Group, completion_figures

router = Router(tags=["training"])


def _group(group: Group) -> dict[str, Any]:
    # Field by field: ``dataclasses.asdict`` deep-copies each of the 1,500 groups of a
    # large municipality, a third of the answer's time.
    return {
        "key": group.key,
        "name": group.name,
        "depth": group.depth,
        "people": group.people,
        "completed": group.completed,
        "share": group.share,
    }


@router.get(
    "/training/completion",
    response={200: CourseCompletionOut, 401: Error, 403: Error},
    operation_id="training_completion_get",
    summary="Completion of the course, by unit, sector and party",
)
def completion_get(request: HttpRequest) -> dict[str, Any]:
    found = completion_figures(user=caller(request))
    return {
        "mandatory": found.mandatory,
        "threshold": found.threshold,
        "whole": _group(found.whole) if found.whole else None,
        "sectors": [_group(g) for g in found.sectors],
        "units": [_group(g) for g in found.units],
        "parties": [_group(g) for g in found.parties],
        "political_parties": [_group(g) for g in found.political_parties],
        "hidden": found.hidden,
    }
