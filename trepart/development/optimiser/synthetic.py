"""Seeded random task portfolios for the bench and the tests: yearly costs in NOK as a
municipal service has them, four levels per task with costs and quality that mostly rise
together, some statutory minimums, and a few levels that cost more for less quality (which
``dominated`` flags)."""

from __future__ import annotations

import numpy as np

from trepart.development.optimiser.model import LEVEL_RANK, Item, Option, Problem

# About one NOK 850 000 a year per FTE, salary and overheads.
NOK_PER_FTE = 850_000


def portfolio(
    tasks: int,
    *,
    seed: int = 0,
    target_share: float = 0.08,
    fte_limit: float | None = None,
    statutory_share: float = 0.2,
    odd_share: float = 0.05,
    locked_share: float = 0.0,
) -> Problem:
    """``tasks`` tasks; the target is ``target_share`` of what they cost today."""
    rng = np.random.default_rng(seed)
    items = []
    total = 0
    for number in range(tasks):
        keep_cost = int(round(rng.lognormal(mean=14.5, sigma=0.9), -3))  # ~2 MNOK
        keep_cost = max(keep_cost, 50_000)
        total += keep_cost
        keep_quality = int(rng.integers(4, 9))
        share_staff = rng.uniform(0.4, 0.9)
        keep_ftes = round(keep_cost * share_staff / NOK_PER_FTE, 2)
        remove_share = rng.uniform(0.0, 0.15)
        lower_share = rng.uniform(0.5, 0.9)
        raise_share = rng.uniform(1.1, 1.4)
        levels = {
            "REMOVE": (remove_share, int(rng.integers(0, 3))),
            "LOWER": (lower_share, keep_quality - int(rng.integers(1, 4))),
            "KEEP": (1.0, keep_quality),
            "RAISE": (raise_share, min(10, keep_quality + int(rng.integers(1, 3)))),
        }
        if rng.random() < odd_share:
            # A level that costs more for less: a RAISE that does not help, or a LOWER
            # that saves nothing.
            if rng.random() < 0.5:
                levels["RAISE"] = (raise_share, keep_quality - 1)
            else:
                levels["LOWER"] = (1.05, keep_quality - 1)
        options = tuple(
            Option(
                kind=kind,
                cost=int(round(keep_cost * share, -3)),
                ftes=round(keep_ftes * share, 2),
                quality=float(max(0, quality)),
            )
            for kind, (share, quality) in levels.items()
        )
        minimum = ""
        if rng.random() < statutory_share:
            minimum = "LOWER" if rng.random() < 0.6 else "KEEP"
        locked = ""
        if rng.random() < locked_share:
            locked = str(rng.choice(["LOWER", "KEEP", "RAISE"]))
            if minimum and LEVEL_RANK[locked] < LEVEL_RANK[minimum]:
                locked = minimum
        items.append(
            Item(
                key=str(number + 1),
                name=f"Oppgave {number + 1}",
                options=options,
                weight=float(rng.integers(0, 101)) / 10,
                minimum=minimum,
                locked=locked,
            )
        )
    return Problem(
        items=tuple(items), target=int(round(total * target_share, -3)), fte_limit=fte_limit
    )
