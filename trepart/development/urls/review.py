"""Pages of the development work: review."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
