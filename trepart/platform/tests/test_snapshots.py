"""The registry of snapshot sources and the snapshot format, for any app's sources."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import pytest
import time_machine
from django.template.loader import render_to_string
from django.utils import translation

from trepart.platform import snapshots
from trepart.platform.snapshots import (
    SNAPSHOT_TYPE,
    SNAPSHOT_VERSION,
    build_snapshot,
    snapshot_source,
    sources,
)
from trepart.platform.tests.test_charts import bar_chart


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> dict[str, snapshots.Source]:
    """An empty registry for the test (the apps' own sources come back after it)."""
    empty: dict[str, snapshots.Source] = {}
    monkeypatch.setattr(snapshots, "_sources", empty)
    return empty


def completion(user: Any, params: Mapping[str, str]) -> dict[str, Any]:
    return {
        "title": f"Course completion {params.get('year', '')}".strip(),
        "summary": "Most units have finished the course.",
        "charts": [bar_chart().as_json()],
        "tables": [{"caption": "Units", "columns": ["Unit", "Done"], "rows": [["Skole", "9"]]}],
        "notes": ["Units under the threshold are not shown."],
    }


def test_a_registered_source_is_listed_with_its_label(registry: dict[str, Any]) -> None:
    snapshot_source("course-completion", "Course completion")(completion)
    listed = sources()
    assert list(listed) == ["course-completion"]
    assert listed["course-completion"].label == "Course completion"
    # The list is a copy: changing it changes no registration.
    listed.clear()
    assert "course-completion" in sources()


@time_machine.travel(datetime.datetime(2026, 12, 2, 10, tzinfo=datetime.UTC), tick=False)
def test_a_snapshot_is_the_builders_dict_with_type_version_key_and_day(
    registry: dict[str, Any],
) -> None:
    snapshot_source("course-completion", "Course completion")(completion)
    frozen = build_snapshot("course-completion", user=None, params={"year": "2026"})
    assert frozen["type"] == SNAPSHOT_TYPE
    assert frozen["version"] == SNAPSHOT_VERSION
    assert frozen["key"] == "course-completion"
    assert frozen["made_on"] == "2026-12-02"
    assert frozen["title"] == "Course completion 2026"


def test_an_unknown_source_is_refused(registry: dict[str, Any]) -> None:
    with pytest.raises(KeyError):
        build_snapshot("nothing", user=None, params={})


def test_a_snapshot_draws_its_charts_tables_and_notes_for_a_pdf(
    registry: dict[str, Any],
) -> None:
    snapshot_source("course-completion", "Course completion")(completion)
    frozen = build_snapshot("course-completion", user=None, params={})
    with translation.override("en"):
        html = render_to_string("platform/_snapshot.html", {"snapshot": frozen, "pdf": True})
    assert "<svg" in html
    assert "<caption>Units</caption>" in html
    assert "Units under the threshold are not shown." in html
    assert "Snapshot made on" in html
