"""The library in the JSON API (``/api/v1/library/...``), with the pages' rules
(``trepart.library.privacy``): anyone reads public documents (a visitor names the
municipality with ``?kommune=``), the municipality's people its internal ones, editors
its drafts; a document the caller may not open answers 404."""

from trepart.library.api import reading, writing  # noqa: F401  (registers the operations)
from trepart.library.api.routers import router

__all__ = ["router"]
