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
    def __init__(self, *args: Any, count_cap: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.count_cap = count_cap

    @cached_property
    def count(self) -> int:
        """The number of items, or ``count_cap + 1`` when there are more than the cap.

        Counting every match of a broad search means reading every row; a capped count
        lets the database stop as soon as it knows there are too many to page through.
        """
        if self.count_cap is None:
            return super().count
        items: Any = self.object_list
        # Without the order: which rows are counted does not matter, and an ordered
        # subquery made PostgreSQL walk an index to find them.
        unordered = items.order_by() if hasattr(items, "order_by") else items
        return unordered[: self.count_cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count_cap is not None and self.count > self.count_cap

    def _get_page(self, *args: Any, **kwargs: Any) -> ElidedPage:
        return ElidedPage(*args, **kwargs)


def paginate(
    request: HttpRequest, items: Any, *, per_page: int = PAGE_SIZE, count_cap: int | None = None
) -> ElidedPage:
    """The page ``?page=`` asks for (the first or last if it is out of range).

    With ``count_cap``, at most that many items are counted and paged through (searches).
    """
    paginator = ElidedPaginator(items, per_page, count_cap=count_cap)
    page: Any = paginator.get_page(request.GET.get("page"))
    return page
