"""What the stillingsbank hears from the apps beside it: redundancies announced by a
decided savings plan (``organisation.redundancy``), stored once per source."""

from __future__ import annotations

from typing import Any

from trepart.organisation.redundancy import Announcement
from trepart.redeployment.models import ExpectedRedundancy


def redundancy_store(*, announcement: Announcement, **_: Any) -> None:
    ExpectedRedundancy.objects.update_or_create(
        municipality_id=announcement.municipality_id,
        key=announcement.key,
        defaults={
            "unit_id": announcement.unit_id,
            "ftes": announcement.ftes,
            "source": announcement.source[:200],
            "url": announcement.url[:300],
            "decided_on": announcement.decided_on,
        },
    )
