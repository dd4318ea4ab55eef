"""Handling proposals (being built)."""

from django.http import Http404, HttpRequest, HttpResponse


def _todo(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


proposal_list = export = figures = routing = detail = act = inbox = _todo
