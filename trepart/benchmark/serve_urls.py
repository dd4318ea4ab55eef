"""The site's addresses plus the bare view, for the throughput bench's server only."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from trepart.urls import urlpatterns as site

BARE_PATH = "/__bench__/bare/"


def bare(request: HttpRequest) -> HttpResponse:
    """The least a Django view can do: the baseline the real pages are compared with."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path(BARE_PATH.strip("/") + "/", bare, name="bench-bare"), *site]
