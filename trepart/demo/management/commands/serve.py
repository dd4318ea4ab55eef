"""``trepart serve``: migrate, build the demo if the database is empty, and serve."""

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from waitress.server import create_server  # type: ignore[import-untyped]

from trepart.demo.builder import demo_municipality
from trepart.demo.logins import logins_text
from trepart.organisation.models import Municipality


class Command(BaseCommand):
    help = (
        "Start Trepart with waitress: apply migrations, build the demo municipality if the "
        "database has none, print the address and the demo logins, and serve until Ctrl-C."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
        parser.add_argument("--threads", type=int, default=8, help="worker threads")

    def handle(self, *args: Any, host: str, port: int, threads: int, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        if not Municipality.objects.exists():
            self.stdout.write("The database is empty: building the demo municipality …")
            call_command("demo", stdout=self.stdout)
        else:
            demo = demo_municipality()
            if demo is not None:
                self.stdout.write(logins_text(demo))

        from trepart.wsgi import application

        try:
            server = create_server(
                application, host=host, port=port, threads=threads, ident="Trepart"
            )
        except OSError as error:
            raise CommandError(f"Cannot listen on {host}:{port}: {error.strerror}.") from error
        shown = f"[{host}]" if ":" in host else host
        self.stdout.write(f"Trepart is running at http://{shown}:{port}/ — press Ctrl-C to stop.")
        self.stdout.flush()
        server.run()  # returns after Ctrl-C, once waitress has closed its sockets
        self.stdout.write("Stopped.")
