"""``{% can_send_to_meeting user as allowed %}``: the permission a page asks before it offers
a step, the same function the step's view checks."""

from __future__ import annotations

from typing import Any

from django import template

from trepart.analysis import permissions

register = template.Library()


@register.simple_tag
def can_send_to_meeting(user: Any) -> bool:
    return permissions.can_send_to_meeting(user)
