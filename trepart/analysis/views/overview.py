"""Felles analyse's front page: what there is, and where."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from trepart.analysis.permissions import can_manage, can_read

# (URL names to try, in order; title; description; for administrators only). Each topic's
# pages are built separately: a link is shown only once its page exists.
SECTIONS: tuple[tuple[tuple[str, ...], Any, Any, bool], ...] = (
    (
        ("analysis:survey-list",),
        _("Surveys and results"),
        _(
            "Survey rounds with anonymous one-time answer links, the self-assessment of the "
            "cooperation (Status i egen kommune), and their results per unit, party and body."
        ),
        False,
    ),
    (
        ("analysis:survey-mine",),
        _("Surveys for me"),
        _("The surveys you are invited to answer."),
        False,
    ),
    (
        ("analysis:absence",),
        _("Sick leave"),
        _(
            "Sick leave (sykefravær) per unit and month, the trend, and the gap to each "
            "unit's target (nærværsmål)."
        ),
        False,
    ),
    (
        ("analysis:factors",),
        _("10-FAKTOR"),
        _("KS's employee survey: the ten factors per unit and year, and how they change."),
        False,
    ),
    (
        ("analysis:instrument-list",),
        _("Questionnaires"),
        _("The built-in questionnaires and the municipality's own."),
        True,
    ),
    (
        ("analysis:absence-import",),
        _("Import sick leave"),
        _("Upload sick-leave figures per unit and month or quarter."),
        True,
    ),
    (
        ("analysis:absence-targets",),
        _("Presence targets"),
        _("Each unit's target for presence at work (nærværsmål)."),
        True,
    ),
    (
        ("analysis:factors-import",),
        _("Import 10-FAKTOR results"),
        _("Upload KS's factor averages per unit and year."),
        True,
    ),
)


def _first_url(names: tuple[str, ...]) -> str | None:
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    if not can_read(request.user):
        raise PermissionDenied
    manager = can_manage(request.user)
    links = []
    for names, title, description, managers_only in SECTIONS:
        if managers_only and not manager:
            continue
        url = _first_url(names)
        if url is not None:
            links.append(
                {"url": url, "title": title, "description": description, "manage": managers_only}
            )
    context = {
        "links": [link for link in links if not link["manage"]],
        "manage_links": [link for link in links if link["manage"]],
    }
    return render(request, "analysis/overview.html", context)
