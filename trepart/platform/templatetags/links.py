"""``{{ path|absolute }}``: a site path (as ``{% url %}`` gives it) as a full address, for
what is read away from the site (a PDF, an e-mail); see ``platform.urls``."""

from __future__ import annotations

from django import template

from trepart.platform.urls import absolute_url

register = template.Library()


@register.filter
def absolute(path: str) -> str:
    return absolute_url(str(path))
