"""Reads of the Lean improvement board: its cards by PDSA step and the measured effect."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from trepart.development.models import Improvement, Project


@dataclass(frozen=True)
class LeanSums:
    """A project's improvements summed: how many, how many done, and the monthly effect."""

    count: int
    done: int
    hours: Decimal
    errors: int
    waiting: Decimal

    def as_json(self) -> dict[str, object]:
        return {
            "count": self.count,
            "done": self.done,
            "hours_saved_per_month": float(self.hours),
            "errors_avoided_per_month": self.errors,
            "waiting_days_avoided_per_month": float(self.waiting),
        }


_SUMS = {
    "count": Count("pk"),
    "done": Count("pk", filter=Q(step=Improvement.Step.DONE)),
    "hours": Sum("hours_saved_per_month"),
    "errors": Sum("errors_avoided_per_month"),
    "waiting": Sum("waiting_days_avoided"),
}


def _sums(row: dict[str, object]) -> LeanSums:
    return LeanSums(
        count=int(row["count"] or 0),  # type: ignore[call-overload]
        done=int(row["done"] or 0),  # type: ignore[call-overload]
        hours=Decimal(row["hours"] or 0),  # type: ignore[arg-type]
        errors=int(row["errors"] or 0),  # type: ignore[call-overload]
        waiting=Decimal(row["waiting"] or 0),  # type: ignore[arg-type]
    )


def lean_sums(project: Project) -> LeanSums:
    """The board's totals (every card counts; the effect is what was measured so far)."""
    return _sums(Improvement.objects.filter(project=project).aggregate(**_SUMS))


def lean_sums_by_project(projects: Iterable[Project]) -> dict[int, LeanSums]:
    """The totals of several projects in one query (lists, the mandating body's panel)."""
    ids = [p.pk for p in projects]
    rows = Improvement.objects.filter(project_id__in=ids).values("project_id").annotate(**_SUMS)
    found = {row["project_id"]: _sums(row) for row in rows}
    empty = LeanSums(count=0, done=0, hours=Decimal(0), errors=0, waiting=Decimal(0))
    return {pk: found.get(pk, empty) for pk in ids}


def board(project: Project) -> dict[str, list[Improvement]]:
    """The cards by step, in the cycle's order."""
    columns: dict[str, list[Improvement]] = {step: [] for step in Improvement.Step.values}
    cards = project.improvements.select_related("owner", "unit").order_by("-created_at", "-pk")
    for card in cards:
        columns[card.step].append(card)
    return columns
