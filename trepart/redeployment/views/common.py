"""What the stillingsbank's pages share: a service's errors put on the form, the members-only
gate, the edit page (with the version the form saw) and the import page (upload, check every
row, show each row's problem)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from trepart.audit.writes import ConcurrentEditError
from trepart.redeployment import privacy
from trepart.redeployment.forms.imports import ImportForm
from trepart.redeployment.services.imports import ImportResult, import_summary

ERRORS_SHOWN = 200


def add_form_errors(form: Any, error: ValidationError) -> None:
    """Attach a service's errors to the form beside the fields they concern."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def member_required(request: HttpRequest) -> Any:
    """The user, if a member of the stillingsbank (or HR); anyone else is refused."""
    if not privacy.is_member(request.user):
        raise PermissionDenied
    return request.user


def edit_page(
    request: HttpRequest,
    *,
    make_form: Callable[[Any], Form],
    save: Callable[[dict[str, Any]], object],
    reload: Callable[[], Any],
    saved_message: str,
    done_url: str,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """An edit of one row with the version the form saw. Saved: the message and ``done_url``.
    Changed by someone else meanwhile: 409, the form keeps what the user typed and the row
    as saved now (``saved``) is shown beside it, so a second save is deliberate. Refused:
    the form with the service's errors."""
    form = make_form(request.POST or None)
    saved = None
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ConcurrentEditError as conflict:
            saved = reload()
            data = request.POST.copy()
            data["version"] = str(saved.version)
            form = make_form(data)
            form.is_valid()
            add_form_errors(form, conflict)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, saved_message)
            return redirect(done_url)
    context = {**context, "form": form, "saved": saved}
    return render(request, template, context, status=409 if saved else 200)


def import_page(
    request: HttpRequest,
    *,
    run: Callable[..., ImportResult],
    what: str,
    done_url: str,
    context: dict[str, Any],
) -> HttpResponse:
    """GET: the form. POST: ``run(actor=, data=, dry_run=)``; a good file redirects with a
    summary, a bad one shows the form again (with the choices made) and every row's error."""
    result = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = run(actor=request.user, data=upload.read(), dry_run=form.cleaned_data["dry_run"])
        if result.ok:
            messages.success(request, import_summary(result, what=what))
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
    errors = result.errors if result else []
    return render(
        request,
        "redeployment/import.html",
        {
            **context,
            "form": form,
            "result": result,
            "errors_shown": errors[:ERRORS_SHOWN],
            "errors_hidden": max(len(errors) - ERRORS_SHOWN, 0),
            "file_name": getattr(request.FILES.get("file"), "name", "") or "",
        },
    )
