"""``trepart import_absence FILE --municipality ORGNR [--replace] [--dry-run]``."""

from __future__ import annotations

from typing import Any

from trepart.analysis.services.absence import absence_import, absence_import_summary
from trepart.organisation.imports.command import CsvImportCommand
from trepart.organisation.models import Municipality


class Command(CsvImportCommand):
    help = (
        "Import sick-leave figures per unit and month or quarter from a CSV file (columns "
        "enhet;periode;avtalte_dagsverk;tapte_dagsverk_legemeldt;tapte_dagsverk_egenmeldt;"
        "ansatte). Every row is checked first; if any is wrong, nothing is written."
    )

    def add_import_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--replace", action="store_true", help="Overwrite periods already imported."
        )

    def run_import(
        self, *, municipality: Municipality, data: bytes, file_name: str, options: dict[str, Any]
    ) -> Any:
        return absence_import(
            actor=None,
            municipality=municipality,
            data=data,
            file_name=file_name,
            replace=options["replace"],
            dry_run=options["dry_run"],
        )

    def summary(self, result: Any) -> str:
        return absence_import_summary(result)
