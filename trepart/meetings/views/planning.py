"""Before the meeting: the plan, the agenda, documents, publication, the access log."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def meeting_list(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError
