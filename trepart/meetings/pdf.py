"""Tagged, accessible PDFs (PDF/UA-1) from templates, with WeasyPrint.

The templates carry their own CSS, and rendering fetches nothing: a template that names an
outside address (a stylesheet, an image, a font) gets it refused, so rendering a PDF can
neither wait on the network nor be made to call out to it.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

CONTENT_TYPE = "application/pdf"


def no_fetching() -> Any:
    """A URL fetcher that refuses every address."""
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"a PDF fetches nothing: {url[:80]}")

    return NoFetching()


def render_pdf(template: str, context: dict[str, Any], *, title: str, language: str) -> bytes:
    """``template`` rendered in ``language`` as a PDF/UA-1 document titled ``title``."""
    # WeasyPrint takes seconds to import; only the processes that make PDFs pay for it.
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(template, {**context, "title": title, "language": language})
    document = HTML(string=html, base_url=None, url_fetcher=no_fetching())
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1"))
