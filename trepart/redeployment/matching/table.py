"""Suitability of every pair at once, with numpy: the same rules and score as
``suitability.suitability`` (the tests hold the two together), for thousands of people and
vacancies.

Qualifications become bitsets (one ``uint64`` word per 64 codes), so "every required
qualification held" is ``required & ~held == 0`` and the wanted ones held are a popcount;
travel is a location x location table (``-1``: unknown), read the same way round as
``travel_minutes``. The pairs are checked in blocks of rows, so memory stays at a block
of the dense matrix, and only the suitable pairs are kept (a sparse table, ``rows`` sorted).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from trepart.redeployment.matching.model import Candidate, Exclusions, Rules, Travel, Vacancy
from trepart.redeployment.matching.suitability import (
    LOCATION_POINTS,
    TRAVEL_POINTS,
    UNIT_POINTS,
    WANTED_POINTS,
)

Ints = npt.NDArray[np.int64]
Words = npt.NDArray[np.uint64]

# Rows of the dense matrix checked at a time.
BLOCK = 256


def _index(values: Iterable[str]) -> dict[str, int]:
    return {value: number for number, value in enumerate(sorted(set(values)))}


def _bits(sets: Sequence[frozenset[str]], codes: dict[str, int], words: int) -> Words:
    pairs = [(row, codes[code]) for row, held in enumerate(sets) for code in held if code in codes]
    out = np.zeros((len(sets), words), dtype=np.uint64)
    if pairs:
        rows, numbers = np.array(pairs, dtype=np.int64).T
        bits = np.left_shift(np.uint64(1), (numbers & 63).astype(np.uint64))
        np.bitwise_or.at(out, (rows, numbers >> 6), bits)
    return out


def _groups(keys: npt.NDArray[Any]) -> tuple[npt.NDArray[Any], Ints]:
    """The distinct rows of ``keys`` and, for each row, which of them it is."""
    distinct, which = np.unique(keys, axis=0, return_inverse=True)
    return distinct, which.reshape(-1).astype(np.int64)


def _popcount(values: Words) -> Ints:
    return np.bitwise_count(values).astype(np.int64).sum(axis=-1)


@dataclass
class Table:
    """The suitable pairs as parallel arrays (``rows`` sorted, ``cols`` within a row in
    vacancy order), their score in tenths and travel minutes, plus what is needed to say
    why a person has no suitable vacancy at all."""

    candidates: Sequence[Candidate]
    vacancies: Sequence[Vacancy]
    rules: Rules
    rows: Ints
    cols: Ints
    tenths: Ints
    minutes: Ints
    # Per candidate, built once: the columns the rules read.
    held: Words
    low: Ints
    high: Ints
    wage: Ints
    limit: Ints
    origin: Ints
    # Per vacancy.
    required: Words
    percent: Ints
    wage_max: Ints
    place: Ints
    times: Ints  # location x location minutes, -1 unknown
    excluded: dict[tuple[int, int], str]

    @property
    def starts(self) -> Ints:
        """Where each candidate's pairs begin in ``rows`` (length n + 1)."""
        return np.searchsorted(self.rows, np.arange(len(self.candidates) + 1)).astype(np.int64)

    def failure_counts(self, row: int) -> dict[str, int]:
        """For one person: how many vacancies fail each rule (a vacancy may fail several)."""
        counts: dict[str, int] = {}

        def add(code: str, failing: npt.NDArray[np.bool_]) -> None:
            number = int(failing.sum())
            if number:
                counts[code] = number

        excluded = sum(1 for (r, _c) in self.excluded if r == row)
        if excluded:
            counts["excluded"] = excluded
        missing = np.zeros(len(self.vacancies), dtype=bool)
        for word in range(self.held.shape[1]):
            missing |= (self.required[:, word] & ~self.held[row, word]) != 0
        add("missing_qualification", missing)
        if self.candidates[row].wanted_percent is None:
            add(
                "percent_out_of_tolerance",
                (self.percent < self.low[row]) | (self.percent > self.high[row]),
            )
        else:
            add("percent_not_larger", self.percent < self.low[row])
            # As in ``percent_reasons``: a position not larger is not also above the wish.
            add(
                "percent_above_wish",
                (self.percent > self.high[row]) & (self.percent >= self.low[row]),
            )
        if self.rules.wage_not_lower:
            add("wage_lower", self.wage_max < self.wage[row])
        minutes = self.times[self.origin[row], self.place]
        add("travel_unknown", minutes < 0)
        add("travel_too_long", minutes > self.limit[row])
        return counts


def travel_table(travel: Travel, places: dict[str, int]) -> Ints:
    """Minutes between the locations in ``places``; the pair as given wins over its reverse,
    as in ``travel_minutes``."""
    size = len(places)
    times = np.full((size, size), -1, dtype=np.int64)
    known = [
        (places[a], places[b], minutes)
        for (a, b), minutes in travel.items()
        if a in places and b in places
    ]
    for a, b, minutes in known:
        times[b, a] = minutes
    for a, b, minutes in known:
        times[a, b] = minutes
    np.fill_diagonal(times, 0)
    return times


def build_table(
    candidates: Sequence[Candidate],
    vacancies: Sequence[Vacancy],
    rules: Rules,
    travel: Travel,
    exclusions: Exclusions,
) -> Table:
    """Every suitable pair of ``candidates`` x ``vacancies`` with its score."""
    codes = _index(
        [code for c in candidates for code in c.qualifications]
        + [code for v in vacancies for code in v.required | v.wanted]
    )
    words = max(1, (len(codes) + 63) // 64)
    places = _index([c.location for c in candidates] + [v.location for v in vacancies])
    units = _index([v.unit for v in vacancies])
    times = travel_table(travel, places)

    held = _bits([c.qualifications for c in candidates], codes, words)
    tolerance = rules.percent_tolerance
    low = np.array(
        [c.percent - tolerance if c.wanted_percent is None else c.percent + 1 for c in candidates],
        dtype=np.int64,
    )
    high = np.array(
        [
            c.percent + tolerance if c.wanted_percent is None else c.wanted_percent
            for c in candidates
        ],
        dtype=np.int64,
    )
    wage = np.array([c.wage_level for c in candidates], dtype=np.int64)
    limit = np.array([c.travel_limit(rules) for c in candidates], dtype=np.int64)
    origin = np.array([places[c.location] for c in candidates], dtype=np.int64)

    required = _bits([v.required for v in vacancies], codes, words)
    wanted = _bits([v.wanted for v in vacancies], codes, words)
    percent = np.array([v.percent for v in vacancies], dtype=np.int64)
    wage_max = np.array([v.wage_max for v in vacancies], dtype=np.int64)
    place = np.array([places[v.location] for v in vacancies], dtype=np.int64)
    unit = np.array([units[v.unit] for v in vacancies], dtype=np.int64)

    # The rules read few distinct values (percent ranges, locations and limits, required
    # qualifications): each is checked once per distinct value for every vacancy, and a
    # block of the matrix is then gathered from those rows, a byte a pair.
    ranges, range_of = _groups(np.stack([low, high], axis=1))
    percent_ok = (percent[None, :] >= ranges[:, :1]) & (percent[None, :] <= ranges[:, 1:])
    reaches, reach_of = _groups(np.stack([origin, limit], axis=1))
    to_place = times[reaches[:, :1], place[None, :]]
    travel_ok = (to_place >= 0) & (to_place <= reaches[:, 1:])
    needs, need_of = _groups(required)
    qualified = np.ones((len(candidates), len(needs)), dtype=bool)
    for word in range(words):
        qualified &= (needs[None, :, word] & ~held[:, None, word]) == 0

    found_rows, found_cols = [], []
    for start in range(0, len(candidates), BLOCK):
        stop = min(start + BLOCK, len(candidates))
        ok = percent_ok[range_of[start:stop]]
        ok &= travel_ok[reach_of[start:stop]]
        ok &= qualified[start:stop][:, need_of]
        if rules.wage_not_lower:
            ok &= wage_max[None, :] >= wage[start:stop, None]
        block_rows, block_cols = np.nonzero(ok)
        found_rows.append(block_rows + start)
        found_cols.append(block_cols)
    rows = np.concatenate(found_rows).astype(np.int64) if found_rows else np.zeros(0, np.int64)
    cols = np.concatenate(found_cols).astype(np.int64) if found_cols else np.zeros(0, np.int64)
    pair_minutes = times[origin[rows], place[cols]]

    candidate_numbers = {c.key: number for number, c in enumerate(candidates)}
    vacancy_numbers = {v.key: number for number, v in enumerate(vacancies)}
    excluded = {
        (candidate_numbers[ck], vacancy_numbers[vk]): text
        for (ck, vk), text in exclusions.items()
        if ck in candidate_numbers and vk in vacancy_numbers
    }
    if excluded and len(rows):
        codes_out = np.array([r * len(vacancies) + c for r, c in excluded], dtype=np.int64)
        keep = ~np.isin(rows * len(vacancies) + cols, codes_out)
        rows, cols, pair_minutes = rows[keep], cols[keep], pair_minutes[keep]

    tenths = _scores(
        candidates, rows, cols, pair_minutes, held, wanted, unit, units, place, places, limit
    )
    return Table(
        candidates=candidates,
        vacancies=vacancies,
        rules=rules,
        rows=rows,
        cols=cols,
        tenths=tenths,
        minutes=pair_minutes,
        held=held,
        low=low,
        high=high,
        wage=wage,
        limit=limit,
        origin=origin,
        required=required,
        percent=percent,
        wage_max=wage_max,
        place=place,
        times=times,
        excluded=excluded,
    )


def _preferred(rows: Ints, chosen: Ints, size: int, sets: list[list[int]]) -> npt.NDArray[np.bool_]:
    """Whether ``chosen[k]`` is among the preferred indices of candidate ``rows[k]``."""
    table = np.zeros((len(sets), max(size, 1)), dtype=bool)
    for row, values in enumerate(sets):
        table[row, values] = True
    return table[rows, chosen]


def _scores(
    candidates: Sequence[Candidate],
    rows: Ints,
    cols: Ints,
    minutes: Ints,
    held: Words,
    wanted: Words,
    unit: Ints,
    units: dict[str, int],
    place: Ints,
    places: dict[str, int],
    limit: Ints,
) -> Ints:
    wanted_count = _popcount(wanted)[cols]
    held_count = _popcount(wanted[cols] & held[rows])
    safe = np.maximum(wanted_count, 1)
    tenths = np.where(
        wanted_count > 0, (2 * WANTED_POINTS * held_count + safe) // (2 * safe), WANTED_POINTS
    )
    unit_sets = [[units[u] for u in c.preferred_units if u in units] for c in candidates]
    tenths += UNIT_POINTS * _preferred(rows, unit[cols], len(units), unit_sets)
    place_sets = [[places[p] for p in c.preferred_locations if p in places] for c in candidates]
    tenths += LOCATION_POINTS * _preferred(rows, place[cols], len(places), place_sets)
    pair_limit = limit[rows]
    safe_limit = np.maximum(pair_limit, 1)
    tenths += np.where(
        pair_limit <= 0,
        TRAVEL_POINTS,
        (2 * TRAVEL_POINTS * (pair_limit - minutes) + safe_limit) // (2 * safe_limit),
    )
    return tenths.astype(np.int64)
