"""``trepart import_absence FILE --municipality ORGNR [--replace] [--dry-run]``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from trepart.analysis.services.absence import absence_import, absence_import_summary
from trepart.organisation.imports.report import error_line
from trepart.organisation.models import Municipality


class Command(BaseCommand):
    help = (
        "Import sick-leave figures per unit and month or quarter from a CSV file (columns "
        "enhet;periode;avtalte_dagsverk;tapte_dagsverk_legemeldt;tapte_dagsverk_egenmeldt;"
        "ansatte). Every row is checked first; if any is wrong, nothing is written."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="The CSV file, or - to read standard input.")
        parser.add_argument(
            "--municipality",
            required=True,
            metavar="ORGNR",
            help="The municipality's nine-digit organisation number.",
        )
        parser.add_argument(
            "--replace", action="store_true", help="Overwrite periods already imported."
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
        path = options["file"]
        data = self._read(path)
        with translation.override(options["language"] or municipality.language):
            result = absence_import(
                actor=None,
                municipality=municipality,
                data=data,
                file_name="" if path == "-" else Path(path).name,
                replace=options["replace"],
                dry_run=options["dry_run"],
            )
            if result.ok:
                self.stdout.write(self.style.SUCCESS(absence_import_summary(result)))
                return
            for error in result.errors:
                self.stderr.write(error_line(error))
            raise CommandError(
                ngettext(
                    "The file has %(count)s error. Nothing was imported.",
                    "The file has %(count)s errors. Nothing was imported.",
                    len(result.errors),
                )
                % {"count": len(result.errors)}
            )

    def _read(self, path: str) -> bytes:
        if path == "-":
            return sys.stdin.buffer.read()
        try:
            return Path(path).read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(reason)s.") % {"path": path, "reason": error.strerror}
            ) from None
