"""§ 14-3 combined offers: two or more part-time vacancies offered together as one larger
position to a part-time employee who wishes for more.

A combination is offered when every part suits the person on everything but the position %
(not excluded, qualifications, wage, travel from their work location), the travel between
any two parts' locations is within the person's limit (the units are near each other), and
the parts' percents add up to more than the person's present position and at most their
wish. People are served in the agreed selection order, each vacancy in at most one offer;
each person gets the largest combined position, then the highest mean score, then the
fewest parts. Only the ``PART_LIMIT`` best-scoring parts of a person are combined, so the
search stays small.

``match(..., combine=True)`` runs this on the § 14-3 candidates it left unplaced, with the
vacancies it left free; called on its own it offers combinations to every § 14-3 candidate.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from trepart.redeployment.matching.model import (
    Candidate,
    CombinedOffer,
    Exclusions,
    Reason,
    Rules,
    Travel,
    Vacancy,
)
from trepart.redeployment.matching.suitability import basic_reasons, score_reasons, travel_minutes

# The best-scoring parts of one person that are tried together.
PART_LIMIT = 30


def _near(parts: Sequence[Vacancy], travel: Travel, limit: int) -> int | None:
    """The longest travel between two parts, or None when one is unknown or too long."""
    longest = 0
    for first, second in combinations(parts, 2):
        minutes = travel_minutes(travel, first.location, second.location)
        if minutes is None or minutes > limit:
            return None
        longest = max(longest, minutes)
    return longest


def _best(
    candidate: Candidate,
    parts: list[tuple[int, Vacancy]],
    travel: Travel,
    limit: int,
    max_parts: int,
) -> tuple[tuple[int, Vacancy], ...] | None:
    wanted = candidate.wanted_percent or 0
    best: tuple[tuple[int, Vacancy], ...] | None = None
    best_key: tuple[int, float, int] | None = None
    for size in range(2, max_parts + 1):
        for chosen in combinations(parts, size):
            percent = sum(vacancy.percent for _tenths, vacancy in chosen)
            if not candidate.percent < percent <= wanted:
                continue
            if _near([vacancy for _tenths, vacancy in chosen], travel, limit) is None:
                continue
            key = (percent, sum(tenths for tenths, _v in chosen) / size, -size)
            if best_key is None or key > best_key:
                best, best_key = chosen, key
    return best


def combine(
    candidates: Sequence[Candidate],
    vacancies: Sequence[Vacancy],
    rules: Rules,
    travel: Travel,
    exclusions: Exclusions,
    *,
    max_parts: int = 2,
) -> list[CombinedOffer]:
    """Combined offers for the § 14-3 candidates, in the selection order."""
    order = sorted(
        (c for c in candidates if c.wanted_percent is not None),
        key=lambda c: c.selection_key(rules),
    )
    used: set[str] = set()
    offers: list[CombinedOffer] = []
    for candidate in order:
        limit = candidate.travel_limit(rules)
        parts: list[tuple[int, Vacancy]] = []
        for vacancy in vacancies:
            if vacancy.key in used or vacancy.percent >= (candidate.wanted_percent or 0):
                continue
            failures, minutes = basic_reasons(candidate, vacancy, rules, travel, exclusions)
            if failures or minutes is None:
                continue
            tenths, _why = score_reasons(candidate, vacancy, minutes, limit)
            parts.append((tenths, vacancy))
        parts.sort(key=lambda part: -part[0])
        chosen = _best(candidate, parts[:PART_LIMIT], travel, limit, max_parts)
        if chosen is None:
            continue
        keys = tuple(vacancy.key for _tenths, vacancy in chosen)
        used.update(keys)
        percent = sum(vacancy.percent for _tenths, vacancy in chosen)
        longest = _near([vacancy for _tenths, vacancy in chosen], travel, limit) or 0
        reasons = (
            Reason(
                "combined_positions",
                {
                    "parts": [
                        {"vacancy": v.key, "unit": v.unit, "percent": v.percent} for _t, v in chosen
                    ],
                    "current": candidate.percent,
                    "percent": percent,
                    "wanted": candidate.wanted_percent,
                },
            ),
            Reason("travel_between_parts", {"minutes": longest, "limit": limit}),
        )
        score = round(sum(tenths for tenths, _v in chosen) / len(chosen)) / 10
        offers.append(CombinedOffer(candidate.key, keys, percent, score, reasons))
    return offers
