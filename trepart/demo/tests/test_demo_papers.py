"""The demo's meeting papers are documents a visitor can read, not empty PDFs."""

from __future__ import annotations

import io
from typing import Any

import pypdf
import pytest
from django.test import Client
from django.urls import reverse

from trepart.demo.builder import municipality_build
from trepart.demo.tests.test_demo import TINY
from trepart.meetings.models import DocumentVersion

pytestmark = pytest.mark.django_db


def words(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_demo_papers_open_as_pdfs_with_their_text(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        municipality_build(preset=TINY, seed=7, password="demo-passord-2026")
    version = DocumentVersion.objects.get(document__title="Årsrapport 2025")
    client = Client()
    assert client.login(username="admin", password="demo-passord-2026")
    response = client.get(reverse("meetings:document-open", args=[version.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = words(b"".join(response.streaming_content))  # type: ignore[attr-defined]
    assert "Årsrapport 2025" in text
    assert "Årsrapport for trepartssamarbeidet 2025" in text  # the case it belongs to
    assert "Kommunedirektøren orienterer om arbeidet i utvalgene" in text
    # Every paper has text, the late one included.
    for version in DocumentVersion.objects.select_related("document"):
        with version.file.open("rb") as stored:
            assert version.document.title in words(stored.read())
