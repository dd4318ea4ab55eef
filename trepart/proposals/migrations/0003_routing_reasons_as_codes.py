"""Routing reasons in a proposal's history: from the text written in the submitter's language
to a code and its values, shown in each reader's language."""

import re

from django.db import migrations

from trepart.proposals.routing.match import DEFAULT_RULES

BUILT_IN = {str(rule["note"]) for rule in DEFAULT_RULES}
# The sentences earlier versions stored, in each catalogue's wording.
PATTERNS = [
    (re.compile(r"^(?:Routing rule|Rutingsregel) (\d+)\.$"), "rule"),
    (
        re.compile(
            r"^(.+) (?:has no LMU, so the proposal goes on"
            r"|har ikke noe LMU, så forslaget sendes videre"
            r"|har ikkje noko LMU, så forslaget blir sendt vidare)\.$"
        ),
        "no_lmu",
    ),
    (
        re.compile(
            r"^(?:No routing rule matched; the proposal goes to"
            r"|Ingen rutingsregel passet, så forslaget går til"
            r"|Ingen rutingsregel passa, så forslaget går til) (.+)\.$"
        ),
        "no_rule",
    ),
]


def _why(reason: str) -> dict | None:
    if reason in BUILT_IN:
        return {"code": "rule", "note": reason}
    for pattern, code in PATTERNS:
        match = pattern.match(reason)
        if match is None:
            continue
        value = match.group(1)
        if code == "rule":
            return {"code": "rule", "note": "", "priority": int(value)}
        return {"code": code, "unit" if code == "no_lmu" else "body": value}
    return None


def forwards(apps, schema_editor):
    Event = apps.get_model("proposals", "Event")
    changed = []
    for event in Event.objects.filter(kind="ROUTED").exclude(reason="").iterator():
        why = _why(event.reason)
        if why is None:
            continue  # a municipality's own note: shown as written
        event.data = {**(event.data or {}), "why": why}
        event.reason = ""
        changed.append(event)
    Event.objects.bulk_update(changed, ["data", "reason"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("proposals", "0002_search_indexes")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
