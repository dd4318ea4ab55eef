"""Reading the agreed settings: the travel times as a table of every pair of locations."""

from __future__ import annotations

from dataclasses import dataclass

from trepart.redeployment.models import Location, TravelTime


@dataclass(frozen=True)
class TravelPair:
    origin: Location
    destination: Location
    minutes: int | None

    @property
    def key(self) -> str:
        return f"t_{self.origin.pk}_{self.destination.pk}"


def travel_pairs(*, municipality_id: int) -> list[TravelPair]:
    """Every pair of the municipality's locations once (the lower id first), with its minutes
    where one is stored."""
    locations = list(Location.objects.filter(municipality_id=municipality_id).order_by("pk"))
    stored = {
        (origin, destination): minutes
        for origin, destination, minutes in TravelTime.objects.filter(
            municipality_id=municipality_id
        ).values_list("origin_id", "destination_id", "minutes")
    }
    return [
        TravelPair(a, b, stored.get((a.pk, b.pk)))
        for index, a in enumerate(locations)
        for b in locations[index + 1 :]
    ]
