"""The site menu's way to the stillingsbank, for those it concerns
(``redeployment.privacy.sees_bank``)."""

from __future__ import annotations

from typing import Any

from django import template

from trepart.redeployment import privacy

register = template.Library()


@register.simple_tag
def sees_stillingsbank(user: Any) -> bool:
    return privacy.sees_bank(user)
