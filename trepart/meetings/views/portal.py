"""The public meeting portal: calendar, iCal feeds, notices and minutes as PDF."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def calendar(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
