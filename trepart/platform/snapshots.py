"""Frozen snapshots: any app's view of figures, made once as plain JSON and kept.

A snapshot is stored where it is discussed (a meeting's agenda item), so the discussion and
the agreed actions refer to exactly what the members saw, however the data change later::

    {"type": "analysis", "version": 1, "key": "absence-dashboard", "title": "…",
     "made_on": "2026-12-02", "summary": "…", "url": "/analyse/…?…",
     "charts": [Chart.as_json(), …], "tables": [{"caption", "columns", "rows"}, …],
     "notes": ["…"]}

"type" names this format (the analyses were the first to be frozen, and stored snapshots
carry the name); ``platform/_snapshot.html`` draws it.

Each app registers its sources with ``@snapshot_source(key, label)``; the platform's
``ready()`` imports every app's ``snapshot_sources`` module (Django's autodiscovery), which
imports the modules holding them, so the registry names no app. A builder takes the user
and the view's query parameters and returns that dict (without "type", "version", "key"
and "made_on", which ``build_snapshot`` adds). Builders read through the same suppressed
selectors as the pages, so a snapshot never shows more.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

SNAPSHOT_TYPE = "analysis"
SNAPSHOT_VERSION = 1

Builder = Callable[[Any, Mapping[str, str]], dict[str, Any]]


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    build: Builder


_sources: dict[str, Source] = {}


def snapshot_source(key: str, label: str) -> Callable[[Builder], Builder]:
    """Register ``build`` as the snapshot source ``key``, offered as ``label``."""

    def register(build: Builder) -> Builder:
        _sources[key] = Source(key=key, label=label, build=build)
        return build

    return register


def sources() -> dict[str, Source]:
    """Every registered source by key."""
    return dict(_sources)


def build_snapshot(key: str, *, user: Any, params: Mapping[str, str]) -> dict[str, Any]:
    """The snapshot of source ``key`` for ``params``, as ``user`` may see it now."""
    source = _sources[key]
    body = source.build(user, params)
    return {
        "type": SNAPSHOT_TYPE,
        "version": SNAPSHOT_VERSION,
        "key": key,
        "made_on": timezone.localdate().isoformat(),
        **body,
    }
