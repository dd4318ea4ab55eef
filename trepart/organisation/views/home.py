"""The start page: the user's seats, their bodies' state and the apps' panels."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from trepart.organisation import selectors
from trepart.organisation.panels import home_panels
from trepart.organisation.views._common import municipal_user


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = municipal_user(request)
    memberships = list(selectors.my_memberships(user=user))
    bodies = [m.body for m in memberships]
    statuses = selectors.body_statuses(bodies)
    return render(
        request,
        "organisation/home.html",
        {
            "rows": [(m, statuses.get(m.body_id)) for m in memberships],
            "person": getattr(user, "person", None),
            "panels": home_panels(user=user, bodies=bodies),
        },
    )
