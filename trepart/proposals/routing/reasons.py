"""Why a proposal went where it did, in the reader's language.

A routing reason is stored on the ROUTED event as a code and its values (``Event.data
["why"]``) and worded when read, so the history reads in each reader's language rather
than the one the proposal was sent in.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

# The notes of the default routing rules (routing.match.DEFAULT_RULES), stored as bokmål
# text since a municipality edits its own; read in another language, a note still equal to
# the seed is shown in that language. They live here, not in routing.match, because the
# model that words a stored reason (Event.shown_reason) cannot import routing.match, which
# imports the models.
NOTE_MONEY = (
    "Forslag som krever økonomisk tilskudd behandles i partssammensatt utvalg "
    "med innstilling fra koordineringsgruppa."
)
NOTE_CITIZEN = "Forslag fra innbyggere behandles i koordineringsgruppa."
NOTE_SEVERAL_UNITS = "Forslag som berører flere arbeidsplasser behandles av koordineringsgruppa."
NOTE_ONE_UNIT = "Forslag som berører én arbeidsplass behandles i arbeidsplassens LMU."
NOTE_OTHERWISE = "Alt annet går til koordineringsgruppa."
NOTE_SERVICE_USERS = "Når brukere av tjenesten berøres, trekkes brukerrepresentanter med."

BUILT_IN_NOTES = {
    NOTE_MONEY: _(
        "Proposals that need a financial grant are handled by the tripartite body, with a "
        "recommendation from the coordination group."
    ),
    NOTE_CITIZEN: _("Proposals from citizens are handled by the coordination group."),
    NOTE_SEVERAL_UNITS: _(
        "Proposals that concern several workplaces are handled by the coordination group."
    ),
    NOTE_ONE_UNIT: _("Proposals that concern one workplace are handled by the workplace's LMU."),
    NOTE_OTHERWISE: _("Everything else goes to the coordination group."),
    NOTE_SERVICE_USERS: _(
        "When users of the service are affected, user representatives are brought in."
    ),
}


def note_shown(note: str) -> str:
    """A routing rule's note in the reader's language if it is a built-in one, else as written."""
    return str(BUILT_IN_NOTES.get(note, note))


def routing_reason_text(why: dict[str, Any]) -> str:
    """Why a proposal went where it did, from the code and values stored with the event,
    in the reader's language (the history is read in other languages than it was written)."""
    code = why.get("code")
    if code == "rule":
        note = str(why.get("note") or "")
        if note:
            return note_shown(note)
        return str(_("Routing rule %(number)d.") % {"number": int(why.get("priority") or 0)})
    if code == "no_lmu":
        return str(
            _("%(unit)s has no LMU, so the proposal goes on.") % {"unit": why.get("unit", "")}
        )
    if code == "no_rule":
        return str(
            _("No routing rule matched; the proposal goes to %(body)s.")
            % {"body": why.get("body", "")}
        )
    return str(why.get("text", ""))
