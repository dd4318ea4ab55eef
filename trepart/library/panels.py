"""The library's panels (registered in ``apps.py``): on a body's page, the documents that
govern the body, each with the version in force, linked as far as the reader may follow;
on a meeting's agenda items, the document versions each item approved."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from trepart.library.selectors import body_documents, item_versions
from trepart.meetings.models import Meeting
from trepart.organisation.models import Body


def body_panel(*, user: Any, body: Body) -> dict[str, Any]:
    rows = body_documents(user=user, body=body)
    return {"documents": rows} if rows else {}


def item_panel(*, user: Any, meeting: Meeting, items: Sequence[Any]) -> dict[int, dict[str, Any]]:
    """Per agenda item, the versions approved on it that the reader may see (one query for
    the whole meeting page)."""
    return {
        pk: {"versions": versions}
        for pk, versions in item_versions(user=user, meeting=meeting, items=items).items()
    }
