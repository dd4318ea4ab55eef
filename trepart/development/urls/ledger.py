"""Pages of the development work: ledger."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
