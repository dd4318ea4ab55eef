"""Attachments: PDF, images and office documents, checked by their content, not their name."""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from typing import IO, Any

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_SIZE = 10 * 1024 * 1024
MAX_FILES = 5

# What a file's content shows it to be → the content type we store and serve it as.
ALLOWED = {
    "application/pdf": "application/pdf",
    "image/jpeg": "image/jpeg",
    "image/png": "image/png",
    "image/gif": "image/gif",
    "image/webp": "image/webp",
    "image/heic": "image/heic",
    "application/msword": "application/msword",
    "application/vnd.ms-excel": "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint": "application/vnd.ms-powerpoint",
    "application/x-ole-storage": "application/msword",
}
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
OPENDOCUMENT = {
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
}
ACCEPT = ".pdf,.jpg,.jpeg,.png,.gif,.webp,.heic,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content: bytes
    content_type: str
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


def _zip_type(content: bytes) -> str | None:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            for marker, content_type in ZIP_MARKERS.items():
                if marker in names:
                    return content_type
            if "mimetype" in names:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                if declared in OPENDOCUMENT:
                    return declared
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    return None


def detect(content: bytes) -> str | None:
    """The allowed content type ``content`` really is, or ``None``."""
    if content[:4] == b"PK\x03\x04":
        return _zip_type(content)
    if content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "application/msword"
    kind = filetype.guess(content)
    if kind is None:
        return None
    return ALLOWED.get(kind.mime)


def _clean_name(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "vedlegg"
    return base[:200]


def check_files(files: list[Any]) -> list[CheckedFile]:
    """Read and check every upload; raise one ``ValidationError`` naming each bad file."""
    if len(files) > MAX_FILES:
        raise ValidationError(
            _("You can attach at most %(count)d files.") % {"count": MAX_FILES}, code="too_many"
        )
    checked: list[CheckedFile] = []
    errors: list[str] = []
    for upload in files:
        name = _clean_name(getattr(upload, "name", "") or "")
        size = getattr(upload, "size", None)
        if size is not None and size > MAX_SIZE:
            errors.append(
                _("“%(name)s” is too large (%(size)s); the limit is %(limit)s.")
                % {
                    "name": name,
                    "size": filesizeformat(size),
                    "limit": filesizeformat(MAX_SIZE),
                }
            )
            continue
        content = _read(upload)
        if len(content) > MAX_SIZE:
            errors.append(
                _("“%(name)s” is too large (%(size)s); the limit is %(limit)s.")
                % {
                    "name": name,
                    "size": filesizeformat(len(content)),
                    "limit": filesizeformat(MAX_SIZE),
                }
            )
            continue
        if not content:
            errors.append(_("“%(name)s” is empty.") % {"name": name})
            continue
        content_type = detect(content)
        if content_type is None:
            errors.append(
                _(
                    "“%(name)s” is not a PDF, an image or an office document (its content "
                    "was checked, not its name)."
                )
                % {"name": name}
            )
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


def _read(upload: Any) -> bytes:
    if isinstance(upload, bytes | bytearray):
        return bytes(upload)
    stream: IO[bytes] = upload
    if hasattr(stream, "seek"):
        stream.seek(0)
    data = stream.read(MAX_SIZE + 1)
    return data if isinstance(data, bytes) else data.encode()
