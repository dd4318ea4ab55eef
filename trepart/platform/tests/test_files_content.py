"""The one content check for uploads: each kind it takes, by content, and each refusal."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from trepart.platform.files.content import (
    DOCUMENTS,
    MAX_SIZE,
    FileKind,
    accept_attribute,
    clean_name,
    detect,
    uploads_check,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
GIF = b"GIF89a" + b"\x00" * 64
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 64
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" * 8
HTML = b"<!doctype html><script>alert(1)</script>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"


def zipped(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def opendocument(content_type: str) -> bytes:
    return zipped({"mimetype": content_type, "content.xml": "<office:document-content/>"})


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("notat.pdf", PDF, "application/pdf"),
        ("bilde.jpg", JPEG, "image/jpeg"),
        ("bilde.png", PNG, "image/png"),
        ("bilde.gif", GIF, "image/gif"),
        ("bilde.webp", WEBP, "image/webp"),
        ("bilde.heic", HEIC, "image/heic"),
        ("gammel.doc", OLE, "application/msword"),
        ("brev.docx", zipped({"word/document.xml": "<w/>"}), DOCX),
        ("tall.xlsx", zipped({"xl/workbook.xml": "<x/>"}), XLSX),
        ("lysark.pptx", zipped({"ppt/presentation.xml": "<p/>"}), PPTX),
        ("brev.odt", opendocument(ODT), ODT),
        ("tall.ods", opendocument(ODS), ODS),
        ("lysark.odp", opendocument(ODP), ODP),
    ],
)
def test_each_kind_is_known_by_its_content_whatever_its_name(
    name: str, content: bytes, content_type: str
) -> None:
    # The browser's type and the name's extension say nothing: both are wrong here.
    upload = SimpleUploadedFile(f"{name}.txt", content, content_type="text/plain")
    [checked] = uploads_check([upload])
    assert checked.content_type == content_type
    assert checked.content == content
    assert checked.size == len(content)
    assert checked.sha256 == hashlib.sha256(content).hexdigest()
    assert checked.name == f"{name}.txt"


@pytest.mark.parametrize(
    "content",
    [
        EXE,
        b"\x7fELF" + b"\x00" * 60,
        b"just some plain text, no pdf",
        HTML,
        SVG,
        zipped({"readme.txt": "a plain archive"}),
        opendocument("application/epub+zip"),
        b"PK\x03\x04 a broken archive",
    ],
    ids=["exe", "elf", "text", "html", "svg", "zip", "epub", "broken-zip"],
)
def test_anything_else_is_refused_however_it_is_named(content: bytes) -> None:
    upload = SimpleUploadedFile("rapport.pdf", content, content_type="application/pdf")
    with pytest.raises(ValidationError) as caught:
        uploads_check([upload])
    assert caught.value.messages == [
        "“rapport.pdf” is not a PDF, an image or an office document (its content was "
        "checked, not its name)."
    ]


def test_the_caller_chooses_the_kinds_it_takes() -> None:
    receipts = {FileKind.PDF, FileKind.IMAGE}
    assert [c.content_type for c in uploads_check([PDF, PNG], kinds=receipts)] == [
        "application/pdf",
        "image/png",
    ]
    with pytest.raises(ValidationError) as caught:
        uploads_check(
            [SimpleUploadedFile("brev.docx", zipped({"word/document.xml": "<w/>"}))], kinds=receipts
        )
    assert caught.value.messages == [
        "“brev.docx” is not a file of the kind allowed here (PDF, image); its content was "
        "checked, not its name."
    ]


def test_an_image_is_refused_where_only_pdf_is_taken() -> None:
    assert detect(PNG, kinds={FileKind.PDF}) is None
    assert detect(PDF, kinds={FileKind.IMAGE}) is None
    assert detect(OLE, kinds={FileKind.PDF, FileKind.IMAGE}) is None
    assert detect(OLE, kinds={FileKind.OFFICE}) == "application/msword"


def test_a_file_whose_declared_size_is_over_the_limit_is_refused_unread() -> None:
    class Unreadable(io.BytesIO):
        name = "stor.pdf"
        size = MAX_SIZE + 1

        def read(self, *args: object) -> bytes:
            raise AssertionError("a file known to be too large is not read")

    with pytest.raises(ValidationError) as caught:
        uploads_check([Unreadable()])
    assert caught.value.messages == [
        "“stor.pdf” is too large (10.0\u00a0MB); the limit is 10.0\u00a0MB."
    ]


def test_a_file_over_the_limit_is_refused_when_its_size_is_not_declared() -> None:
    with pytest.raises(ValidationError, match="too large"):
        uploads_check([PDF + b"0" * MAX_SIZE])


def test_the_caller_chooses_the_size_limit() -> None:
    [checked] = uploads_check([PDF], max_size=len(PDF))
    assert checked.size == len(PDF)
    small = SimpleUploadedFile("notat.pdf", PDF + b"0")
    with pytest.raises(ValidationError) as caught:
        uploads_check([small], max_size=len(PDF))
    assert caught.value.messages == [
        f"“notat.pdf” is too large ({len(PDF) + 1}\u00a0bytes); the limit is {len(PDF)}\u00a0bytes."
    ]


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        uploads_check([SimpleUploadedFile("tom.pdf", b"")])
    assert caught.value.messages == ["“tom.pdf” is empty."]


def test_too_many_files_are_refused_before_any_is_read() -> None:
    with pytest.raises(ValidationError) as caught:
        uploads_check([PDF, PDF, PDF], max_files=2)
    assert caught.value.code == "too_many"
    assert caught.value.messages == ["You can attach at most 2 files."]
    assert len(uploads_check([PDF, PDF, PDF])) == 3  # no count limit unless one is given


def test_every_bad_file_is_named_in_one_error() -> None:
    files = [
        SimpleUploadedFile("god.pdf", PDF),
        SimpleUploadedFile("tom.pdf", b""),
        SimpleUploadedFile("virus.pdf", EXE),
    ]
    with pytest.raises(ValidationError) as caught:
        uploads_check(files)
    assert [message.split("”")[0] for message in caught.value.messages] == [
        "“tom.pdf",
        "“virus.pdf",
    ]


def test_a_file_is_read_from_its_start_even_if_read_before() -> None:
    upload = SimpleUploadedFile("notat.pdf", PDF)
    upload.read()
    [checked] = uploads_check([upload])
    assert checked.content == PDF


def test_the_messages_are_in_the_readers_language() -> None:
    files = [SimpleUploadedFile("tom.pdf", b""), SimpleUploadedFile("virus.pdf", EXE)]
    with translation.override("nn"), pytest.raises(ValidationError) as caught:
        uploads_check(files)
    assert caught.value.messages == [
        "«tom.pdf» er tom.",
        "«virus.pdf» er ikkje ein PDF, eit bilete eller eit kontordokument (vi kontrollerte "
        "innhaldet, ikkje filnamnet).",
    ]
    with translation.override("nb"), pytest.raises(ValidationError) as caught:
        uploads_check([EXE], kinds={FileKind.PDF, FileKind.IMAGE})
    assert "(PDF, bilde)" in caught.value.messages[0]


@pytest.mark.parametrize(
    ("uploaded", "kept"),
    [
        ("C:\\Users\\kari\\Documents\\plan.pdf", "plan.pdf"),
        ("../../etc/passwd", "passwd"),
        ("  budsjett 2027.pdf  ", "budsjett 2027.pdf"),
        # A right-to-left override would show "rapportexe.pdf" as "rapportfdp.exe" and back.
        ("rapport\u202efdp.exe", "rapportfdp.exe"),
        ("linje\r\nSet-Cookie: a=1.pdf", "linjeSet-Cookie: a=1.pdf"),
        ("", "vedlegg"),
        ("mappe/", "vedlegg"),
        ("\u200b", "vedlegg"),
        ("Ba\u030ard.pdf", "Bård.pdf"),
        ("x" * 250 + ".pdf", "x" * 200),
    ],
)
def test_the_uploaded_name_is_kept_without_folders_or_hidden_characters(
    uploaded: str, kept: str
) -> None:
    assert clean_name(uploaded) == kept


def test_the_file_picker_offers_the_extensions_of_the_kinds_taken() -> None:
    assert accept_attribute() == accept_attribute(DOCUMENTS)
    assert accept_attribute({FileKind.PDF}) == ".pdf"
    assert accept_attribute({FileKind.IMAGE, FileKind.PDF}) == (
        ".pdf,.jpg,.jpeg,.png,.gif,.webp,.heic"
    )
    assert ".docx" in accept_attribute() and ".odp" in accept_attribute()
