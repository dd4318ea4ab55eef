"""The library's writes: documents and their links to bodies, versions from draft to
approval, and the daily step that marks versions superseded."""

from trepart.library.services.documents import (
    body_document_link,
    body_document_unlink,
    document_create,
    document_edit,
)
from trepart.library.services.versions import (
    version_approve,
    version_draft,
    version_edit,
    versions_supersede,
)

__all__ = [
    "body_document_link",
    "body_document_unlink",
    "document_create",
    "document_edit",
    "version_approve",
    "version_draft",
    "version_edit",
    "versions_supersede",
]
