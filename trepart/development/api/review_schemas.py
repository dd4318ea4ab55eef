"""The shapes of the service review's API: what a solve request may ask for."""

from __future__ import annotations

from ninja import Field, Schema

from trepart.development.models import Plan


class SolveIn(Schema):
    """Inputs of a plan; anything left out takes the plan page's default."""

    target: int | None = Field(
        None, ge=0, le=10**13, description="Yearly saving wanted, NOK (default: the project's)."
    )
    basis: str = Field(
        Plan.Basis.AGREED,
        description="Whose weights: AGREED, or (once all three have weighed) POLITICAL, "
        "ADMINISTRATION or EMPLOYEE.",
    )
    locks: dict[str, str] | None = Field(
        None,
        description="Task id → level kind the plan must keep (default: the group's locks).",
    )
    fte_limit: float | None = Field(
        None,
        ge=0,
        le=10**6,
        description="Largest FTE reduction allowed; left out: natural attrition; null: no limit.",
    )


class WeightsIn(Schema):
    weights: dict[str, int] = Field(description="Task id → weight 0–10, for your own party.")
