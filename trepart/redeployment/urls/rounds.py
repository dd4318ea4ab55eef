"""The stillingsbank's pages: the weekly meeting, its rounds, the offers and the release of
a vacancy for external advertising."""

from __future__ import annotations

from django.urls import URLPattern, path

from trepart.redeployment.views import offers, rounds

urlpatterns: list[URLPattern] = [
    path("moter/", rounds.round_list, name="round_list"),
    path("moter/planlegg/", rounds.meeting_plan, name="meeting_plan"),
    path("runde/ny/", rounds.round_create, name="round_create"),
    path("runde/<int:pk>/", rounds.round_detail, name="round_detail"),
    path("runde/<int:pk>/par/<int:pair>/", rounds.pair_decide, name="pair_decide"),
    path("runde/<int:pk>/behandlet/", rounds.round_close, name="round_close"),
    path("tilbud/ny/", offers.offer_create, name="offer_create"),
    path("tilbud/<int:pk>/", offers.offer_detail, name="offer_detail"),
    path("stillinger/<int:pk>/frigi/", offers.release, name="vacancy_release"),
]
