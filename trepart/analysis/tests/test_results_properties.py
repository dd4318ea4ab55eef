"""For random answers in the database, no output reveals a group under the threshold.

Each example writes a random set of responses (units, parties and bodies drawn at random,
some left empty, some questions skipped) and reads the results by unit, party and body
through the page, the CSV, the API and the snapshot. Counted independently here: every shown
group has at least the threshold of respondents (and of answers per question shown), the
whole minus the shown groups is nothing or at least the threshold (so subtraction finds no
small group), nothing under a hidden unit is shown, and a hidden group's name appears
nowhere but in the list of groups not shown.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trepart.analysis.models import Response
from trepart.analysis.tests.results_world import ResultsWorld, build_results_world, respond
from trepart.platform.snapshots import build_snapshot

pytestmark = pytest.mark.django_db

PARTIES = ["POLITICAL", "ADMINISTRATION", "EMPLOYEE", ""]
PARTY_NAMES = {"POLITICAL": "Elected politicians", "ADMINISTRATION": "Administration"}
PARTY_NAMES["EMPLOYEE"] = "Employees"

answer_sets = st.lists(
    st.tuples(
        st.integers(0, 3),  # unit: school A, school B, the home, none
        st.integers(0, 3),  # party
        st.integers(0, 2),  # body: the tripartite body, the LMU, none
        st.lists(st.none() | st.integers(1, 5), min_size=3, max_size=3),
    ),
    min_size=4,
    max_size=30,
)


@pytest.fixture
def world() -> ResultsWorld:
    return build_results_world(builtin_key="status-i-egen-kommune", threshold=4)


def check_partition(whole: int, shown: dict[str, int], threshold: int) -> None:
    assert all(count >= threshold for count in shown.values())
    if shown:
        rest = whole - sum(shown.values())
        assert rest == 0 or rest >= threshold


def check_not_alone(answered: Counter[str], shown: set[str]) -> None:
    """Under a shown whole with shown groups, one hidden group's answers are never the whole
    minus the shown groups: another hidden group, or answers with no group, go with them."""
    if not shown:
        return
    hidden = [name for name, n in answered.items() if n and name and name not in shown]
    assert not (len(hidden) == 1 and answered[""] == 0), (answered, shown)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(answers=answer_sets)
def test_no_output_reveals_a_group_under_the_threshold(
    world: ResultsWorld, answers: list[tuple[int, int, int, list[int | None]]]
) -> None:
    Response.objects.filter(survey=world.survey).delete()
    units = [world.school_a, world.school_b, world.home, None]
    bodies = [world.body, world.lmu, None]
    for unit, party, body, values in answers:
        respond(
            world.survey,
            values=values,
            unit=units[unit],
            party=PARTIES[party],
            body=bodies[body],
            text=f"tekst {unit}{party}",
        )
    threshold = 4
    client = Client()
    client.force_login(world.reader)
    unit_names = [unit.name if unit else "" for unit in units]
    body_names = [body.name if body else "" for body in bodies]
    truth = {
        "unit": Counter(unit_names[u] for u, _p, _b, _v in answers),
        "party": Counter(PARTY_NAMES.get(PARTIES[p], "") for _u, p, _b, _v in answers),
        "body": Counter(body_names[b] for _u, _p, b, _v in answers),
    }
    truth_names = {
        "party": [PARTY_NAMES.get(party, "") for party in PARTIES],
        "body": body_names,
    }
    by_group = {
        "party": [(p, v) for _u, p, _b, v in answers],
        "body": [(b, v) for _u, _p, b, v in answers],
    }
    sectors = {world.oppvekst.name: [world.school_a.name, world.school_b.name]}
    sectors[world.helse.name] = [world.home.name]
    for by in ("unit", "party", "body"):
        counts = dict(truth[by])
        if by == "unit":
            for sector, kids in sectors.items():
                counts[sector] = sum(counts.get(kid, 0) for kid in kids)
        data = client.get(f"/api/v1/surveys/{world.survey.pk}/results?by={by}").json()
        groups = {g["key"]: g for g in data["groups"]}
        names = {g["name"] for g in data["groups"]}
        for group in data["groups"][1:]:
            assert group["respondents"] == counts[group["name"]]
        hidden = {name for name, count in counts.items() if count and name and name not in names}
        assert set(data["hidden_groups"]) <= hidden
        # The whole, and in the tree every shown sector, minus what is shown under it.
        whole = len(answers)
        if by == "unit":
            top = {g["name"]: g["respondents"] for g in data["groups"] if g["parent"] == "all"}
            check_partition(whole, top, threshold)
            for sector, kids in sectors.items():
                shown_kids = {k: counts[k] for k in kids if k in names}
                if sector in names:
                    check_partition(counts[sector], shown_kids, threshold)
                else:
                    assert not shown_kids
        else:
            check_partition(
                whole, {g["name"]: g["respondents"] for g in data["groups"][1:]}, threshold
            )
        scale_positions = [q["position"] for q in data["questions"] if q["kind"] == "SCALE"]
        for question in data["questions"]:
            cells = {cell["group"]: cell["answers"] for cell in question["results"]}
            assert set(cells) <= set(groups)
            if "all" not in cells:
                assert not cells
                continue
            assert cells["all"] >= threshold
            if by == "unit":
                tops = {k: v for k, v in cells.items() if groups[k]["parent"] == "all"}
                check_partition(cells["all"], tops, threshold)
                for key, total in cells.items():
                    if key != "all" and groups[key]["parent"] == "all":
                        under = {k: v for k, v in cells.items() if groups[k]["parent"] == key}
                        check_partition(total, under, threshold)
            else:
                check_partition(
                    cells["all"], {k: v for k, v in cells.items() if k != "all"}, threshold
                )
                # The answers to this scale question per group, counted from what was written.
                position = scale_positions.index(question["position"])
                labels = truth_names[by]
                answered = Counter(
                    labels[group]
                    for group, v in by_group[by]
                    if position < len(v) and v[position] is not None
                )
                check_not_alone(answered, {groups[k]["name"] for k in cells if k != "all"})
        # A hidden group is named only in the list of groups not shown.
        html = client.get(f"/analyse/undersokelser/{world.survey.pk}/resultater/?by={by}")
        page = html.content.decode()
        start = page.find('id="hidden-groups"')
        if start >= 0:
            page = page[:start] + page[page.find("</div>", start) :]
        export = client.get(
            f"/analyse/undersokelser/{world.survey.pk}/resultater/eksport.csv?by={by}"
        )
        rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
        snapshot: dict[str, Any] = build_snapshot(
            "survey-results", user=world.reader, params={"survey": str(world.survey.pk), "by": by}
        )
        # Notes name the hidden groups (and only name them); the figures are elsewhere.
        charts = [{k: v for k, v in c.items() if k != "notes"} for c in snapshot["charts"]]
        snapshot_text = json.dumps(
            {"tables": snapshot["tables"], "charts": charts}, ensure_ascii=False
        )
        for name in hidden:
            assert name not in page
            assert all(row[0] != name for row in rows[1:])
            assert name not in snapshot_text
        assert {row[0] for row in rows[1:]} <= names
