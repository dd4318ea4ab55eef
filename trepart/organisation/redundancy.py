"""Redundancies announced by one app for another to take care of.

A decided savings plan may make positions redundant; the stillingsbank exists to find those
people other suitable work. The two apps stand on one floor and never import each other, so
the plan's app announces here, below both, and the stillingsbank listens when it is
installed. With no listener the announcement is simply not heard.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.dispatch import Signal

# Sent with ``announcement=Announcement(...)``.
redundancy_announced = Signal()


@dataclass(frozen=True)
class Announcement:
    key: str  # stable id of the source, e.g. "development.plan:12": announced once
    municipality_id: int
    unit_id: int | None
    ftes: Decimal
    source: str  # what made the positions redundant, in words (a project's title)
    url: str  # where the decision can be read
    decided_on: datetime.date


def redundancy_announce(announcement: Announcement) -> None:
    redundancy_announced.send(sender=Announcement, announcement=announcement)
