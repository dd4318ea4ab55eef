"""The abstract model for a stored file (a proposal's attachment, a meeting document's
version, …) and the one way such a file is served back."""

from __future__ import annotations

import secrets

from django.core.files.base import ContentFile
from django.db import models
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _

from trepart.platform.files.content import NAME_LENGTH, CheckedFile


def stored_file_path(instance: StoredFile, filename: str) -> str:
    """A random name in the owner's folder: the uploaded name never becomes a path."""
    return f"{instance.storage_folder()}/{secrets.token_hex(16)}"


class StoredFile(models.Model):
    """A file as checked on upload: the name people gave it, and the type and digest its
    content showed. Each concrete model says which folder its files go to."""

    file = models.FileField(upload_to=stored_file_path)
    name = models.CharField(_("file name"), max_length=NAME_LENGTH)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        abstract = True

    def storage_folder(self) -> str:
        """The folder under the media root, e.g. per app and municipality."""
        raise NotImplementedError

    def store(self, checked: CheckedFile) -> None:
        """Take over ``checked``'s name, type, size and digest and write its content to
        storage; the row itself is saved by the caller."""
        self.name = checked.name
        self.content_type = checked.content_type
        self.size = checked.size
        self.sha256 = checked.sha256
        self.file.save(checked.name, ContentFile(checked.content), save=False)


def stored_file_response(stored: StoredFile, *, as_attachment: bool) -> FileResponse:
    """The file with the type found on upload, its uploaded name in the header (Django
    quotes or encodes it), and no sniffing by the browser. ``as_attachment`` saves it
    instead of opening it in the browser."""
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=as_attachment,
        filename=stored.name,
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
