"""What the CSV import commands share: the arguments, finding the municipality, reading the
file, and reporting every row's error in the municipality's language."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from trepart.organisation.imports.report import error_line
from trepart.organisation.models import Municipality


class CsvImportCommand(BaseCommand):
    """Subclasses add their own arguments in ``add_import_arguments`` and do the import in
    ``run_import``; the result needs ``ok`` and ``errors``."""

    def add_import_arguments(self, parser: Any) -> None:
        """Arguments before the file (e.g. what the file holds) or options of the import."""

    def run_import(
        self, *, municipality: Municipality, data: bytes, file_name: str, options: dict[str, Any]
    ) -> Any:
        raise NotImplementedError

    def summary(self, result: Any) -> str:
        raise NotImplementedError

    def add_arguments(self, parser: Any) -> None:
        self.add_import_arguments(parser)
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
        path = options["file"]
        data = self._read(path)
        with translation.override(options["language"] or municipality.language):
            result = self.run_import(
                municipality=municipality,
                data=data,
                file_name="" if path == "-" else Path(path).name,
                options=options,
            )
            if result.ok:
                self.stdout.write(self.style.SUCCESS(self.summary(result)))
                return
            for error in result.errors:
                self.stderr.write(error_line(error))
            count = len(result.errors)
            raise CommandError(
                ngettext(
                    "The file has %(count)s error. Nothing was imported.",
                    "The file has %(count)s errors. Nothing was imported.",
                    count,
                )
                % {"count": count}
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
