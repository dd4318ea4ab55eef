"""A stand-in for the plain-language explanations of the optimiser's choices."""

from __future__ import annotations

from typing import Any


def explain_choice(data: dict[str, Any]) -> str:
    return (
        f"{data['name']}: {data['kind']}, sparer {data['saving']} kr "
        f"for {data['quality_lost']} kvalitetspoeng"
    )


def explain_blocker(data: dict[str, Any]) -> str:
    return f"{data['constraint']}: mangler {data['short_by']}"
