"""The library's reads: lists and pages, each through ``library.privacy``."""

from trepart.library.selectors.documents import (
    DocumentPage,
    DocumentRow,
    body_documents,
    current_version,
    document_list,
    document_page,
    document_rows,
    documents_visible,
    item_versions,
    version_comparison,
)

__all__ = [
    "DocumentPage",
    "DocumentRow",
    "body_documents",
    "current_version",
    "document_list",
    "document_page",
    "document_rows",
    "documents_visible",
    "item_versions",
    "version_comparison",
]
