"""Plain-language explanations of a stored plan (``Solution.as_json()``): why each task got
its level, and what blocks a target, in the user's language through gettext.

They read only the stored dictionaries, so a plan frozen on an agenda item explains itself
the same way years later."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from trepart.platform.formatting import number


def _kroner(value: float) -> str:
    return number(abs(value), 0)


def _points(value: float) -> str:
    """Quality points as a whole number when whole, else with one decimal."""
    value = abs(value)
    return number(value, 0 if float(value).is_integer() else 1)


def _ftes(value: float) -> str:
    value = abs(value)
    return number(value, 0 if float(value).is_integer() else 1)


def _level(kind: str) -> str:
    names = {
        "REMOVE": _("remove"),
        "LOWER": _("lower"),
        "KEEP": _("keep"),
        "RAISE": _("raise"),
    }
    return names.get(kind, kind)


def _names(blocker: Mapping[str, Any]) -> str:
    return ", ".join(str(name) for name in blocker.get("names", []))


def explain_choice(choice: Mapping[str, Any]) -> str:
    """Why the plan gives this task its level: "Brøyting senkes fordi …: sparer 420 000 kr
    for 3 kvalitetspoeng"."""
    name, kind = str(choice["name"]), str(choice["kind"])
    saving, lost = float(choice["saving"]), float(choice["quality_lost"])
    figures = {
        "name": name,
        "saving": _kroner(saving),
        "points": _points(lost),
        "level": _level(kind),
    }
    count = round(abs(lost)) or 0
    if choice.get("locked"):
        text = _("%(name)s stays at the level “%(level)s” because the group locked it") % figures
    elif kind == "REMOVE":
        text = (
            ngettext(
                "%(name)s is removed because the saving is worth the quality it costs: "
                "saves %(saving)s kr for %(points)s quality point",
                "%(name)s is removed because the saving is worth the quality it costs: "
                "saves %(saving)s kr for %(points)s quality points",
                count,
            )
            % figures
        )
    elif kind == "LOWER":
        text = (
            ngettext(
                "%(name)s is lowered because the saving is worth the quality it costs: "
                "saves %(saving)s kr for %(points)s quality point",
                "%(name)s is lowered because the saving is worth the quality it costs: "
                "saves %(saving)s kr for %(points)s quality points",
                count,
            )
            % figures
        )
    elif kind == "RAISE":
        text = (
            ngettext(
                "%(name)s is raised because the quality gained is worth what it costs: "
                "%(points)s quality point more for %(saving)s kr",
                "%(name)s is raised because the quality gained is worth what it costs: "
                "%(points)s quality points more for %(saving)s kr",
                count,
            )
            % figures
        )
    else:
        text = (
            _(
                "%(name)s is kept as today because no other level saves enough to be "
                "worth the quality it would cost"
            )
            % figures
        )
    if choice.get("minimum") and choice["minimum"] == kind and kind != "RAISE":
        text += ". " + _("The law allows no lower level") % figures
    return text + "."


def explain_blocker(blocker: Mapping[str, Any]) -> str:
    """What keeps a plan from its target, and by how much."""
    constraint = blocker.get("constraint")
    if constraint == "target":
        return _(
            "The target of %(needed)s kr is more than the tasks can give: at most "
            "%(possible)s kr, %(short_by)s kr short. The plan shows the largest possible saving."
        ) % {
            "needed": _kroner(blocker["needed"]),
            "possible": _kroner(blocker["possible"]),
            "short_by": _kroner(blocker["short_by"]),
        }
    if constraint == "fte":
        text = _(
            "The target needs at least %(needed)s fewer FTEs, but natural attrition allows "
            "%(possible)s: %(short_by)s FTEs more would become redundant."
        ) % {
            "needed": _ftes(blocker["needed"]),
            "possible": _ftes(blocker["possible"]),
            "short_by": _ftes(blocker["short_by"]),
        }
        if blocker.get("best_saving") is not None:
            text += " " + _("Within natural attrition the largest saving is %(best)s kr.") % {
                "best": _kroner(blocker["best_saving"])
            }
        else:
            text += " " + _("No plan stays within natural attrition.")
        return text
    if constraint in ("statutory", "locks"):
        return _explain_rule(blocker)
    return _("The plan is blocked.")


def _explain_rule(blocker: Mapping[str, Any]) -> str:
    statutory = blocker["constraint"] == "statutory"
    names = _names(blocker)
    if blocker.get("conflict"):
        if statutory:
            return _("Locked below the level the law allows: %(names)s.") % {"names": names}
        return _("Locked at a level the task does not have: %(names)s.") % {"names": names}
    if blocker.get("unit") == "FTE":
        figures = {"cost": _ftes(blocker.get("cost", 0)), "names": names}
        text = (
            _(
                "The statutory minimums add %(cost)s FTEs"
                " to the reduction the target needs (%(names)s)."
            )
            if statutory
            else _(
                "The locked levels add %(cost)s FTEs to the reduction the target needs (%(names)s)."
            )
        ) % figures
    else:
        figures = {"cost": _kroner(blocker.get("cost", 0)), "names": names}
        text = (
            _("The statutory minimums hold back %(cost)s kr of possible savings (%(names)s).")
            if statutory
            else _("The locked levels hold back %(cost)s kr of possible savings (%(names)s).")
        ) % figures
    if blocker.get("enough"):
        text += " " + (
            _("Without them the target could be reached.")
            if statutory
            else _("Without the locks the target could be reached.")
        )
    return text


def explain(result: Mapping[str, Any]) -> list[str]:
    """The blockers first, then one sentence per task that changes (kept tasks are left
    out unless locked)."""
    lines = [explain_blocker(blocker) for blocker in result.get("blockers", [])]
    for choice in result.get("choices", []):
        if choice["kind"] != "KEEP" or choice.get("locked"):
            lines.append(explain_choice(choice))
    return lines
