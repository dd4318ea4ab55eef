"""Reading the library: the list (for a visitor, the public portal of a municipality's
documents), a document with its version in force and its history, an older version, the
comparison of two versions and a version's PDF. What each shows comes from
``library.privacy`` through the selectors."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from trepart.library import privacy, selectors
from trepart.library.forms import CompareForm
from trepart.library.models import DocumentKind, VersionFile
from trepart.library.views.common import document_or_404, version_or_404
from trepart.organisation import public
from trepart.organisation.models import Municipality
from trepart.platform.files.stored import stored_file_response
from trepart.platform.pagination import paginate


def _visited(request: HttpRequest) -> Municipality | None:
    """The municipality a visitor (or someone without one) browses; ``None`` for the
    signed-in people of a municipality, who read their own."""
    user: Any = request.user
    if user.is_authenticated and user.municipality_id is not None:
        return None
    return public.public_municipality(request)


@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    visited = _visited(request)
    municipality_id = visited.pk if visited is not None else None
    kind = request.GET.get("type", "")
    kind = kind if kind in DocumentKind.values else ""
    visitor = municipality_id is not None or not user.is_authenticated
    owner = municipality_id or getattr(user, "municipality_id", None)
    documents = selectors.documents_visible(user=user, municipality_id=municipality_id, kind=kind)
    page_obj = paginate(request, documents)
    rows = (
        selectors.document_rows(user=user, documents=page_obj.object_list, municipality_id=owner)
        if owner is not None
        else []
    )
    context = {
        "rows": rows,
        "page_obj": page_obj,
        "kinds": DocumentKind.choices,
        "kind": kind,
        "visitor": visitor,
        "municipality": visited,
        "municipalities": public.choices() if visitor and municipality_id is None else [],
        "can_create": privacy.can_edit_library(user, getattr(user, "municipality_id", None)),
    }
    return render(request, "library/document_list.html", context)


@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    page = selectors.document_page(user=request.user, document=document)
    numbers = [v.number for v in page.versions if not v.is_draft]
    compare = CompareForm(numbers=numbers, initial=_compare_initial(numbers))
    context = {"page": page, "document": document, "shown": page.current, "compare": compare}
    return render(request, "library/document_detail.html", context)


def _compare_initial(numbers: list[int]) -> dict[str, int]:
    if len(numbers) < 2:
        return {}
    return {"fra": numbers[1], "til": numbers[0]}


@require_GET
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = version_or_404(request, pk)
    document = version.document
    page = selectors.document_page(user=request.user, document=document)
    context = {"page": page, "document": document, "shown": version}
    return render(request, "library/version_detail.html", context)


@require_GET
def version_compare(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_or_404(request, pk)
    page = selectors.document_page(user=request.user, document=document)
    by_number = {v.number: v for v in page.versions if not v.is_draft}
    form = CompareForm(request.GET or None, numbers=list(by_number))
    comparison = old = new = None
    if form.is_valid():
        old, new = by_number[form.cleaned_data["fra"]], by_number[form.cleaned_data["til"]]
        comparison = selectors.version_comparison(old=old, new=new)
    context = {
        "page": page,
        "document": document,
        "compare": form,
        "comparison": comparison,
        "old": old,
        "new": new,
    }
    status = 400 if request.GET and not form.is_valid() else 200
    return render(request, "library/version_compare.html", context, status=status)


@require_GET
def version_file(request: HttpRequest, pk: int) -> FileResponse:
    version = version_or_404(request, pk)
    stored = VersionFile.objects.filter(document_version=version).first()
    if stored is None:
        raise Http404
    return stored_file_response(stored, as_attachment=False)
