"""Derived figures kept until a municipality's data change.

Some figures (sick-leave sums, 10-FAKTOR figures, the bodies breaking a rule, the public
meeting page) take long to compute, while their data change only through audited writes:
every service, admin edit and import writes an audit entry. So a figure is cached under the
municipality's newest audit entry; any change moves the key, and the old value expires.

Works with any Django cache backend: values are pickled by the backend, and keys are short
and plain ASCII (the caller's part is hashed), as memcached-style backends require.
"""

from __future__ import annotations

import hashlib
import re
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
_fresh: ContextVar[bool] = ContextVar("figures_fresh", default=False)
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


@contextmanager
def computed_afresh() -> Iterator[None]:
    """Within this block figures are computed, not taken from the cache."""
    token = _fresh.set(True)
    try:
        yield
    finally:
        _fresh.reset(token)


def figure_key(*, topic: str, key: str, municipality_id: int) -> str:
    """The cache key of a figure as the municipality's data stand now.

    The caller's key may be long or hold any character, so it is hashed; the topic is kept
    readable (cut to safe characters) for whoever looks into the cache.
    """
    version = latest_entry_id(municipality_id=municipality_id)
    digest = hashlib.sha256(key.encode()).hexdigest()[:40]
    return f"figure:{_UNSAFE.sub('_', topic)[:40]}:{municipality_id}:{version}:{digest}"


def cached_figure(
    *,
    topic: str,
    key: str,
    municipality_id: int,
    compute: Callable[[], T],
    timeout: int = KEEP_SECONDS,
) -> T:
    """``compute()``, kept until an audited write changes the municipality's data."""
    if _fresh.get():
        return compute()
    full = figure_key(topic=topic, key=key, municipality_id=municipality_id)
    found = cache.get(full, _MISSING)
    if found is _MISSING:
        found = compute()
        cache.set(full, found, timeout)
    return cast(T, found)
