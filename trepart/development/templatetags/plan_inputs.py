"""``{% load plan_inputs %}``: ``{% lock_fields form %}``, the plan form's lock per task.

A portfolio has hundreds of tasks, each with a select of its levels; rendered one field
group at a time through the form renderer's templates that took most of the plan page's
time. This gives the same Designsystemet markup as ``django/forms/field.html`` and
``widgets/select.html`` (label, error tied to the control, ``ds-input`` select) in one pass.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _select(bound: Any) -> str:
    name = escape(bound.html_name)
    control_id = escape(bound.auto_id)
    value = bound.value()
    chosen = "" if value is None else str(value)
    attrs = f' id="{control_id}"'
    errors = bound.errors
    if errors:
        attrs += f' aria-invalid="true" aria-describedby="{control_id}_error"'
    options = "".join(
        f'<option value="{escape(key)}"{" selected" if str(key) == chosen else ""}>'
        f"{escape(label)}</option>"
        for key, label in bound.field.choices
    )
    message = (
        f'<div class="ds-validation-message" data-color="danger" id="{control_id}_error">'
        + "".join(f"<p>{escape(error)}</p>" for error in errors)
        + "</div>"
        if errors
        else ""
    )
    css = "ds-field trepart-field--error" if errors else "ds-field"
    return (
        f'<div class="{css}"><label class="ds-label" for="{control_id}">'
        f"{escape(bound.label)}</label>{message}"
        f'<select name="{name}" class="ds-input"{attrs}>{options}</select></div>'
    )


@register.simple_tag
def lock_fields(form: Any) -> SafeString:
    """Every lock field of a ``PlanForm``, escaped here, as one piece of markup."""
    return mark_safe("\n".join(_select(bound) for bound in form.lock_fields()))  # noqa: S308
