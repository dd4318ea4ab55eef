"""The audit log page: who changed what, and when, in the administrator's municipality."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from trepart.audit.permissions import can_view_audit
from trepart.audit.selectors import audit_entries_for, audit_entry_rows, audit_object_types
from trepart.platform.pagination import paginate


@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not can_view_audit(user):
        raise PermissionDenied
    object_type = request.GET.get("type", "")
    text = request.GET.get("q", "").strip()
    entries = audit_entries_for(user=user, object_type=object_type, text=text)
    page_obj = paginate(request, entries)
    context = {
        "page_obj": page_obj,
        "rows": audit_entry_rows(list(page_obj.object_list)),
        "object_types": audit_object_types(user=user),
        "object_type": object_type,
        "q": text,
    }
    return render(request, "audit/entry_list.html", context)
