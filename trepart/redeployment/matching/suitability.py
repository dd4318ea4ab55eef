"""Suitability of one person for one vacancy, by the rules agreed with the unions.

A pair is unsuitable for each of these reasons (all that apply are given):

- ``excluded``: the body excluded the pair (``{"reason": text}``);
- ``missing_qualification``: a required qualification is missing (``{"missing": [...]}``);
- ``percent_out_of_tolerance``: a redundant employee's vacancy differs from their position %
  by more than the tolerance (``{"percent", "current", "tolerance"}``);
- ``percent_not_larger`` / ``percent_above_wish``: for a part-time employee wishing for more
  (§ 14-3) the vacancy must be larger than the present position and at most the wish — any
  increase up to the wish is one the law protects, so no tolerance applies;
- ``wage_lower``: the wage band's top is below the person's wage (when the rules say so);
- ``travel_unknown`` / ``travel_too_long``: travel time between the person's work location
  and the vacancy's is not in the table, or longer than the limit (the agreed one, or the
  person's own if lower).

A suitable pair scores 0–100 in whole tenths (integers inside, so no float decides a tie):
up to 40 for the wanted qualifications held (all 40 if none are wanted), 25 for a preferred
unit, 15 for a preferred location and up to 20 for shorter travel (20 at 0 minutes, 0 at
the limit). ``table.py`` computes the same for all pairs at once.
"""

from __future__ import annotations

from trepart.redeployment.matching.model import (
    Candidate,
    Exclusions,
    Reason,
    Rules,
    Travel,
    Vacancy,
    Verdict,
)

# The score's parts in tenths of a point; they add up to SCORE_MAX.
WANTED_POINTS = 400
UNIT_POINTS = 250
LOCATION_POINTS = 150
TRAVEL_POINTS = 200
SCORE_MAX = WANTED_POINTS + UNIT_POINTS + LOCATION_POINTS + TRAVEL_POINTS


def travel_minutes(travel: Travel, origin: str, destination: str) -> int | None:
    """Minutes between two locations, read either way round; None when unknown."""
    if origin == destination:
        return 0
    minutes = travel.get((origin, destination))
    if minutes is None:
        minutes = travel.get((destination, origin))
    return minutes


def share_points(points: int, part: int, whole: int) -> int:
    """``points * part / whole`` rounded half up, in integers."""
    return (2 * points * part + whole) // (2 * whole)


def percent_reasons(candidate: Candidate, percent: int, rules: Rules) -> list[Reason]:
    """What is wrong with a position of ``percent`` for the person (empty: nothing)."""
    if candidate.wanted_percent is not None:
        if percent <= candidate.percent:
            return [
                Reason("percent_not_larger", {"percent": percent, "current": candidate.percent})
            ]
        if percent > candidate.wanted_percent:
            return [
                Reason(
                    "percent_above_wish", {"percent": percent, "wanted": candidate.wanted_percent}
                )
            ]
        return []
    if abs(percent - candidate.percent) > rules.percent_tolerance:
        return [
            Reason(
                "percent_out_of_tolerance",
                {
                    "percent": percent,
                    "current": candidate.percent,
                    "tolerance": rules.percent_tolerance,
                },
            )
        ]
    return []


def basic_reasons(
    candidate: Candidate,
    vacancy: Vacancy,
    rules: Rules,
    travel: Travel,
    exclusions: Exclusions,
) -> tuple[list[Reason], int | None]:
    """Every rule but the position %, and the travel minutes (None when unknown)."""
    failures: list[Reason] = []
    excluded = exclusions.get((candidate.key, vacancy.key))
    if excluded is not None:
        failures.append(Reason("excluded", {"reason": excluded}))
    missing = vacancy.required - candidate.qualifications
    if missing:
        failures.append(Reason("missing_qualification", {"missing": sorted(missing)}))
    if rules.wage_not_lower and vacancy.wage_max < candidate.wage_level:
        failures.append(
            Reason("wage_lower", {"wage_max": vacancy.wage_max, "wage_level": candidate.wage_level})
        )
    minutes = travel_minutes(travel, candidate.location, vacancy.location)
    limit = candidate.travel_limit(rules)
    if minutes is None:
        failures.append(
            Reason("travel_unknown", {"from": candidate.location, "to": vacancy.location})
        )
    elif minutes > limit:
        failures.append(Reason("travel_too_long", {"minutes": minutes, "limit": limit}))
    return failures, minutes


def score_reasons(
    candidate: Candidate, vacancy: Vacancy, minutes: int, limit: int
) -> tuple[int, list[Reason]]:
    """The score of a suitable pair in tenths, and the reasons that add to it."""
    reasons: list[Reason] = []
    tenths = 0
    if vacancy.wanted:
        held = vacancy.wanted & candidate.qualifications
        tenths += share_points(WANTED_POINTS, len(held), len(vacancy.wanted))
        if held:
            reasons.append(
                Reason(
                    "wanted_qualification", {"held": sorted(held), "wanted": len(vacancy.wanted)}
                )
            )
    else:
        tenths += WANTED_POINTS
    if vacancy.unit in candidate.preferred_units:
        tenths += UNIT_POINTS
        reasons.append(Reason("preferred_unit", {"unit": vacancy.unit}))
    if vacancy.location in candidate.preferred_locations:
        tenths += LOCATION_POINTS
        reasons.append(Reason("preferred_location", {"location": vacancy.location}))
    travel_tenths = (
        TRAVEL_POINTS if limit <= 0 else share_points(TRAVEL_POINTS, limit - minutes, limit)
    )
    tenths += travel_tenths
    if travel_tenths:
        reasons.append(Reason("shorter_travel", {"minutes": minutes, "limit": limit}))
    return tenths, reasons


def suitability(
    candidate: Candidate,
    vacancy: Vacancy,
    rules: Rules,
    travel: Travel,
    exclusions: Exclusions,
) -> Verdict:
    """Suitable or not, with the reasons, and the score (0 for an unsuitable pair)."""
    failures, minutes = basic_reasons(candidate, vacancy, rules, travel, exclusions)
    failures += percent_reasons(candidate, vacancy.percent, rules)
    if failures or minutes is None:
        return Verdict(False, tuple(failures), 0.0)
    tenths, reasons = score_reasons(candidate, vacancy, minutes, candidate.travel_limit(rules))
    return Verdict(True, tuple(reasons), tenths / 10)
