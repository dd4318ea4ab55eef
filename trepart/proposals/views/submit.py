"""Submitting and following proposals (being built)."""

from django.http import Http404, HttpRequest, HttpResponse


def _todo(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


new = mine = similar = support = withdraw = attachment = public_new = public_similar = _todo
track = track_withdraw = _todo
