"""The library's forms: a document, a version (draft), an approval and a body link. Each
editing form carries the row's ``version``, so a concurrent edit is caught."""

from trepart.library.forms.documents import (
    ApproveForm,
    BodyLinkForm,
    CompareForm,
    DocumentCreateForm,
    DocumentEditForm,
    VersionForm,
)

__all__ = [
    "ApproveForm",
    "BodyLinkForm",
    "CompareForm",
    "DocumentCreateForm",
    "DocumentEditForm",
    "VersionForm",
]
