"""``trepart generate``: a made-up municipality at scale, for trying and benchmarking."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from trepart.demo.builder import (
    DEMO_ORGANISATION_NUMBER,
    DemoError,
    municipality_build,
    municipality_delete,
)
from trepart.demo.logins import demo_password, logins_text
from trepart.demo.meetings import BULK_COUNTS as MEETING_COUNTS
from trepart.demo.plan import PRESETS
from trepart.demo.proposals import BULK_COUNTS


class Command(BaseCommand):
    help = (
        "Generate a made-up municipality: small (40 units, 1,000 employees), medium "
        "(300 units, 10,000) or oslo (1,500 units, 50,000), with every body filled and the "
        "demo logins, 1,000, 10,000 or 100,000 proposals over three years and 200, 800 or "
        "2,000 meetings over four years. The same "
        "seed gives the same municipality."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--preset", choices=sorted(PRESETS), default="small")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument(
            "--replace",
            action="store_true",
            help=f"delete an existing municipality with organisation number "
            f"{DEMO_ORGANISATION_NUMBER} first",
        )

    def handle(self, *args: Any, preset: str, seed: int, replace: bool, **options: Any) -> None:
        if replace and municipality_delete(organisation_number=DEMO_ORGANISATION_NUMBER):
            self.stdout.write("Deleted the existing municipality.")
        try:
            result = municipality_build(
                preset=PRESETS[preset],
                seed=seed,
                password=demo_password(),
                bulk_proposals=BULK_COUNTS[preset],
                bulk_meetings=MEETING_COUNTS[preset],
                bulk_analysis=True,
            )
        except DemoError as error:
            raise CommandError(str(error)) from error
        # Fresh statistics for PostgreSQL's planner: bulk writes leave it guessing (a
        # survey's million answers aggregate twice as slowly until the tables are analysed).
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(result.summary())
        self.stdout.write(logins_text(result.municipality))
