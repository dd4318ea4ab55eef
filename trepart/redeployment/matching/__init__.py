"""The stillingsbank's matching: pure numpy/scipy, no Django models, no text.

``suitability`` judges one person for one vacancy by the municipality's ``Rules``;
``match`` makes the weekly proposal — as many people placed as possible, the best set by
the agreed selection order, then the persons' preferences — with an ``Explanation`` for
every pair and reasons for everyone unplaced (``Matching.as_json()`` is what a proposal
stores); ``combine`` offers § 14-3 combinations of part-time vacancies. Reasons are codes
with parameters; the app turns them into words.
"""

from trepart.redeployment.matching.assign import DENSE_LIMIT, selection_groups
from trepart.redeployment.matching.combine import combine
from trepart.redeployment.matching.model import (
    SENIORITY,
    SOCIAL,
    Candidate,
    CombinedOffer,
    Exclusions,
    Explanation,
    Matching,
    Pair,
    Reason,
    Rules,
    Travel,
    Vacancy,
    Verdict,
)
from trepart.redeployment.matching.proposal import match
from trepart.redeployment.matching.suitability import SCORE_MAX, suitability, travel_minutes

__all__ = [
    "DENSE_LIMIT",
    "SCORE_MAX",
    "SENIORITY",
    "SOCIAL",
    "Candidate",
    "CombinedOffer",
    "Exclusions",
    "Explanation",
    "Matching",
    "Pair",
    "Reason",
    "Rules",
    "Travel",
    "Vacancy",
    "Verdict",
    "combine",
    "match",
    "selection_groups",
    "suitability",
    "travel_minutes",
]
