"""The abstract stored file: where its content goes, what it keeps, and how it is served."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from trepart.platform.files.content import uploads_check
from trepart.platform.files.stored import StoredFile, stored_file_path, stored_file_response

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


class Receipt(StoredFile):
    """A concrete stored file with no table: nothing here touches the database."""

    class Meta:
        app_label = "platform"
        managed = False

    def storage_folder(self) -> str:
        return "receipts/7"


def stored(name: str, content: bytes) -> Receipt:
    receipt = Receipt()
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    receipt.store(uploads_check([upload])[0])
    return receipt


def test_a_stored_file_keeps_its_name_type_size_and_digest() -> None:
    receipt = stored("kvittering.pdf", PDF)
    assert receipt.name == "kvittering.pdf"
    assert receipt.content_type == "application/pdf"
    assert receipt.size == len(PDF)
    assert receipt.sha256 == hashlib.sha256(PDF).hexdigest()
    assert Path(settings.MEDIA_ROOT, receipt.file.name).read_bytes() == PDF


def test_the_content_goes_to_a_random_name_in_the_owners_folder() -> None:
    first, second = stored("../../kvittering.pdf", PDF), stored("../../kvittering.pdf", PDF)
    for receipt in (first, second):
        folder, random_name = receipt.file.name.rsplit("/", 1)
        assert folder == "receipts/7"
        assert len(random_name) == 32 and "kvittering" not in random_name
    assert first.file.name != second.file.name
    assert stored_file_path(Receipt(), "x.pdf").startswith("receipts/7/")


def test_the_concrete_model_has_the_shared_columns() -> None:
    fields = {field.name: field for field in Receipt._meta.get_fields()}
    assert {"file", "name", "content_type", "size", "sha256"} <= set(fields)
    name = fields["name"]
    assert isinstance(name, models.CharField) and name.max_length == 200


@pytest.mark.parametrize(
    ("as_attachment", "disposition"), [(True, "attachment"), (False, "inline")]
)
def test_a_stored_file_is_served_with_its_type_and_name_and_no_sniffing(
    as_attachment: bool, disposition: str
) -> None:
    receipt = stored("kvittering.pdf", PDF)
    response = stored_file_response(receipt, as_attachment=as_attachment)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'{disposition}; filename="kvittering.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF  # type: ignore[arg-type]


def test_the_type_served_is_the_one_found_not_the_one_the_name_suggests() -> None:
    receipt = stored("bilde.pdf", PNG)
    assert stored_file_response(receipt, as_attachment=True)["Content-Type"] == "image/png"


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ('si "hei".pdf', 'attachment; filename="si \\"hei\\".pdf"'),
        ("Bård «utkast».pdf", "attachment; filename*=utf-8''B%C3%A5rd%20%C2%AButkast%C2%BB.pdf"),
    ],
)
def test_any_name_is_written_safely_into_the_header(name: str, header: str) -> None:
    receipt = stored(name, PDF)
    assert stored_file_response(receipt, as_attachment=True)["Content-Disposition"] == header


def test_every_model_that_holds_a_file_is_a_stored_file() -> None:
    holding = {
        model._meta.label
        for model in apps.get_models()
        if any(isinstance(field, models.FileField) for field in model._meta.concrete_fields)
        and not issubclass(model, StoredFile)
    }
    assert holding == set()
