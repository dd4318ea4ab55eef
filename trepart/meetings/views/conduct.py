"""During and after the meeting: attendance, stands, outcomes, follow-up, minutes."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def follow_up_board(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
