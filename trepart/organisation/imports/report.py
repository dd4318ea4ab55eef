"""Describing an import's result in words, the same on the page and in the command."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from trepart.organisation.imports.services import UNITS, ImportResult
from trepart.organisation.imports.validation import RowError


def result_summary(result: ImportResult) -> str:
    """One sentence: what was (or, in a dry run, would be) created, updated and left alone."""
    counts = {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }
    # Numbers stand alone ("created: 3"), so no plural forms are needed in any language.
    if result.dry_run:
        if result.kind == UNITS:
            text = _(
                "Checked only, nothing was imported. The units file has no errors: importing it "
                "would create %(created)s, update %(updated)s and leave %(unchanged)s unchanged."
            )
        else:
            text = _(
                "Checked only, nothing was imported. The people file has no errors: importing "
                "it would create %(created)s, update %(updated)s and leave %(unchanged)s "
                "unchanged."
            )
    elif result.kind == UNITS:
        text = _(
            "Units imported. Created: %(created)s, updated: %(updated)s, unchanged: %(unchanged)s."
        )
    else:
        text = _(
            "People imported. Created: %(created)s, updated: %(updated)s, unchanged: %(unchanged)s."
        )
    return text % counts


def errors_summary(result: ImportResult) -> str:
    count = len(result.errors)
    return ngettext(
        "The file has %(count)s error. Nothing was imported.",
        "The file has %(count)s errors. Nothing was imported.",
        count,
    ) % {"count": count}


def error_line(error: RowError) -> str:
    """An error as one line of text, for the command's output."""
    if error.column:
        return _("Line %(line)s, column %(column)s: %(message)s") % {
            "line": error.line,
            "column": error.column,
            "message": error.message,
        }
    return _("Line %(line)s: %(message)s") % {"line": error.line, "message": error.message}
