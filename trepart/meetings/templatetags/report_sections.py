"""``{% report_section_templates item.snapshot as templates %}``: the templates of the result
report's sections registered by apps above meetings, for the agenda page and the PDF."""

from __future__ import annotations

from typing import Any

from django import template

from trepart.meetings.services.report import report_section_templates as section_templates

register = template.Library()


@register.simple_tag
def report_section_templates(report: Any, pdf: bool = False) -> list[str]:
    if not isinstance(report, dict):
        return []
    return section_templates(report, pdf=pdf)
