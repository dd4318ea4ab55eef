"""Survey results pages (filled by the results work)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
