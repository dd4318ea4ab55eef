"""Structure templates: the list, and applying one to the municipality."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trepart.organisation import selectors
from trepart.organisation.structures import structure_template_apply, structure_templates
from trepart.organisation.views._common import municipal_user
from trepart.platform.tenancy import is_municipal_admin


@login_required
def structure_list(request: HttpRequest) -> HttpResponse:
    user = municipal_user(request)
    if not is_municipal_admin(user):
        raise PermissionDenied
    return render(
        request,
        "organisation/structure_list.html",
        {"templates": structure_templates().values()},
    )


@login_required
@require_POST
def structure_apply(request: HttpRequest, key: str) -> HttpResponse:
    user = municipal_user(request)
    if not is_municipal_admin(user):
        raise PermissionDenied
    if key not in structure_templates():
        raise Http404
    municipality = selectors.municipality_of(user)
    result = structure_template_apply(actor=user, municipality=municipality, key=key)
    messages.success(
        request,
        _(
            "%(created)d bodies were created; %(skipped)d already existed and were left as they "
            "were."
        )
        % {"created": len(result.created), "skipped": result.skipped},
    )
    return redirect("organisation:body-list")
