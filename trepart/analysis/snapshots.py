"""Frozen analyses for meetings: each analysis view can be turned into a snapshot.

A snapshot is plain JSON, made once and stored on an agenda item, so the discussion and the
agreed actions refer to exactly what the members saw, however the data changes later::

    {"type": "analysis", "version": 1, "key": "absence-dashboard", "title": "…",
     "made_on": "2026-12-02", "summary": "…", "url": "/analyse/…?…",
     "charts": [Chart.as_json(), …], "tables": [{"caption", "columns", "rows"}, …],
     "notes": ["…"]}

Every topic registers its builders with ``@snapshot_source(key, label)`` in its selectors
module; a builder takes the user and the view's query parameters and returns that dict
(without "type", "version", "key" and "made_on", which ``build_snapshot`` adds). Builders
read through the same suppressed selectors as the pages, so a snapshot never shows more.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.utils import timezone

SNAPSHOT_VERSION = 1
# The topic modules whose builders register themselves when imported.
SOURCE_MODULES = (
    "trepart.analysis.selectors.surveys",
    "trepart.analysis.absence_display",
    "trepart.analysis.selectors.factors",
)

Builder = Callable[[Any, Mapping[str, str]], dict[str, Any]]


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    build: Builder


_sources: dict[str, Source] = {}


def snapshot_source(key: str, label: str) -> Callable[[Builder], Builder]:
    def register(build: Builder) -> Builder:
        _sources[key] = Source(key=key, label=label, build=build)
        return build

    return register


def sources() -> dict[str, Source]:
    for module in SOURCE_MODULES:
        try:
            import_module(module)
        except ModuleNotFoundError as error:
            if error.name != module:
                raise
    return dict(_sources)


def build_snapshot(key: str, *, user: Any, params: Mapping[str, str]) -> dict[str, Any]:
    """The snapshot of analysis ``key`` for ``params``, as ``user`` may see it now."""
    source = sources()[key]
    body = source.build(user, params)
    return {
        "type": "analysis",
        "version": SNAPSHOT_VERSION,
        "key": key,
        "made_on": timezone.localdate().isoformat(),
        **body,
    }
