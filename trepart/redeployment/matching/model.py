"""The matching's inputs and answers as plain dataclasses: the municipality's agreed rules
(``Rules``), a person (``Candidate``), a vacancy (``Vacancy``), the verdict on one pair
(``Verdict`` with ``Reason`` codes), and the proposal (``Matching`` of ``Pair`` values with
their ``Explanation``, and ``CombinedOffer`` for § 14-3). No Django and no text: a reason is
a code with parameters, which the app turns into words in the reader's language.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

SENIORITY = "SENIORITY"
SOCIAL = "SOCIAL"
SELECTIONS = (SENIORITY, SOCIAL)

# Minutes between two locations (symmetric, the same location is 0); a missing pair is
# unknown, and a pair with unknown travel is not suitable.
Travel = Mapping[tuple[str, str], int]
# (candidate key, vacancy key) -> the reason the body typed for excluding the pair.
Exclusions = Mapping[tuple[str, str], str]


@dataclass(frozen=True)
class Rules:
    """The suitability and selection rules agreed with the unions, stored per municipality."""

    percent_tolerance: int = 10  # percentage points the vacancy's % may differ by
    wage_not_lower: bool = True  # the wage band's top not below the person's wage
    max_travel_minutes: int = 45  # a person's own lower limit wins
    selection: str = SENIORITY  # SENIORITY: ansiennitet first; SOCIAL: social grounds first

    def __post_init__(self) -> None:
        if self.selection not in SELECTIONS:
            raise ValueError(f"Unknown selection order {self.selection!r}.")
        if self.percent_tolerance < 0 or self.max_travel_minutes < 0:
            raise ValueError("Tolerance and travel limit must not be negative.")

    def as_json(self) -> dict[str, Any]:
        return {
            "percent_tolerance": self.percent_tolerance,
            "wage_not_lower": self.wage_not_lower,
            "max_travel_minutes": self.max_travel_minutes,
            "selection": self.selection,
        }


@dataclass(frozen=True)
class Candidate:
    """A redundant employee, or a part-time employee wishing for a larger position (§ 14-3,
    with ``wanted_percent``)."""

    key: str
    percent: int
    wanted_percent: int | None
    wage_level: int
    qualifications: frozenset[str]
    location: str
    seniority: datetime.date  # ansiennitetsdato: earlier is more senior
    social_priority: int = 0  # higher is stronger social grounds
    preferred_units: frozenset[str] = frozenset()
    preferred_locations: frozenset[str] = frozenset()
    max_travel_minutes: int | None = None
    unit: str = ""

    def travel_limit(self, rules: Rules) -> int:
        """The agreed limit, or the person's own if it is lower."""
        if self.max_travel_minutes is None:
            return rules.max_travel_minutes
        return max(0, min(rules.max_travel_minutes, self.max_travel_minutes))

    def selection_key(self, rules: Rules) -> tuple[int, int]:
        """Sorts the candidate who goes first first; equal keys are equal by the rules."""
        days = self.seniority.toordinal()
        if rules.selection == SOCIAL:
            return (-self.social_priority, days)
        return (days, -self.social_priority)


@dataclass(frozen=True)
class Vacancy:
    key: str
    unit: str
    percent: int
    required: frozenset[str]
    wanted: frozenset[str]
    location: str
    wage_min: int
    wage_max: int


@dataclass(frozen=True)
class Reason:
    """Why a pair is (not) suitable or why a choice was made: a code and its parameters
    (JSON-able values only)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params}


@dataclass(frozen=True)
class Verdict:
    """One pair: suitable or not; for an unsuitable pair the reasons are what fails, for a
    suitable one what adds to the score (0–100, in tenths)."""

    suitable: bool
    reasons: tuple[Reason, ...]
    score: float


@dataclass(frozen=True)
class Explanation:
    """Why this vacancy (``why``: what adds to its score) and why not the next-best one
    (the vacancy with the highest score for the person among the others suitable, and the
    reason it was not theirs)."""

    why: tuple[Reason, ...]
    next_best: str | None
    why_not: Reason | None

    def as_json(self) -> dict[str, Any]:
        return {
            "why": [reason.as_json() for reason in self.why],
            "next_best": self.next_best,
            "why_not": None if self.why_not is None else self.why_not.code,
            "why_not_params": {} if self.why_not is None else self.why_not.params,
        }


@dataclass(frozen=True)
class Pair:
    candidate: str
    vacancy: str
    score: float
    explanation: Explanation

    def as_json(self) -> dict[str, Any]:
        return {
            "candidate": self.candidate,
            "vacancy": self.vacancy,
            "score": self.score,
            "explanation": self.explanation.as_json(),
        }


@dataclass(frozen=True)
class CombinedOffer:
    """§ 14-3: two or more part-time vacancies offered together as one larger position."""

    candidate: str
    vacancies: tuple[str, ...]
    percent: int  # the parts' percents added up
    score: float  # the parts' mean score
    reasons: tuple[Reason, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "candidate": self.candidate,
            "vacancies": list(self.vacancies),
            "percent": self.percent,
            "score": self.score,
            "reasons": [reason.as_json() for reason in self.reasons],
        }


@dataclass
class Matching:
    """The proposal for the weekly meeting: the pairs, the people left unplaced with the
    reasons, and (when asked for) combined offers made from the vacancies left over."""

    rules: Rules
    pairs: list[Pair]
    unplaced: list[tuple[str, tuple[Reason, ...]]]
    combined: list[CombinedOffer] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "rules": self.rules.as_json(),
            "placed": len(self.pairs),
            "pairs": [pair.as_json() for pair in self.pairs],
            "unplaced": [
                {"candidate": key, "reasons": [reason.as_json() for reason in reasons]}
                for key, reasons in self.unplaced
            ],
            "combined": [offer.as_json() for offer in self.combined],
        }
