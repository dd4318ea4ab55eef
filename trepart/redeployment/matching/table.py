"""Suitability of every pair at once, with numpy: the same rules and score as
``suitability.suitability`` (the tests hold the two together), for thousands of people and
vacancies.

Qualifications become bitsets (one ``uint64`` word per 64 codes), so "every required
qualification held" is ``required & ~held == 0`` and the wanted ones held are a popcount;
travel is a location x location table (``-1``: unknown), read the same way round as
``travel_minutes``. The pairs are checked in blocks of rows, so memory stays at a block
of the dense matrix, and only the suitable pairs are kept (a sparse table, ``rows`` sorted).
A large table is built by a few threads, each taking a range of people: numpy lets go of
the interpreter lock while it works on whole arrays.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
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
# Worker threads for a large table, and the fewest candidates worth a thread of their own.
WORKERS = max(1, min(4, os.cpu_count() or 1))
CHUNK_MIN = 1024
# Tables of more cells are gathered by compiled code (``gather``): a component that large
# needs the compiled solver anyway, so numba is loaded only where it is needed already.
COMPILED_CELLS = 250_000


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
    *,
    compiled_cells: int = COMPILED_CELLS,
) -> Table:
    """Every suitable pair of ``candidates`` x ``vacancies`` with its score; a table of
    more than ``compiled_cells`` cells is gathered by compiled code, the same pairs."""
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

    unit_pref = _preferred_table([c.preferred_units for c in candidates], units)
    place_pref = _preferred_table([c.preferred_locations for c in candidates], places)

    def pairs(start: int, stop: int) -> tuple[Ints, Ints]:
        """The suitable pairs of candidates ``start``..``stop``, by blocks of rows."""
        found_rows, found_cols = [], []
        for first in range(start, stop, BLOCK):
            last = min(first + BLOCK, stop)
            ok = percent_ok[range_of[first:last]]
            ok &= travel_ok[reach_of[first:last]]
            ok &= qualified[first:last][:, need_of]
            if rules.wage_not_lower:
                ok &= wage_max[None, :] >= wage[first:last, None]
            block_rows, block_cols = np.nonzero(ok)
            found_rows.append(block_rows + first)
            found_cols.append(block_cols)
        rows = np.concatenate(found_rows).astype(np.int64)
        cols = np.concatenate(found_cols).astype(np.int64)
        return rows, cols

    if len(candidates) * len(vacancies) > compiled_cells:
        from trepart.redeployment.matching.gather import suitable_pairs

        def pairs(start: int, stop: int) -> tuple[Ints, Ints]:
            return suitable_pairs(  # type: ignore[no-any-return]
                start,
                stop,
                range_of,
                percent_ok,
                reach_of,
                travel_ok,
                qualified,
                need_of,
                wage,
                wage_max,
                rules.wage_not_lower,
            )

    def chunk(start: int, stop: int) -> tuple[Ints, Ints, Ints, Ints]:
        """The suitable pairs of candidates ``start``..``stop`` with minutes and scores."""
        rows, cols = pairs(start, stop)
        minutes = times[origin[rows], place[cols]]
        tenths = _scores(rows, cols, minutes, held, wanted, limit)
        tenths += UNIT_POINTS * unit_pref[rows, unit[cols]]
        tenths += LOCATION_POINTS * place_pref[rows, place[cols]]
        return rows, cols, minutes, tenths

    parts = _chunks(len(candidates))
    if len(parts) > 1:
        with ThreadPoolExecutor(max_workers=len(parts)) as pool:
            found = list(pool.map(lambda bounds: chunk(*bounds), parts))
    else:
        found = [chunk(*bounds) for bounds in parts]
    rows, cols, pair_minutes, tenths = (
        np.concatenate([part[n] for part in found]) if found else np.zeros(0, np.int64)
        for n in range(4)
    )

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
        rows, cols, pair_minutes, tenths = rows[keep], cols[keep], pair_minutes[keep], tenths[keep]

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


def _chunks(people: int) -> list[tuple[int, int]]:
    """The candidates split for the worker threads (numpy lets go of the interpreter lock
    while it works on whole arrays, so the blocks run side by side)."""
    workers = min(WORKERS, max(1, people // CHUNK_MIN))
    edges = np.linspace(0, people, workers + 1).astype(int)
    return [(int(a), int(b)) for a, b in itertools.pairwise(edges) if b > a]


def _preferred_table(
    sets: Sequence[frozenset[str]], index: dict[str, int]
) -> npt.NDArray[np.bool_]:
    """Per candidate and indexed value, whether the value is among their preferred ones."""
    table = np.zeros((len(sets), max(len(index), 1)), dtype=bool)
    pairs = [
        (row, index[value]) for row, values in enumerate(sets) for value in values if value in index
    ]
    if pairs:
        at = np.array(pairs, dtype=np.int64)
        table[at[:, 0], at[:, 1]] = True
    return table


def _scores(rows: Ints, cols: Ints, minutes: Ints, held: Words, wanted: Words, limit: Ints) -> Ints:
    """The wanted-qualification and travel parts of the pairs' scores, in tenths (the
    preferred unit and location are added by the caller)."""
    wanted_count = _popcount(wanted)[cols]
    held_count = _popcount(wanted[cols] & held[rows])
    safe = np.maximum(wanted_count, 1)
    tenths = np.where(
        wanted_count > 0, (2 * WANTED_POINTS * held_count + safe) // (2 * safe), WANTED_POINTS
    )
    pair_limit = limit[rows]
    safe_limit = np.maximum(pair_limit, 1)
    tenths += np.where(
        pair_limit <= 0,
        TRAVEL_POINTS,
        (2 * TRAVEL_POINTS * (pair_limit - minutes) + safe_limit) // (2 * safe_limit),
    )
    return tenths.astype(np.int64)
