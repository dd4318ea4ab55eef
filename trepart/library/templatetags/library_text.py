"""Template filters for the library: a version's text as blocks, and a lookup by key."""

from __future__ import annotations

from typing import Any

from django import template

from trepart.library.text import Block, blocks

register = template.Library()


@register.filter
def text_blocks(text: str) -> list[Block]:
    return blocks(text or "")


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, "")
