"""The matching's bench step and its synthetic instances: seeded, realistic in size and
density, compared once with the plain solver (which must find the same optimum), and a
proposal that stores as JSON."""

from __future__ import annotations

import json

from trepart.redeployment.bench_matching import MatchingStep, matching_steps
from trepart.redeployment.matching import match
from trepart.redeployment.matching.baselines import dense_weights, plain_assignment
from trepart.redeployment.matching.synthetic import instance
from trepart.redeployment.matching.table import build_table


def test_the_synthetic_instance_is_seeded_and_a_few_pairs_in_a_hundred_suit():
    first, again = instance(400, 400, seed=3), instance(400, 400, seed=3)
    assert first == again
    table = build_table(
        first.candidates, first.vacancies, first.rules, first.travel, first.exclusions
    )
    density = len(table.rows) / 400**2
    assert 0.01 < density < 0.08
    codes = {code for c in first.candidates for code in c.qualifications}
    assert len(codes) == 40
    assert {v.percent % 10 for v in first.vacancies} == {0}
    assert any(c.wanted_percent for c in first.candidates)


def test_the_matching_finds_the_plain_solvers_optimum():
    problem = instance(300, 250, seed=4)
    args = (problem.candidates, problem.vacancies, problem.rules, problem.travel)
    ours = match(*args, problem.exclusions)
    table = build_table(*args, problem.exclusions)
    matrix = dense_weights(table)
    rows = {c.key: n for n, c in enumerate(problem.candidates)}
    cols = {v.key: n for n, v in enumerate(problem.vacancies)}
    plain = plain_assignment(matrix)
    assert len(ours.pairs) == len(plain)
    assert sum(matrix[rows[p.candidate], cols[p.vacancy]] for p in ours.pairs) == sum(
        matrix[r, c] for r, c in plain
    )
    # The sparse solver for large components gives the same.
    sparse = match(*args, problem.exclusions, dense_limit=0)
    assert sum(matrix[rows[p.candidate], cols[p.vacancy]] for p in sparse.pairs) == sum(
        matrix[r, c] for r, c in plain
    )


def test_the_proposal_stores_as_json_with_every_pair_explained():
    problem = instance(120, 100, seed=5)
    matching = match(
        problem.candidates,
        problem.vacancies,
        problem.rules,
        problem.travel,
        problem.exclusions,
        combine=True,
    )
    stored = json.loads(json.dumps(matching.as_json()))
    assert stored["placed"] == len(matching.pairs) > 0
    assert stored["rules"]["selection"] == "SENIORITY"
    assert all("next_best" in pair["explanation"] for pair in stored["pairs"])
    assert len(stored["pairs"]) + len(stored["unplaced"]) == 120


def test_the_step_compares_once_then_only_matches():
    (step,) = matching_steps(size=80)
    assert step.name == "Stillingsbank matching: 80 people x 80 vacancies, with explanations"
    assert isinstance(step.run, MatchingStep)
    note = step.run().bench_note
    assert "plain linear_sum_assignment on the dense matrix" in note
    assert "x ours" in note and "the same optimum" in note
    problem = step.run.problem
    assert step.run().bench_note == note and step.run.problem is problem
