"""The matching against a brute force over every matching of small instances (hypothesis):
as many placed as possible, the best set by the selection order, then the highest total
score; unsuitable pairs never used, no suitable pair left with both sides free; and every
explanation true. The sparse solver for large components is held to the same answers."""

from __future__ import annotations

from hypothesis import given, settings

from trepart.redeployment.matching import match, selection_groups
from trepart.redeployment.tests.matching_cases import (
    best_quality,
    instances,
    matchings,
    quality,
    suitable_scores,
)


def _chosen(case, matching) -> dict[int, int]:
    candidates, vacancies = case[0], case[1]
    row = {c.key: n for n, c in enumerate(candidates)}
    col = {v.key: n for n, v in enumerate(vacancies)}
    return {row[p.candidate]: col[p.vacancy] for p in matching.pairs}


def _check(case, dense_limit: int) -> None:
    matching = match(*case, dense_limit=dense_limit)
    scores = suitable_scores(case)
    chosen = _chosen(case, matching)
    # Unsuitable pairs are never assigned, and a vacancy goes to one person.
    assert all(pair in scores for pair in chosen.items())
    assert len(set(chosen.values())) == len(chosen)
    # No suitable pair left unused with both sides free.
    taken = set(chosen.values())
    assert not [pair for pair in scores if pair[0] not in chosen and pair[1] not in taken]
    # As many as possible, the best set by the selection order, then the score.
    assert quality(case, chosen, scores) == best_quality(case)
    for pair in matching.pairs:
        assert pair.score * 10 == scores[(_row(case, pair.candidate), _col(case, pair.vacancy))]
    placed = {p.candidate for p in matching.pairs}
    assert {key for key, _r in matching.unplaced} == {c.key for c in case[0]} - placed


def _row(case, key: str) -> int:
    return next(n for n, c in enumerate(case[0]) if c.key == key)


def _col(case, key: str) -> int:
    return next(n for n, v in enumerate(case[1]) if v.key == key)


@settings(max_examples=300, deadline=None)
@given(instances())
def test_the_matching_is_the_brute_force_best(case):
    _check(case, dense_limit=10**9)


@settings(max_examples=150, deadline=None)
@given(instances())
def test_the_sparse_solver_gives_the_same_best(case):
    _check(case, dense_limit=0)


@settings(max_examples=200, deadline=None)
@given(instances(most=5))
def test_every_explanation_is_true(case):
    matching = match(*case)
    scores = suitable_scores(case)
    chosen = _chosen(case, matching)
    holder = {col: row for row, col in chosen.items()}
    groups = selection_groups(case[0], case[2])
    ours = quality(case, chosen, scores)
    for pair in matching.pairs:
        row, col = _row(case, pair.candidate), _col(case, pair.vacancy)
        explanation = pair.explanation
        others = [c for (r, c) in scores if r == row and c != col]
        if explanation.next_best is None:
            assert not others and explanation.why_not is None
            continue
        best = _col(case, explanation.next_best)
        assert scores[(row, best)] == max(scores[(row, c)] for c in others)
        assert explanation.why_not is not None
        code, params = explanation.why_not.code, explanation.why_not.params
        mine, theirs = scores[(row, col)], scores[(row, best)]
        if code == "lower_score":
            assert theirs < mine
            continue
        if code == "equal_score":
            assert theirs == mine and best not in holder
            continue
        other = holder[best]
        assert params["other"] == case[0][other].key
        if code in ("taken_by_senior", "taken_by_social_priority"):
            assert groups[other] < groups[row]
            continue
        assert groups[other] >= groups[row]
        forced = [
            quality(case, m, scores)
            for m in matchings(len(case[0]), scores)
            if m.get(row) == best and set(chosen) <= set(m)
        ]
        if code == "would_leave_someone_unplaced":
            assert not forced
        else:
            assert code in ("lower_total_score", "equal_total_score")
            assert forced and max(forced) <= ours
            if "loss" in params:
                assert params["loss"] >= 0 and (params["loss"] == 0) == (
                    code == "equal_total_score"
                )
    for key, reasons in matching.unplaced:
        row = _row(case, key)
        suiting = [c for (r, c) in scores if r == row]
        if reasons[0].code == "no_suitable_vacancy":
            assert not suiting
        else:
            assert reasons[0].code == "suitable_vacancies_taken"
            assert suiting and all(c in holder for c in suiting)
            ahead = sum(1 for c in suiting if groups[holder[c]] < groups[row])
            assert reasons[0].params == {"vacancies": len(suiting), "by_higher_rank": ahead}
