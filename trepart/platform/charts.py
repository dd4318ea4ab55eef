"""Charts: Vega-Lite specs built with Altair, each with a data table and a summary.

A ``Chart`` is everything one chart needs to be read by anyone: the spec (drawn in the page
by the vendored vega-embed, and rendered to SVG for PDFs by ``svg``), a table of the same
numbers for people who do not see the chart, and a one-sentence summary. The spec carries
its data inline, so a chart frozen into a meeting snapshot needs nothing else.

Any app builds its charts here. Build specs from figures that have already been through
``platform.suppression``: a chart never sees a hidden group. Templates draw them with
``{% load charts %}`` (``templatetags/charts.py``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import altair as alt
import vl_convert

from trepart.platform.formatting import chart_locale

# The Vega-Lite version of the vendored front-end files and of the SVG renderer.
VEGA_LITE_VERSION = "6.4"
# Colours with at least 3:1 contrast against white (WCAG 1.4.11), distinguishable in the
# common colour-vision deficiencies (Okabe–Ito, darkened where needed).
PALETTE = ["#0062BA", "#C75B12", "#007A5E", "#B0368B", "#5E6A71", "#8A6D00", "#1E1E1E"]
WIDTH = 640
HEIGHT = 280


@dataclass(frozen=True)
class Table:
    """The chart's numbers as a table: column headings and rows of display text."""

    caption: str
    columns: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    summary: str
    spec: dict[str, Any]
    table: Table
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """Plain JSON (for snapshots and the API)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Chart:
        """A chart as stored (in a snapshot), with its spec repaired (``spec_repair``)."""
        table = Table(**data["table"])
        return cls(
            key=data["key"],
            title=data["title"],
            summary=data["summary"],
            spec=spec_repair(data["spec"]),
            table=table,
            notes=list(data.get("notes", [])),
        )


def finish(chart: alt.TopLevelMixin, *, description: str) -> dict[str, Any]:
    """The Vega-Lite dict of an Altair chart, sized and labelled for our pages."""
    spec: dict[str, Any] = (
        chart.properties(width=WIDTH, height=HEIGHT, description=description)
        # The page labels the drawing (role="img" with the summary) and gives the table.
        .configure(aria=False)
        .configure_range(category=PALETTE)
        .configure_axis(labelFontSize=13, titleFontSize=13)
        .configure_legend(labelFontSize=13, titleFontSize=13, orient="bottom")
        .configure_view(stroke=None)
        # Checking the spec against the Vega-Lite schema costs tens of milliseconds per
        # chart; the tests check every kind of chart we build (``check``), pages do not.
        .to_dict(validate=False)
    )
    return spec


# Altair's placeholder for a layer without data of its own, next to layers with data.
_EMPTY = {"name": "empty"}


def spec_repair(spec: dict[str, Any]) -> dict[str, Any]:
    """A stored spec made drawable, as it would be built now.

    Snapshots keep the spec they were frozen with. Specs of the sick leave by unit built
    before the rows were given to the layers themselves have the rows at the top level and
    layers that read Altair's empty placeholder instead: no bars, an "undefined" axis.
    Such a layer is made to read the top-level rows again; other specs come back unchanged.
    """
    layers = spec.get("layer")
    if not isinstance(layers, list) or "data" not in spec:
        return spec
    if not any(isinstance(layer, dict) and layer.get("data") == _EMPTY for layer in layers):
        return spec
    repaired = dict(spec)
    repaired["layer"] = [
        {key: value for key, value in layer.items() if key != "data"}
        if isinstance(layer, dict) and layer.get("data") == _EMPTY
        else layer
        for layer in layers
    ]
    datasets = {k: v for k, v in spec.get("datasets", {}).items() if k != _EMPTY["name"]}
    if datasets:
        repaired["datasets"] = datasets
    else:
        repaired.pop("datasets", None)
    return repaired


def check(spec: dict[str, Any]) -> None:
    """Raise if ``spec`` is not valid Vega-Lite (for tests)."""
    alt.Chart.from_dict(spec, validate=True)


def svg(spec: dict[str, Any]) -> str:
    """The chart as an SVG document (for PDFs), rendered offline in the active language's
    number and date format, as the page draws it."""
    locale = chart_locale()
    return str(
        vl_convert.vegalite_to_svg(
            spec_repair(spec),
            vl_version=VEGA_LITE_VERSION,
            format_locale=locale["number"],
            time_format_locale=locale["time"],
        )
    )


def values(rows: list[dict[str, Any]]) -> alt.Data:
    """Inline data for a chart."""
    return alt.Data(values=rows)
