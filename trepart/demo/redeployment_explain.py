"""The score of a proposed pair and its explanation in the matching's words (reason codes
with their parameters: why this vacancy, and for a § 14-3 combined offer the parts and the
travel between them), so the demo's rounds read like the matching's own."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from trepart.demo.redeployment_data import UNIT_PLACES
from trepart.demo.redeployment_setup import Ground
from trepart.demo.redeployment_year import CaseRow, VacancyRow
from trepart.redeployment.models import Vacancy

# Points of a suitable pair's score (0–100), as the agreed rules weigh them.
WANTED_POINTS, LOCATION_POINTS, TRAVEL_POINTS = 40, 15, 30
# The qualification the retrained person holds when proposed (see the story).
RETRAINED = {"R4": "HFA"}


def reasons(
    ground: Ground, row: CaseRow, vacancy: VacancyRow
) -> tuple[float, list[dict[str, Any]]]:
    """The score of a suitable pair and the reasons adding to it."""
    limit = ground.rules.max_travel_minutes
    place = UNIT_PLACES[vacancy.unit]
    minutes = ground.minutes(UNIT_PLACES[row.unit], place)
    held = set(row.qualifications) | ({RETRAINED[row.key]} if row.key in RETRAINED else set())
    wanted = set(vacancy.wanted)
    why: list[dict[str, Any]] = []
    points = float(WANTED_POINTS)
    if wanted:
        have = sorted(wanted & held)
        points = WANTED_POINTS * len(have) / len(wanted)
        if have:
            why.append(
                {"code": "wanted_qualification", "params": {"held": have, "wanted": len(wanted)}}
            )
    if place in row.preferred:
        points += LOCATION_POINTS
        why.append({"code": "preferred_location", "params": {"location": place}})
    travel = TRAVEL_POINTS * max(0, limit - minutes) / limit
    if travel:
        points += travel
        why.append({"code": "shorter_travel", "params": {"minutes": minutes, "limit": limit}})
    return round(points, 1), why


def pair_explanation(
    ground: Ground, row: CaseRow, parts: Sequence[VacancyRow], vacancies: dict[str, Vacancy]
) -> tuple[float, dict[str, Any]]:
    """The pair's score (the parts' mean for a combined offer) and its explanation."""
    scored = [reasons(ground, row, part) for part in parts]
    score = round(sum(points for points, _why in scored) / len(scored), 1)
    explanation: dict[str, Any] = {
        "why": scored[0][1],
        "next_best": None,
        "why_not": None,
        "why_not_params": {},
    }
    if len(parts) > 1:
        places = [UNIT_PLACES[part.unit] for part in parts]
        explanation["why"] = [
            {
                "code": "combined_positions",
                "params": {
                    "parts": [
                        {
                            "vacancy": str(vacancies[part.key].pk),
                            "unit": str(vacancies[part.key].unit_id),
                            "percent": part.percent,
                        }
                        for part in parts
                    ],
                    "current": row.percent,
                    "percent": sum(part.percent for part in parts),
                    "wanted": row.wanted,
                },
            },
            {
                "code": "travel_between_parts",
                "params": {
                    "minutes": ground.minutes(places[0], places[1]),
                    "limit": ground.rules.max_travel_minutes,
                },
            },
        ]
    return score, explanation
