"""``trepart import_csv units|people FILE --municipality ORGNR [--dry-run]``."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from trepart.organisation.imports.report import error_line, errors_summary, result_summary
from trepart.organisation.imports.services import IMPORTERS
from trepart.organisation.models import Municipality


class Command(BaseCommand):
    help = (
        "Import units or people from a CSV file (UTF-8, ';' or ','). Every row is checked "
        "first; if any is wrong, the problems are listed and nothing is written. See "
        "docs/import.md for the columns."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("kind", choices=sorted(IMPORTERS), help="What the file holds.")
        parser.add_argument("file", help="The CSV file, or - to read standard input.")
        parser.add_argument(
            "--municipality",
            required=True,
            metavar="ORGNR",
            help="The municipality's nine-digit organisation number.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; write nothing."
        )
        parser.add_argument(
            "--language",
            choices=["nb", "nn", "en"],
            help="Language of the report (default: the municipality's).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            municipality = Municipality.objects.get(organisation_number=options["municipality"])
        except Municipality.DoesNotExist:
            raise CommandError(
                _("No municipality has the organisation number %(number)s.")
                % {"number": options["municipality"]}
            ) from None
        data = self._read(options["file"])
        with translation.override(options["language"] or municipality.language):
            result = IMPORTERS[options["kind"]](
                actor=None, municipality=municipality, data=data, dry_run=options["dry_run"]
            )
            if result.ok:
                self.stdout.write(self.style.SUCCESS(result_summary(result)))
                return
            for error in result.errors:
                self.stderr.write(error_line(error))
            raise CommandError(errors_summary(result))

    def _read(self, path: str) -> bytes:
        if path == "-":
            return sys.stdin.buffer.read()
        try:
            with open(path, "rb") as file:
                return file.read()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(reason)s.") % {"path": path, "reason": error.strerror}
            ) from None
