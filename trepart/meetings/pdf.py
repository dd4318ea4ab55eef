"""Tagged, accessible PDFs (PDF/UA-1) from templates, with WeasyPrint.

The templates carry their own CSS, and rendering fetches nothing: a template that names an
outside address (a stylesheet, an image, a font) gets it refused, so rendering a PDF can
neither wait on the network nor be made to call out to it.

WeasyPrint (70) leaves two things of PDF/UA-1 undone, which ``finish_tagging`` does through
its finisher hook, on the PDF objects before they are written:

- The content of the page margins (our page counter) is tagged, but its structure
  elements are left out of the structure tree, as PDF 1.7 allows no artifact there. It
  becomes what it is: a pagination artifact, outside the tree.
- Table header cells get no ``/Scope``; they get the one their ``scope`` attribute says.
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
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1", finisher=finish_tagging))


def finish_tagging(document: Any, pdf: Any) -> None:
    """WeasyPrint's finisher: margin content as artifacts, and /Scope on table headers."""
    _margins_as_artifacts(pdf)
    for page in document.pages:
        for box in page._page_box.descendants():
            # WeasyPrint keeps each header cell's structure element on its box (``mark``).
            element = getattr(box, "mark", None)
            if box.element_tag == "th" and element is not None:
                scope = box.element.get("scope", "")
                # The same rule WeasyPrint uses for /Headers: row headers say so.
                element["A"]["Scope"] = "/Row" if scope in ("row", "rowgroup") else "/Column"


def _margins_as_artifacts(pdf: Any) -> None:
    objects = pdf.objects

    def resolve(reference: bytes) -> Any:
        return objects[int(reference.split()[0])]

    def is_element(obj: Any) -> bool:
        return isinstance(obj, dict) and obj.get("Type") == "/StructElem"

    # The structure elements reachable from the root; WeasyPrint builds the margins' own
    # but never links them in.
    root = resolve(pdf.catalog["StructTreeRoot"])
    reached: set[int] = set()
    stack = [root]
    while stack:
        for kid in stack.pop().get("K", ()):
            child: Any = resolve(kid) if isinstance(kid, bytes) else None
            if is_element(child) and child.number not in reached:
                reached.add(child.number)
                stack.append(child)
    left_out = {
        (element["Pg"], mcid)
        for element in objects
        if is_element(element) and element.number not in reached
        for mcid in element["K"]
        if isinstance(mcid, int)
    }
    if not left_out:
        return
    parent_tree = resolve(root["ParentTree"])["Nums"]
    for index, page_reference in enumerate(pdf.page_references):
        operations = resolve(resolve(page_reference)["Contents"]).stream
        for position, operand in enumerate(operations):
            # "/Tag <</MCID n>> BDC" becomes "/Artifact <</Type /Pagination>> BDC".
            if not (isinstance(operand, dict) and "MCID" in operand):
                continue
            mcid = operand["MCID"]
            if (page_reference, mcid) in left_out:
                operations[position - 1] = "/Artifact"
                del operand["MCID"]
                operand["Type"] = "/Pagination"
                # No structure element for it any more: the page's MCID map holds null.
                parent_tree[2 * index + 1][mcid] = b"null"
