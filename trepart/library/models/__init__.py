"""The library's models: documents, their versions (with an optional file) and the bodies
they govern."""

from trepart.library.models.documents import (
    BodyDocument,
    Document,
    DocumentKind,
    DocumentVersion,
    VersionFile,
)

__all__ = ["BodyDocument", "Document", "DocumentKind", "DocumentVersion", "VersionFile"]
