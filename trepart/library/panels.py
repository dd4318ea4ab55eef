"""The library's panel on a body's page (registered in ``apps.py``): the documents that
govern the body, each with the version in force, linked as far as the reader may follow."""

from __future__ import annotations

from typing import Any

from trepart.library.selectors import body_documents
from trepart.organisation.models import Body


def body_panel(*, user: Any, body: Body) -> dict[str, Any]:
    rows = body_documents(user=user, body=body)
    return {"documents": rows} if rows else {}
