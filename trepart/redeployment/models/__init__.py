"""The stillingsbank's data: the agreed rules, the register with its history, vacancies,
the weekly matching rounds and the offers."""

from trepart.redeployment.models.announced import ExpectedRedundancy
from trepart.redeployment.models.register import (
    HAS_RIGHT,
    MATCHABLE,
    CaseEvent,
    CaseKind,
    CaseStatus,
    RedeploymentCase,
)
from trepart.redeployment.models.rules import (
    Location,
    MatchingRules,
    Qualification,
    Selection,
    TravelTime,
)
from trepart.redeployment.models.vacancies import (
    MatchRound,
    Offer,
    OfferPart,
    ProposedPair,
    Vacancy,
)

__all__ = [
    "HAS_RIGHT",
    "MATCHABLE",
    "CaseEvent",
    "CaseKind",
    "CaseStatus",
    "ExpectedRedundancy",
    "Location",
    "MatchRound",
    "MatchingRules",
    "Offer",
    "OfferPart",
    "ProposedPair",
    "Qualification",
    "RedeploymentCase",
    "Selection",
    "TravelTime",
    "Vacancy",
]
