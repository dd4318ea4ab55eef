"""The import pages' shared steps: check the upload, run the import, show every row's error."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from trepart.analysis.permissions import can_manage
from trepart.platform.csv_writer import csv_example_response

ERRORS_SHOWN = 200


def import_page(
    request: HttpRequest,
    *,
    form_class: type[forms.Form],
    run: Callable[..., Any],
    summary: Callable[[Any], str],
    template: str,
    done_url: str,
    context: dict[str, Any],
) -> HttpResponse:
    """GET: the form. POST: ``run(actor=, municipality=, data=, file_name=, replace=,
    dry_run=)``; a good file redirects with ``summary(result)``, a bad one shows the form
    again with the file's name, the choices made and every row's error."""
    if not can_manage(request.user):
        raise PermissionDenied
    user: Any = request.user
    result = None
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            result = run(
                actor=user,
                municipality=user.municipality,
                data=upload.read(),
                file_name=upload.name or "",
                replace=form.cleaned_data["replace"],
                dry_run=form.cleaned_data["dry_run"],
            )
            if result.ok:
                messages.success(request, summary(result))
                return redirect(done_url)
            count = len(result.errors)
            form.add_error(
                "file",
                ngettext(
                    "The file has %(count)s error. Nothing was imported.",
                    "The file has %(count)s errors. Nothing was imported.",
                    count,
                )
                % {"count": count},
            )
    else:
        form = form_class()
    errors = result.errors if result else []
    return render(
        request,
        template,
        {
            **context,
            "form": form,
            "result": result,
            "errors_shown": errors[:ERRORS_SHOWN],
            "errors_hidden": max(len(errors) - ERRORS_SHOWN, 0),
            "file_name": getattr(request.FILES.get("file"), "name", "") or "",
        },
    )


def example_csv(request: HttpRequest, *, text: str, file_name: str) -> HttpResponse:
    """An example file, with a byte order mark so Excel reads æ, ø and å."""
    if not can_manage(request.user):
        raise PermissionDenied
    return csv_example_response(text, file_name=file_name)
