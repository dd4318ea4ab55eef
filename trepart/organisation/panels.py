"""Panels that apps above the organisation add to its start page and to a body's page.

The organisation app sits below proposals and meetings, so it never asks them for their
figures. An app registers a panel — a template and a function that gives the template its
``panel`` variable — from its ``AppConfig.ready()``; the page includes every registered
panel, in the order the apps were registered (``INSTALLED_APPS``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from trepart.organisation.models import Body

HomeContext = Callable[..., dict[str, Any]]
BodyContext = Callable[..., dict[str, Any]]


@dataclass(frozen=True)
class Panel:
    """A registered panel: ``context`` is called with keyword arguments only."""

    template: str
    context: Callable[..., dict[str, Any]]


@dataclass(frozen=True)
class ShownPanel:
    """A panel ready for the page: ``{% include shown.template with panel=shown.panel %}``."""

    template: str
    panel: dict[str, Any]


HOME_PANELS: list[Panel] = []
BODY_PANELS: list[Panel] = []


def home_panel_register(*, template: str, context: HomeContext) -> None:
    """Add a panel to the start page; ``context(user=, bodies=)`` gets the signed-in user
    and the bodies they sit in (in the order of their table, repeated per seat)."""
    HOME_PANELS.append(Panel(template=template, context=context))


def body_panel_register(*, template: str, context: BodyContext) -> None:
    """Add a panel to a body's page; ``context(user=, body=)``."""
    BODY_PANELS.append(Panel(template=template, context=context))


def home_panels(*, user: Any, bodies: list[Body]) -> list[ShownPanel]:
    return [
        ShownPanel(template=panel.template, panel=panel.context(user=user, bodies=bodies))
        for panel in HOME_PANELS
    ]


def body_panels(*, user: Any, body: Body) -> list[ShownPanel]:
    return [
        ShownPanel(template=panel.template, panel=panel.context(user=user, body=body))
        for panel in BODY_PANELS
    ]
