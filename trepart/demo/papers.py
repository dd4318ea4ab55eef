"""The demo's meeting papers: small PDFs with text a visitor can open and read.

They are rendered with WeasyPrint like the notices and minutes (tagged, fetching
nothing), once per distinct paper: the demo reuses its case texts across meetings.
"""

from __future__ import annotations

import functools

from django.core.files.uploadedfile import SimpleUploadedFile

from trepart.meetings.pdf import render_pdf


@functools.lru_cache(maxsize=256)
def paper_pdf(
    *, title: str, municipality: str, body: str = "", case: str = "", description: str = ""
) -> bytes:
    """A one-page PDF titled ``title``, saying which case and body it belongs to."""
    return render_pdf(
        "demo/paper.html",
        {"municipality": municipality, "body": body, "case": case, "description": description},
        title=title,
        language="nb",
    )


def paper_upload(title: str, content: bytes) -> SimpleUploadedFile:
    """``content`` as an uploaded PDF named after ``title``."""
    name = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")[:60] + ".pdf"
    return SimpleUploadedFile(name, content, content_type="application/pdf")
