"""Felles analyse in the demo: surveys, 10-FAKTOR results and sick leave.

``bulk`` (the ``generate`` presets) adds the made-up volumes the benchmark measures.
"""

from __future__ import annotations

from trepart.demo.analysis_absence import absence_build
from trepart.demo.analysis_factors import factors_build
from trepart.demo.analysis_meeting import analysis_meeting_build
from trepart.demo.analysis_surveys import surveys_build
from trepart.organisation.models import Municipality


def analysis_build(*, municipality: Municipality, preset: str, bulk: bool) -> None:
    surveys_build(municipality=municipality, preset=preset, bulk=bulk)
    factors_build(municipality=municipality, preset=preset, bulk=bulk)
    absence_build(municipality=municipality, preset=preset, bulk=bulk)
    analysis_meeting_build(municipality=municipality)
