"""A computation timed by ``trepart bench`` can say something beside its timing (a gap, a
ratio to a baseline): the ``bench_note`` of what its step returns."""

from dataclasses import dataclass

import pytest

from trepart.benchmark.runner import steps_run
from trepart.platform.bench_registry import BenchStep

pytestmark = pytest.mark.django_db


@dataclass
class Noted:
    bench_note: str


def test_a_steps_note_is_kept_beside_its_timing():
    results = steps_run(
        context=None,  # type: ignore[arg-type]
        steps=[BenchStep("noted", lambda: Noted("gap 0.1%")), BenchStep("plain", lambda: 42)],
        repeat=2,
    )
    assert results[0].note == "gap 0.1%" and results[0].runs == 2
    assert results[0].as_dict()["note"] == "gap 0.1%"
    assert results[1].note == ""
