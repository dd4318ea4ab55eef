"""Charts for any app: a spec built and checked, kept as JSON and read back, drawn as SVG in
the reader's language, old specs repaired, and the template tags that put them on pages."""

from __future__ import annotations

import copy
from typing import Any

import altair as alt
from django.template import Context, Template
from django.utils import translation

from trepart.platform.charts import Chart, Table, check, finish, spec_repair, svg, values


def bar_chart() -> Chart:
    rows = [{"group": "Skole", "share": 1.25}, {"group": "Sykehjem", "share": 0.75}]
    spec = finish(
        alt.Chart(values(rows)).mark_bar().encode(x="share:Q", y="group:N"),
        description="Share per group",
    )
    table = Table(caption="Share per group", columns=["Group", "Share"], rows=[["Skole", "1,25"]])
    return Chart(key="share", title="Share", summary="Skole is highest.", spec=spec, table=table)


def old_layered_spec() -> dict[str, Any]:
    """A spec as frozen before the rows were given to the layers: rows at the top level,
    layers reading Altair's empty placeholder."""
    rows = [{"unit": "Skole", "rate": 5.0}]
    return {
        "data": {"values": rows},
        "datasets": {"empty": [{}]},
        "layer": [
            {"data": {"name": "empty"}, "mark": "bar", "encoding": {"x": {"field": "rate"}}},
            {"mark": "rule", "encoding": {"x": {"datum": 4}}},
        ],
    }


def test_a_built_spec_is_valid_vega_lite_with_its_data_inline() -> None:
    chart = bar_chart()
    check(chart.spec)
    assert chart.spec["description"] == "Share per group"
    assert {"group": "Sykehjem", "share": 0.75} in chart.spec["data"]["values"]


def test_a_chart_survives_json_and_back() -> None:
    chart = bar_chart()
    assert Chart.from_json(copy.deepcopy(chart.as_json())) == chart


def test_an_old_layered_spec_reads_the_top_level_rows_again() -> None:
    repaired = spec_repair(old_layered_spec())
    assert all("data" not in layer for layer in repaired["layer"])
    assert "datasets" not in repaired
    assert repaired["data"] == old_layered_spec()["data"]


def test_a_spec_that_needs_no_repair_comes_back_unchanged() -> None:
    spec = bar_chart().spec
    assert spec_repair(spec) is spec


def test_a_stored_chart_is_repaired_when_read() -> None:
    data = bar_chart().as_json()
    data["spec"] = old_layered_spec()
    assert Chart.from_json(data).spec == spec_repair(old_layered_spec())


def test_the_svg_writes_figures_in_the_readers_language() -> None:
    spec = bar_chart().spec
    with translation.override("nb"):
        norwegian = svg(spec)
    with translation.override("en"):
        english = svg(spec)
    assert norwegian.lstrip().startswith("<") and "<svg" in norwegian
    assert "Skole" in norwegian
    # The axis ticks (0.2, 0.4 …) carry the decimal mark of the language.
    assert ">0,2<" in norwegian and ">0.2<" not in norwegian
    assert ">0.2<" in english


def test_the_chart_tag_draws_the_figure_with_its_table_and_summary() -> None:
    html = Template("{% load charts %}{% chart c %}").render(Context({"c": bar_chart()}))
    assert 'data-vega-spec="chart-share-spec"' in html
    assert 'id="chart-share-spec"' in html
    assert "<caption>Share per group</caption>" in html
    assert "Skole is highest." in html


def test_the_chart_tag_takes_a_stored_chart_too() -> None:
    stored = bar_chart().as_json()
    html = Template("{% load charts %}{% chart c %}").render(Context({"c": stored}))
    assert 'id="chart-share-title"' in html


def test_the_svg_filter_gives_an_inline_drawing_without_xml_declaration() -> None:
    html = Template("{% load charts %}{{ spec|chart_svg }}").render(
        Context({"spec": bar_chart().spec})
    )
    assert html.startswith("<svg")
