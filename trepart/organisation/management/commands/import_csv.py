"""``trepart import_csv units|people FILE --municipality ORGNR [--dry-run]``."""

from __future__ import annotations

from typing import Any

from trepart.organisation.imports.command import CsvImportCommand
from trepart.organisation.imports.report import result_summary
from trepart.organisation.imports.services import IMPORTERS
from trepart.organisation.models import Municipality


class Command(CsvImportCommand):
    help = (
        "Import units or people from a CSV file (UTF-8, ';' or ','). Every row is checked "
        "first; if any is wrong, the problems are listed and nothing is written. See "
        "docs/import.md for the columns."
    )

    def add_import_arguments(self, parser: Any) -> None:
        parser.add_argument("kind", choices=sorted(IMPORTERS), help="What the file holds.")

    def run_import(
        self, *, municipality: Municipality, data: bytes, file_name: str, options: dict[str, Any]
    ) -> Any:
        return IMPORTERS[options["kind"]](
            actor=None, municipality=municipality, data=data, dry_run=options["dry_run"]
        )

    def summary(self, result: Any) -> str:
        return result_summary(result)
