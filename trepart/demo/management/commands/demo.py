"""``trepart demo``: build the demo municipality with its logins, once."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from trepart.demo.builder import DEMO_SEED, DemoError, demo_build, demo_municipality
from trepart.demo.logins import logins_text


class Command(BaseCommand):
    help = (
        "Build the demo municipality (about 40 units and 1,000 employees, with bodies, "
        "members and nine demo logins) and print the logins. Does nothing but print them "
        "if it exists already."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=DEMO_SEED, help="random seed")

    def handle(self, *args: Any, seed: int, **options: Any) -> None:
        municipality = demo_municipality()
        if municipality is None:
            try:
                result = demo_build(seed=seed)
            except DemoError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(result.summary())
            municipality = result.municipality
        else:
            self.stdout.write(f"The demo municipality {municipality} exists; nothing changed.")
        self.stdout.write(logins_text(municipality))
