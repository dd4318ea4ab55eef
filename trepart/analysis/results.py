"""Survey results as numbers: where parties differ most.

Pure: figures in, figures out (no ORM). Which groups a question may show is decided by
``platform.suppression.hidden_groups`` in the survey selectors (``survey_groups``,
``survey_figures``).
"""

from __future__ import annotations

from collections.abc import Mapping


def largest_gap(means: Mapping[str, Mapping[str, float]]) -> tuple[str, str, str, float] | None:
    """In ``{theme: {group: mean}}``, the theme where two groups differ most.

    Returns (theme, lowest group, highest group, difference), or None when no theme has
    two groups. Ties go to the first theme.
    """
    best: tuple[str, str, str, float] | None = None
    for theme, by_group in means.items():
        if len(by_group) < 2:
            continue
        low = min(by_group, key=lambda group: (by_group[group], group))
        high = max(by_group, key=lambda group: (by_group[group], group))
        gap = by_group[high] - by_group[low]
        if best is None or gap > best[3] + 1e-9:
            best = (theme, low, high, gap)
    return best
