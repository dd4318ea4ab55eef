"""The stillingsbank's figures: people in the bank, median days to placement, share placed,
notices avoided, involuntary part-time employees and positions increased — for the whole
municipality, by year (the year a case was registered) and by sector (each case's unit
rolled up to the sector it lies under).

Only aggregates leave here, and only for groups of at least the municipality's threshold
(the larger of its survey and sick-leave thresholds, never below 5 for personnel data): a
year or sector under it is hidden, with secondary suppression (``platform.suppression``) so
a hidden group cannot be found by subtracting the shown ones from the total. Figures that
describe a smaller subgroup (the median days of the placed, the points gained by those whose
position was increased) are shown only when that subgroup reaches the threshold too.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Sum

from trepart.audit.cache import cached_figure
from trepart.organisation.models import Municipality
from trepart.organisation.selectors import unit_tree
from trepart.organisation.tree import UnitTree
from trepart.platform import formatting
from trepart.platform.suppression import effective_threshold, hidden_groups
from trepart.redeployment.models import (
    MATCHABLE,
    CaseEvent,
    CaseKind,
    CaseStatus,
    Offer,
    OfferPart,
    RedeploymentCase,
)

IN_BANK = (*MATCHABLE, CaseStatus.OFFERED)
# Ended in work without a notice: the notices the bank avoided (§ 15-7 (2)).
AVOIDED = (CaseStatus.PLACED, CaseStatus.RETRAINING)
PERSONNEL_FLOOR = 5


def threshold_of(municipality: Municipality) -> int:
    return max(
        PERSONNEL_FLOOR,
        effective_threshold(max(municipality.survey_threshold, municipality.absence_threshold)),
    )


@dataclass(frozen=True)
class Row:
    """One case as the figures need it (no name, no id leaves this module)."""

    kind: str
    status: str
    year: int
    sector: int | None
    days_to_placement: int | None
    notice: bool
    points_gained: int | None


@dataclass(frozen=True)
class BankGroup:
    """The redundant employees of one group."""

    label: str
    registered: int
    in_bank: int
    placed: int
    median_days: float | None
    share_placed: float | None
    avoided: int
    notices: int


@dataclass(frozen=True)
class PartTimeGroup:
    """The part-time employees wishing a larger position, of one group."""

    label: str
    employees: int
    waiting: int
    increased: int
    points: int | None


@dataclass(frozen=True)
class Figures:
    threshold: int
    total: BankGroup | None  # None: hidden (fewer than the threshold in all)
    by_year: list[BankGroup]
    by_sector: list[BankGroup]
    part_time: PartTimeGroup | None
    part_time_by_year: list[PartTimeGroup]
    part_time_by_sector: list[PartTimeGroup]
    hidden_groups: int  # groups left out of the tables (years and sectors)

    @property
    def has_data(self) -> bool:
        return self.total is not None or self.part_time is not None


def _bank_group(label: str, rows: list[Row], threshold: int) -> BankGroup:
    placed = [row.days_to_placement for row in rows if row.days_to_placement is not None]
    registered = len(rows)
    return BankGroup(
        label=label,
        registered=registered,
        in_bank=sum(row.status in IN_BANK for row in rows),
        placed=len(placed),
        median_days=(
            formatting.rounded_float(statistics.median(placed))
            if len(placed) >= threshold
            else None
        ),
        share_placed=(
            formatting.rounded_float(len(placed) * 100 / registered) if registered else None
        ),
        avoided=sum(row.status in AVOIDED and not row.notice for row in rows),
        notices=sum(row.notice for row in rows),
    )


def _part_time_group(label: str, rows: list[Row], threshold: int) -> PartTimeGroup:
    gained = [row.points_gained for row in rows if row.points_gained is not None]
    return PartTimeGroup(
        label=label,
        employees=len(rows),
        waiting=sum(row.status in IN_BANK for row in rows),
        increased=len(gained),
        points=sum(gained) if len(gained) >= threshold else None,
    )


def _shown_groups(
    rows: list[Row], key: str, labels: dict[Any, str], threshold: int
) -> tuple[dict[Any, list[Row]], int]:
    """The rows of each shown group, and how many groups were hidden."""
    groups: dict[Any, list[Row]] = defaultdict(list)
    unplaced = 0
    for row in rows:
        value = getattr(row, key)
        if value is None or value not in labels:
            unplaced += 1
        else:
            groups[value].append(row)
    hidden = hidden_groups(
        {group: len(members) for group, members in groups.items()},
        threshold=threshold,
        unplaced=unplaced,
    )
    shown = {group: members for group, members in groups.items() if group not in hidden}
    return shown, len(hidden & set(groups))


def _new_percents(case_ids: Iterable[int]) -> dict[int, int]:
    """The position % a part-time employee was placed in: an accepted offer's vacancies
    together (added to the present position when they are smaller than it), or the placing
    event's vacancy."""
    ids = list(case_ids)
    found: dict[int, int] = {}
    for event in (
        CaseEvent.objects.filter(case_id__in=ids, kind=CaseEvent.Kind.PLACED)
        .exclude(vacancy=None)
        .order_by("on", "pk")
        .values("case_id", "vacancy__percent")
    ):
        found[event["case_id"]] = event["vacancy__percent"]
    offers = (
        OfferPart.objects.filter(offer__case_id__in=ids, offer__status=Offer.Status.ACCEPTED)
        .values("offer__case_id", "offer_id")
        .annotate(percent=Sum("vacancy__percent"))
        .order_by("offer_id")
    )
    for offer in offers:
        found[offer["offer__case_id"]] = int(offer["percent"] or 0)
    return found


def _rows(municipality_id: int, tree: UnitTree) -> list[Row]:
    cases = list(
        RedeploymentCase.objects.filter(municipality_id=municipality_id).values(
            "pk",
            "kind",
            "status",
            "redundant_on",
            "placed_on",
            "notice_on",
            "from_unit_id",
            "percent",
            "wanted_percent",
        )
    )
    placed_part_time = [
        case["pk"]
        for case in cases
        if case["kind"] == CaseKind.PART_TIME and case["status"] == CaseStatus.PLACED
    ]
    new_percents = _new_percents(placed_part_time)
    rows = []
    for case in cases:
        placed_on: datetime.date | None = case["placed_on"]
        placed = case["status"] == CaseStatus.PLACED and placed_on is not None
        points = None
        if case["kind"] == CaseKind.PART_TIME and case["status"] == CaseStatus.PLACED:
            offered = new_percents.get(case["pk"], case["wanted_percent"] or case["percent"])
            new = offered if offered > case["percent"] else case["percent"] + offered
            points = max(0, min(100, new) - case["percent"])
        unit = case["from_unit_id"]
        rows.append(
            Row(
                kind=case["kind"],
                status=case["status"],
                year=case["redundant_on"].year,
                sector=tree.sector(unit) if unit in tree else None,
                days_to_placement=(
                    (placed_on - case["redundant_on"]).days if placed and placed_on else None
                ),
                notice=case["notice_on"] is not None,
                points_gained=points,
            )
        )
    return rows


def _compute(municipality: Municipality) -> Figures:
    threshold = threshold_of(municipality)
    tree = unit_tree(municipality_id=municipality.pk)
    rows = _rows(municipality.pk, tree)
    sectors = {pk: tree.unit(pk).name for pk in tree.roots}
    redundant = [row for row in rows if row.kind == CaseKind.REDUNDANT]
    part_time = [row for row in rows if row.kind == CaseKind.PART_TIME]
    hidden_count = 0
    results: dict[str, Any] = {}
    for name, members, make in (
        ("bank", redundant, _bank_group),
        ("part_time", part_time, _part_time_group),
    ):
        years = {row.year: str(row.year) for row in members}
        by_year, hidden_years = _shown_groups(members, "year", years, threshold)
        by_sector, hidden_sectors = _shown_groups(members, "sector", sectors, threshold)
        whole_shown = len(members) >= threshold
        hidden_count += hidden_years + hidden_sectors
        results[name] = (
            make("", members, threshold) if whole_shown else None,
            [make(years[key], by_year[key], threshold) for key in sorted(by_year)],
            [
                make(sectors[key], by_sector[key], threshold)
                for key in sorted(by_sector, key=lambda pk: sectors[pk])
            ],
        )
    return Figures(
        threshold=threshold,
        total=results["bank"][0],
        by_year=results["bank"][1],
        by_sector=results["bank"][2],
        part_time=results["part_time"][0],
        part_time_by_year=results["part_time"][1],
        part_time_by_sector=results["part_time"][2],
        hidden_groups=hidden_count,
    )


def redeployment_figures(*, municipality: Municipality) -> Figures:
    """The municipality's figures, suppressed, kept until its data change."""
    return cached_figure(
        topic="redeployment",
        key="figures",
        municipality_id=municipality.pk,
        compute=lambda: _compute(municipality),
    )
