"""An open round's progress: how many have answered, for its managers only.

While a round is open its results are not shown (``surveys.results_ready``). Its managers
may follow how many have answered, to send reminders: the whole round's count, and the
count of each group that the threshold and secondary suppression would show — never a
small group's count, which would change visibly with one person's answer, nor the whole's
while it is under the threshold, nor which small groups have begun to answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trepart.analysis.models import Survey
from trepart.analysis.permissions import can_manage
from trepart.analysis.selectors.survey_groups import _dimension, _groups
from trepart.analysis.selectors.surveys import Group
from trepart.platform.suppression import effective_threshold


@dataclass(frozen=True)
class Progress:
    survey: Survey
    by: str
    threshold: int
    respondents: int | None  # the whole round; None while under the threshold
    groups: list[Group]  # shown groups, the whole first; empty under the threshold


def can_follow_progress(user: Any, survey: Survey) -> bool:
    """Only the round's managers see how many have answered while it is open."""
    return can_manage(user) and user.municipality_id == survey.municipality_id


def survey_progress(*, survey: Survey, by: str) -> Progress:
    """Respondents of an open round per group of ``by``, through the threshold."""
    threshold = effective_threshold(survey.municipality.survey_threshold)
    dim = _dimension(survey, by, threshold)
    groups, _hidden = _groups(dim, threshold)
    whole = sum(dim.own.values())
    return Progress(
        survey=survey,
        by=by,
        threshold=threshold,
        respondents=whole if whole >= threshold else None,
        groups=groups,
    )
