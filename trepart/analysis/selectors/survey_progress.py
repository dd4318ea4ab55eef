"""An open round's progress: how many have answered, for its managers only.

While a round is open its results are not shown (``surveys.results_ready``). Its managers
may follow how many have answered, to send reminders: the whole round's count, and the
count of each group that the threshold and secondary suppression would show — never a
small group's count, which would change visibly with one person's answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trepart.analysis.models import Survey
from trepart.analysis.permissions import can_manage
from trepart.analysis.selectors.surveys import Group, _dimension, _groups
from trepart.analysis.suppression import effective_threshold


@dataclass(frozen=True)
class Progress:
    survey: Survey
    by: str
    threshold: int
    respondents: int  # the whole round
    groups: list[Group]  # shown groups, the whole first; empty under the threshold
    hidden: list[str]  # names of the groups not shown


def can_follow_progress(user: Any, survey: Survey) -> bool:
    """Only the round's managers see how many have answered while it is open."""
    return can_manage(user) and user.municipality_id == survey.municipality_id


def survey_progress(*, survey: Survey, by: str) -> Progress:
    """Respondents of an open round per group of ``by``, through the threshold."""
    threshold = effective_threshold(survey.municipality.survey_threshold)
    dim = _dimension(survey, by, threshold)
    groups, hidden = _groups(dim, threshold)
    return Progress(
        survey=survey,
        by=by,
        threshold=threshold,
        respondents=sum(dim.own.values()),
        groups=groups,
        hidden=[name for name, _key in hidden],
    )
