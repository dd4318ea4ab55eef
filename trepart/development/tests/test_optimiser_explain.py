"""Plain-language explanations of a stored plan, in Norwegian."""

from __future__ import annotations

from django.utils import translation

from trepart.development.optimiser import Item, Option, Problem, solve
from trepart.development.optimiser.explain import explain, explain_blocker, explain_choice

NBSP = "\u00a0"


def test_lowered_task_explained_with_saving_and_quality_points():
    choice = {
        "key": "12",
        "name": "Brøyting",
        "kind": "LOWER",
        "saving": 420_000,
        "fte_change": -0.5,
        "quality_lost": 3.0,
        "locked": False,
        "minimum": "",
    }
    with translation.override("nb"):
        text = explain_choice(choice)
    assert text.startswith("Brøyting senkes fordi")
    assert f"sparer 420{NBSP}000 kr for 3 kvalitetspoeng" in text


def test_removed_raised_kept_and_locked_tasks_in_norwegian():
    base = {"key": "1", "name": "Feiing", "fte_change": 0.0, "locked": False, "minimum": ""}
    with translation.override("nb"):
        removed = explain_choice({**base, "kind": "REMOVE", "saving": 90_000, "quality_lost": 1.5})
        raised = explain_choice({**base, "kind": "RAISE", "saving": -50_000, "quality_lost": -4.0})
        kept = explain_choice(
            {**base, "kind": "KEEP", "saving": 0, "quality_lost": 0.0, "minimum": "KEEP"}
        )
        locked = explain_choice(
            {**base, "kind": "LOWER", "saving": 1, "quality_lost": 1, "locked": True}
        )
    assert removed.startswith("Feiing fjernes fordi") and "1,5 kvalitetspoeng" in removed
    assert raised.startswith("Feiing heves fordi") and f"50{NBSP}000 kr" in raised
    assert kept.startswith("Feiing beholdes som i dag") and "Loven tillater ikke" in kept
    assert "låst" in locked and "«senke»" in locked


def test_blockers_say_what_blocks_and_by_how_much():
    with translation.override("nb"):
        target = explain_blocker(
            {
                "constraint": "target",
                "needed": 5_000_000,
                "possible": 3_400_000,
                "short_by": 1_600_000,
            }
        )
        fte = explain_blocker(
            {
                "constraint": "fte",
                "needed": 1.5,
                "possible": 1.0,
                "short_by": 0.5,
                "best_saving": 1_000_000,
            }
        )
        statutory = explain_blocker(
            {
                "constraint": "statutory",
                "needed": 3,
                "possible": 1,
                "short_by": 2,
                "cost": 1_400_000,
                "unit": "NOK",
                "enough": True,
                "keys": ["2"],
                "names": ["Skoleskyss"],
            }
        )
    assert f"5{NBSP}000{NBSP}000 kr" in target and f"1{NBSP}600{NBSP}000 kr for lite" in target
    assert "1,5 færre årsverk" in fte and "0,5 årsverk" in fte and f"1{NBSP}000{NBSP}000 kr" in fte
    assert "lovpålagte minimumsnivåene" in statutory and "Skoleskyss" in statutory
    assert "Uten dem kunne målet nås" in statutory


def test_explain_a_solved_plan_lists_blockers_then_changed_tasks():
    items = (
        Item(
            "1",
            "Brøyting",
            (Option("KEEP", 1_000_000, 1.0, 6), Option("LOWER", 580_000, 0.5, 3)),
            1.0,
        ),
        Item("2", "Feiing", (Option("KEEP", 300_000, 0.3, 5), Option("REMOVE", 0, 0.0, 0)), 1.0),
    )
    result = solve(Problem(items, target=2_000_000, fte_limit=None)).as_json()
    with translation.override("nb"):
        lines = explain(result)
    assert lines[0].startswith("Målet på")
    assert lines[1].startswith("Brøyting senkes") and lines[2].startswith("Feiing fjernes")


def test_fte_blocker_from_a_lock_explained_in_fte_and_nynorsk():
    items = (
        Item(
            "1",
            "Brøyting",
            (Option("KEEP", 1_000_000, 1.0, 6), Option("REMOVE", 0, 0.0, 0)),
            1.0,
            locked="REMOVE",
        ),
        Item(
            "2", "Feiing", (Option("KEEP", 300_000, 0.3, 5), Option("LOWER", 200_000, 0.2, 4)), 1.0
        ),
    )
    result = solve(Problem(items, target=0, fte_limit=0.5)).as_json()
    assert result["status"] == "fte_blocked"
    with translation.override("nb"):
        lines = explain(result)
    assert lines[0].startswith("Målet krever minst 1 færre årsverk")
    assert lines[0].endswith("Ingen plan holder seg innenfor naturlig avgang.")
    assert "De låste nivåene legger 1 årsverk til" in lines[1] and "Brøyting" in lines[1]
    assert lines[1].endswith("Uten låsene kunne målet nås.")
    with translation.override("nn"):
        assert explain(result)[0].startswith("Målet krev minst 1 færre årsverk")
