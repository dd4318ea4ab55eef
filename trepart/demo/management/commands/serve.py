"""``trepart serve``: migrate, build the demo if the database is empty, and serve.

The ``trepart`` command has already set the address links point to (``TREPART_BASE_URL``,
from ``--host`` and ``--port`` unless it was given) and, unless ``EMAIL_URL`` was given,
sent e-mail to files, before Django read its settings (``trepart/cli.py``).
"""

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from waitress.server import create_server  # type: ignore[import-untyped]

from trepart.cli import DEFAULT_HOST, DEFAULT_PORT
from trepart.demo.builder import demo_municipality
from trepart.demo.logins import logins_text
from trepart.organisation.models import Municipality
from trepart.wsgi import application


def mail_text() -> str:
    """Where e-mail goes, when it is not sent."""
    backend = settings.EMAIL_BACKEND
    if backend == "django.core.mail.backends.filebased.EmailBackend":
        folder = getattr(settings, "EMAIL_FILE_PATH", "")
        return (
            f"E-mail is not sent: each message is written to a file in {folder}"
            " (set EMAIL_URL to send it)."
        )
    if backend == "django.core.mail.backends.console.EmailBackend":
        return "E-mail is not sent: it is printed here (set EMAIL_URL to send it)."
    return ""


class Command(BaseCommand):
    help = (
        "Start Trepart with waitress: apply migrations, build the demo municipality if the "
        "database has none, print the address and the demo logins, and serve until Ctrl-C."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=DEFAULT_HOST, help="address to listen on")
        parser.add_argument(
            "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
        )
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

        try:
            server = create_server(
                application, host=host, port=port, threads=threads, ident="Trepart"
            )
        except OSError as error:
            raise CommandError(f"Cannot listen on {host}:{port}: {error.strerror}.") from error
        mail = mail_text()
        if mail:
            self.stdout.write(mail)
        shown = f"[{host}]" if ":" in host else host
        address = f"{settings.TREPART_BASE_URL}/"
        self.stdout.write(f"Trepart is running at {address} — press Ctrl-C to stop.")
        if address != f"http://{shown}:{port}/":
            self.stdout.write(f"(It listens on {shown}:{port}; links point to {address}.)")
        self.stdout.flush()
        server.run()  # returns after Ctrl-C, once waitress has closed its sockets
        self.stdout.write("Stopped.")
