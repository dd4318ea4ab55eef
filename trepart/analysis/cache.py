"""Derived figures kept until the municipality's data change.

Sick-leave sums and 10-FAKTOR figures over a large municipality take a few hundred
milliseconds to compute, while their data change only through audited imports and edits. So
a result is cached under the municipality's newest audit entry: any change moves the key,
and the old entry simply expires.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar, cast

from django.core.cache import cache

from trepart.audit.selectors import latest_entry_id

KEEP_SECONDS = 24 * 3600
T = TypeVar("T")
_MISSING = object()
# Set while measuring the path after an import (the benchmark): nothing is taken from the cache.
_fresh: ContextVar[bool] = ContextVar("analysis_fresh", default=False)


@contextmanager
def computed_afresh() -> Iterator[None]:
    """Within this block figures are computed, not taken from the cache."""
    token = _fresh.set(True)
    try:
        yield
    finally:
        _fresh.reset(token)


def cached(topic: str, key: str, municipality_id: int, compute: Callable[[], T]) -> T:
    """``compute()``, kept until the municipality's data change."""
    if _fresh.get():
        return compute()
    version = latest_entry_id(municipality_id=municipality_id)
    full = f"analysis:{topic}:{municipality_id}:{version}:{key}"
    found = cache.get(full, _MISSING)
    if found is _MISSING:
        found = compute()
        cache.set(full, found, KEEP_SECONDS)
    return cast(T, found)
