"""The matching's reasons in words, in the reader's language: why this vacancy, why not the
next-best one, why someone was left without one, and why a pair is not suitable.

The engine gives codes with parameters (``matching`` has no text); this is the one module
that turns them into sentences. A code it does not know is shown as the code itself, so a
new reason is never hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Names:
    """What the keys in the reasons stand for: people and vacancies by key, units by pk,
    locations and qualifications by code."""

    people: Mapping[str, str] = field(default_factory=dict)
    vacancies: Mapping[str, str] = field(default_factory=dict)
    units: Mapping[str, str] = field(default_factory=dict)
    locations: Mapping[str, str] = field(default_factory=dict)
    qualifications: Mapping[str, str] = field(default_factory=dict)


def _points(value: Any) -> str:
    return number_format(float(value or 0), decimal_pos=1)


def _kroner(value: Any) -> str:
    return number_format(int(value or 0), force_grouping=True)


def _quals(codes: Any, names: Names) -> str:
    return ", ".join(names.qualifications.get(code, code) for code in codes or [])


def _person(params: Mapping[str, Any], names: Names) -> str:
    key = str(params.get("other", ""))
    return names.people.get(key, _("another person"))


Text = Callable[[Mapping[str, Any], Names], str]

TEXTS: dict[str, Text] = {
    # Why this vacancy: what adds to its score.
    "wanted_qualification": lambda p, n: (
        _("Holds the wanted qualifications: %(held)s.") % {"held": _quals(p.get("held"), n)}
    ),
    "preferred_unit": lambda p, n: (
        _("It is at a unit the person prefers (%(unit)s).")
        % {"unit": n.units.get(str(p.get("unit")), str(p.get("unit")))}
    ),
    "preferred_location": lambda p, n: (
        _("It is at a location the person prefers (%(place)s).")
        % {"place": n.locations.get(str(p.get("location")), str(p.get("location")))}
    ),
    "shorter_travel": lambda p, n: (
        _("The travel is %(minutes)s minutes, within the limit of %(limit)s.")
        % {"minutes": p.get("minutes"), "limit": p.get("limit")}
    ),
    # Why not the next-best vacancy.
    "lower_score": lambda p, n: (
        _("It scores %(score)s points for the person, against %(chosen)s for this one.")
        % {"score": _points(p.get("score")), "chosen": _points(p.get("chosen"))}
    ),
    "equal_score": lambda p, n: (
        _("It scores the same (%(score)s points): either could have been offered.")
        % {"score": _points(p.get("score"))}
    ),
    "taken_by_senior": lambda p, n: (
        _("It is proposed for %(other)s, who comes first by seniority.") % {"other": _person(p, n)}
    ),
    "taken_by_social_priority": lambda p, n: (
        _("It is proposed for %(other)s, who comes first by the agreed social grounds.")
        % {"other": _person(p, n)}
    ),
    "lower_total_score": lambda p, n: (
        _(
            "It is proposed for %(other)s: moving them would make the proposal as a whole fit "
            "less well."
        )
        % {"other": _person(p, n)}
    ),
    "equal_total_score": lambda p, n: (
        _(
            "It is proposed for %(other)s: the proposal as a whole would fit equally well either "
            "way."
        )
        % {"other": _person(p, n)}
    ),
    "would_leave_someone_unplaced": lambda p, n: (
        _(
            "It is proposed for %(other)s, and giving it to this person would leave someone "
            "without a vacancy."
        )
        % {"other": _person(p, n)}
    ),
    # A combined offer (§ 14-3).
    "combined_positions": lambda p, n: (
        _(
            "Together the positions make %(percent)s %%, up from %(current)s %% and within "
            "the wish of %(wanted)s %%."
        )
        % {"percent": p.get("percent"), "current": p.get("current"), "wanted": p.get("wanted")}
    ),
    "travel_between_parts": lambda p, n: (
        _("The workplaces are at most %(minutes)s minutes apart (limit %(limit)s).")
        % {"minutes": p.get("minutes"), "limit": p.get("limit")}
    ),
    # Why someone got no vacancy.
    "no_suitable_vacancy": lambda p, n: _("No open vacancy is suitable for the person."),
    "suitable_vacancies_taken": lambda p, n: (
        ngettext(
            "%(count)d vacancy is suitable, but it is proposed for someone else.",
            "%(count)d vacancies are suitable, but they are proposed for others.",
            int(p.get("vacancies") or 0),
        )
        % {"count": int(p.get("vacancies") or 0)}
    ),
    # Why a pair is not suitable.
    "excluded": lambda p, n: (
        _("Excluded by the stillingsbank: %(reason)s") % {"reason": p.get("reason", "")}
    ),
    "missing_qualification": lambda p, n: (
        _("Lacks a required qualification: %(missing)s.") % {"missing": _quals(p.get("missing"), n)}
    ),
    "percent_out_of_tolerance": lambda p, n: (
        _(
            "The position is %(percent)s %%, the person's is %(current)s %% "
            "(tolerance %(tolerance)s)."
        )
        % {
            "percent": p.get("percent"),
            "current": p.get("current"),
            "tolerance": p.get("tolerance"),
        }
    ),
    "percent_not_larger": lambda p, n: (
        _("The position (%(percent)s %%) is not larger than the present one (%(current)s %%).")
        % {"percent": p.get("percent"), "current": p.get("current")}
    ),
    "percent_above_wish": lambda p, n: (
        _("The position (%(percent)s %%) is larger than the wish (%(wanted)s %%).")
        % {"percent": p.get("percent"), "wanted": p.get("wanted")}
    ),
    "wage_lower": lambda p, n: (
        _("The wage band tops at %(top)s kroner, below the present wage of %(wage)s.")
        % {"top": _kroner(p.get("wage_max")), "wage": _kroner(p.get("wage_level"))}
    ),
    "travel_unknown": lambda p, n: _("The travel time between the two locations is not known."),
    "travel_too_long": lambda p, n: (
        _("The travel is %(minutes)s minutes, longer than the limit of %(limit)s.")
        % {"minutes": p.get("minutes"), "limit": p.get("limit")}
    ),
}


def reason_text(code: str | None, params: Mapping[str, Any] | None, names: Names) -> str:
    """One reason in words (the code itself for a reason this module does not know)."""
    if not code:
        return ""
    text = TEXTS.get(code)
    if text is None:
        return code
    return text(params or {}, names)


@dataclass(frozen=True)
class PairText:
    why: list[str]
    next_best: str | None  # the next-best vacancy's title
    why_not: str
    combined: bool = False


def pair_text(explanation: Mapping[str, Any], names: Names) -> PairText:
    """A stored pair's explanation (``ProposedPair.explanation``) in words."""
    combined = explanation.get("combined")
    if combined:
        reasons = combined.get("reasons", [])
        return PairText(
            why=[reason_text(r.get("code"), r.get("params"), names) for r in reasons],
            next_best=None,
            why_not="",
            combined=True,
        )
    why = [reason_text(r.get("code"), r.get("params"), names) for r in explanation.get("why", [])]
    if not why:
        why = [_("The vacancy is suitable by every agreed rule.")]
    key = explanation.get("next_best")
    return PairText(
        why=why,
        next_best=names.vacancies.get(str(key), str(key)) if key else None,
        why_not=reason_text(explanation.get("why_not"), explanation.get("why_not_params"), names),
    )
