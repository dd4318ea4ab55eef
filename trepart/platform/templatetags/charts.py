"""``{% load charts %}``: ``{% chart c %}`` draws one chart with its table,
``{% chart_scripts %}`` loads vega once, ``spec|chart_svg`` draws a spec as inline SVG (PDFs)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import mark_safe

from trepart.platform import formatting
from trepart.platform.charts import Chart, svg

register = template.Library()


@register.inclusion_tag("platform/_chart.html")
def chart(chart: Chart | dict[str, Any]) -> dict[str, Any]:
    if isinstance(chart, dict):
        chart = Chart.from_json(chart)
    return {"chart": chart, "spec_id": f"chart-{chart.key}-spec"}


@register.inclusion_tag("platform/_chart_scripts.html")
def chart_scripts() -> dict[str, Any]:
    # The page's language's decimal mark and month names, for charts.js to give vega-embed.
    return {"locale": formatting.chart_locale()}


@register.filter
def chart_svg(spec: dict[str, Any]) -> str:
    """The chart drawn as inline SVG, for PDFs (rendered offline by vl-convert)."""
    drawing = svg(spec)
    # An inline drawing needs no XML declaration; vl-convert escapes the texts it draws.
    return mark_safe(drawing[drawing.find("<svg") :])  # noqa: S308
