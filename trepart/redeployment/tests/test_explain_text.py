"""The matching's reason codes in words: every code the engine gives has a sentence with
its parameters filled in, names are used where the keys are known, an unknown code is
shown as itself."""

from __future__ import annotations

import pytest
from django.utils import translation

from trepart.redeployment.explain_text import TEXTS, Names, pair_text, reason_text

PARAMS = {
    "held": ["PED"],
    "wanted": 80,
    "unit": "7",
    "location": "GRU",
    "minutes": 20,
    "limit": 45,
    "score": 55.0,
    "chosen": 62.5,
    "other": "3",
    "loss": 1.5,
    "vacancies": 2,
    "by_higher_rank": 1,
    "counts": {},
    "reason": "Avtalt i møtet",
    "missing": ["FAG"],
    "percent": 100,
    "current": 80,
    "tolerance": 10,
    "wage_max": 500_000,
    "wage_level": 520_000,
    "from": "HAR",
    "to": "ROA",
    "parts": [],
}
NAMES = Names(
    people={"3": "Anne Aas"},
    vacancies={"9": "Nattevakt"},
    units={"7": "Harestua skole"},
    locations={"GRU": "Grua"},
    qualifications={"PED": "Barnehagelærer", "FAG": "Fagbrev"},
)


@pytest.mark.parametrize("language", ["en", "nb", "nn"])
def test_every_code_reads_as_a_sentence_in_every_language(language: str) -> None:
    with translation.override(language):
        for code in TEXTS:
            text = reason_text(code, PARAMS, NAMES)
            assert text and "%(" not in text and code not in text, (code, text)


def test_names_stand_in_for_keys_and_unknown_codes_show_themselves() -> None:
    with translation.override("en"):
        assert "Harestua skole" in reason_text("preferred_unit", {"unit": "7"}, NAMES)
        assert "Anne Aas" in reason_text("taken_by_senior", {"other": "3"}, NAMES)
        assert "Barnehagelærer" in reason_text("wanted_qualification", {"held": ["PED"]}, NAMES)
        assert reason_text("a_new_reason", {}, NAMES) == "a_new_reason"
        text = pair_text(
            {
                "why": [],
                "next_best": "9",
                "why_not": "lower_score",
                "why_not_params": {"score": 40, "chosen": 60},
            },
            NAMES,
        )
        assert text.next_best == "Nattevakt"
        assert text.why == ["The vacancy is suitable by every agreed rule."]
        assert "40.0" in text.why_not and "60.0" in text.why_not
