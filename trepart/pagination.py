"""Pagination that stays cheap however many pages there are."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 50


class ElidedPage(Page):
    @cached_property
    def nearby(self) -> list[int | None]:
        """First, last and two pages either side of this one; ``None`` marks a gap."""
        paginator: Any = self.paginator
        return [
            None if number == Paginator.ELLIPSIS else number
            for number in paginator.get_elided_page_range(self.number, on_each_side=2, on_ends=1)
        ]


class ElidedPaginator(Paginator):
    def _get_page(self, *args: Any, **kwargs: Any) -> ElidedPage:
        return ElidedPage(*args, **kwargs)


def paginate(request: HttpRequest, items: Any, *, per_page: int = PAGE_SIZE) -> ElidedPage:
    """The page ``?page=`` asks for (the first or last if it is out of range)."""
    page: Any = ElidedPaginator(items, per_page).get_page(request.GET.get("page"))
    return page
