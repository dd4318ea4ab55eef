"""The one check for uploaded files: each file's kind is read from its content, never from
its name or the type the browser sent; the caller says which kinds it takes and how large
a file may be. What passes comes back as a ``CheckedFile`` ready to be stored."""

from __future__ import annotations

import enum
import hashlib
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_SIZE = 10 * 1024 * 1024
# Stored names are cut to the model's column; the random storage path never uses them.
NAME_LENGTH = 200
FALLBACK_NAME = "vedlegg"


class FileKind(enum.Enum):
    PDF = "pdf"
    IMAGE = "image"
    OFFICE = "office"

    @property
    def label(self) -> Promise:
        return KIND_LABELS[self]


KIND_LABELS: dict[FileKind, Promise] = {
    FileKind.PDF: gettext_lazy("PDF"),
    FileKind.IMAGE: gettext_lazy("image"),
    FileKind.OFFICE: gettext_lazy("office document"),
}

# What the content shows a file to be → the content type it is stored and served as.
CONTENT_TYPES: dict[FileKind, frozenset[str]] = {
    FileKind.PDF: frozenset({"application/pdf"}),
    FileKind.IMAGE: frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "image/heic"}),
    FileKind.OFFICE: frozenset(
        {
            "application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.oasis.opendocument.text",
            "application/vnd.oasis.opendocument.spreadsheet",
            "application/vnd.oasis.opendocument.presentation",
        }
    ),
}
# For the file picker only (``accept``): a hint to the browser, never the check.
EXTENSIONS: dict[FileKind, tuple[str, ...]] = {
    FileKind.PDF: (".pdf",),
    FileKind.IMAGE: (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic"),
    FileKind.OFFICE: (".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp"),
}
DOCUMENTS = frozenset(FileKind)

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_HEADER = b"PK\x03\x04"
# Office Open XML and OpenDocument files are zip archives; what is inside tells them apart.
ZIP_MARKERS = {
    "word/document.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/presentation.xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content: bytes
    content_type: str
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


def accept_attribute(kinds: Iterable[FileKind] = DOCUMENTS) -> str:
    """The file input's ``accept`` value for ``kinds``."""
    chosen = set(kinds)
    return ",".join(ext for kind in FileKind if kind in chosen for ext in EXTENSIONS[kind])


def _zip_type(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            for marker, content_type in ZIP_MARKERS.items():
                if marker in names:
                    return content_type
            if "mimetype" in names:
                return archive.read("mimetype").decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    return None


def _sniffed_type(content: bytes) -> str | None:
    if content[:4] == ZIP_HEADER:
        return _zip_type(content)
    if content[:8] == OLE_HEADER:
        # Word, Excel and PowerPoint 97–2003 share one container; all are stored as Word's.
        return "application/msword"
    kind = filetype.guess(content)
    return None if kind is None else kind.mime


def detect(content: bytes, *, kinds: Iterable[FileKind] = DOCUMENTS) -> str | None:
    """The content type ``content`` really is, if it is of one of ``kinds``; else ``None``."""
    found = _sniffed_type(content)
    allowed = set().union(*(CONTENT_TYPES[kind] for kind in kinds))
    return found if found in allowed else None


def clean_name(name: str) -> str:
    """The uploaded name without its folders or characters that cannot be shown."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    # Control and format characters (a right-to-left override can disguise "exe" as
    # "pdf") never reach a page or a Content-Disposition header.
    base = "".join(char for char in base if char.isprintable()).strip()
    return (base or FALLBACK_NAME)[:NAME_LENGTH]


def _too_large(name: str, size: int, limit: int) -> str:
    return _("“%(name)s” is too large (%(size)s); the limit is %(limit)s.") % {
        "name": name,
        "size": filesizeformat(size),
        "limit": filesizeformat(limit),
    }


def _wrong_kind(name: str, kinds: frozenset[FileKind]) -> str:
    if kinds == DOCUMENTS:
        return _(
            "“%(name)s” is not a PDF, an image or an office document (its content "
            "was checked, not its name)."
        ) % {"name": name}
    return _(
        "“%(name)s” is not a file of the kind allowed here (%(kinds)s); its content "
        "was checked, not its name."
    ) % {"name": name, "kinds": ", ".join(str(kind.label) for kind in FileKind if kind in kinds)}


def _read(upload: Any, limit: int) -> bytes:
    if isinstance(upload, bytes | bytearray):
        return bytes(upload)
    stream: IO[bytes] = upload
    if hasattr(stream, "seek"):
        stream.seek(0)
    # One byte past the limit is enough to know a file is too large.
    data = stream.read(limit + 1)
    return data if isinstance(data, bytes) else data.encode()


def uploads_check(
    files: Sequence[Any],
    *,
    kinds: Iterable[FileKind] = DOCUMENTS,
    max_size: int = MAX_SIZE,
    max_files: int | None = None,
) -> list[CheckedFile]:
    """Read and check every upload; raise one ``ValidationError`` naming each bad file."""
    allowed = frozenset(kinds)
    if max_files is not None and len(files) > max_files:
        raise ValidationError(
            _("You can attach at most %(count)d files.") % {"count": max_files}, code="too_many"
        )
    checked: list[CheckedFile] = []
    errors: list[str] = []
    for upload in files:
        name = clean_name(getattr(upload, "name", "") or "")
        # The declared size spares reading a file that is plainly too large.
        declared = getattr(upload, "size", None)
        if declared is not None and declared > max_size:
            errors.append(_too_large(name, declared, max_size))
            continue
        content = _read(upload, max_size)
        if len(content) > max_size:
            errors.append(_too_large(name, len(content), max_size))
            continue
        if not content:
            errors.append(_("“%(name)s” is empty.") % {"name": name})
            continue
        content_type = detect(content, kinds=allowed)
        if content_type is None:
            errors.append(_wrong_kind(name, allowed))
            continue
        checked.append(
            CheckedFile(
                name=name,
                content=content,
                content_type=content_type,
                sha256=hashlib.sha256(content).hexdigest(),
            )
        )
    if errors:
        raise ValidationError(errors, code="bad_file")
    return checked
