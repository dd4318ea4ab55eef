"""The ``trepart`` command: Django's management commands, ready for local use.

``trepart serve`` starts the platform; ``trepart demo``, ``generate``, ``bench`` and
``token`` are Trepart's own commands, and every other Django command works too
(``trepart migrate``, ``trepart createsuperuser`` …).

Settings are read once, when Django starts, so what ``serve`` needs from the environment
is put there here, before Django reads it.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import secrets
import socket
import sys
from collections.abc import MutableMapping, Sequence
from pathlib import Path

LOCAL_KEY_FILE = "trepart-secret.key"
# Where `trepart serve` writes e-mail when no EMAIL_URL is set, beside the database.
LOCAL_MAIL_DIR = "trepart-mail"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LOCAL_BASE_URL = f"http://{DEFAULT_HOST}:{DEFAULT_PORT}"


def _local_secret_key() -> str:
    """Return this installation's key, kept in the working directory beside the database."""
    path = Path.cwd() / LOCAL_KEY_FILE
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def _is_wildcard(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return host == ""


def _machine_name() -> str:
    """This machine's name as others on the network would use it; loopback if it has none.

    A server listening on every address is meant to be reached from other machines, and a
    link to 0.0.0.0 opens nothing anywhere: the machine's name is the best guess.
    """
    name = socket.getfqdn()
    if not name or name.split(".")[0] in ("localhost", "ip6-localhost"):
        return DEFAULT_HOST
    return name


def serve_base_url(host: str, port: int) -> str:
    """The address links point to when ``trepart serve`` listens on ``host``:``port``."""
    if _is_wildcard(host):
        host = _machine_name()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address in a URL
    return f"http://{host}:{port}"


def _serve_address(arguments: Sequence[str]) -> tuple[str, int]:
    """``--host`` and ``--port`` of a ``serve`` command line (the command checks the rest)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", default=str(DEFAULT_PORT))
    known, _ = parser.parse_known_args(list(arguments))
    try:
        port = int(known.port)
    except ValueError:
        port = DEFAULT_PORT  # `serve` itself rejects it with a proper message
    return known.host, port


def configure_environment(argv: Sequence[str], environ: MutableMapping[str, str]) -> None:
    """Fill in what a local installation leaves unset, before Django reads the settings.

    A configured server (``DATABASE_URL`` set) must set its own key and address; only a
    local SQLite installation gets them made up. ``serve`` links to where it listens.
    """
    environ.setdefault("DJANGO_SETTINGS_MODULE", "trepart.settings")
    local = not environ.get("DATABASE_URL")
    if not environ.get("SECRET_KEY") and local:
        environ["SECRET_KEY"] = _local_secret_key()
    if list(argv[:1]) == ["serve"]:
        if not environ.get("TREPART_BASE_URL"):
            environ["TREPART_BASE_URL"] = serve_base_url(*_serve_address(argv[1:]))
        # `trepart serve` is one process: unless told otherwise it does background work
        # (e-mail to proposers) right after each change instead of waiting for a worker.
        environ.setdefault(
            "TREPART_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
        # Its e-mail goes to files beside the database, not into the terminal it prints the
        # address and the logins to (the demo alone sends hundreds of messages).
        environ.setdefault("EMAIL_URL", f"filemail:///{LOCAL_MAIL_DIR}")
    elif local and not environ.get("TREPART_BASE_URL"):
        environ["TREPART_BASE_URL"] = LOCAL_BASE_URL


def main() -> None:
    configure_environment(sys.argv[1:], os.environ)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["trepart", *sys.argv[1:]])


if __name__ == "__main__":
    main()
