"""Pages of the development work: projects."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
