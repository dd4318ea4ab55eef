"""The ``trepart`` command: Django's management commands, ready for local use.

``trepart serve`` starts the platform; ``trepart demo``, ``generate``, ``bench`` and
``token`` are Trepart's own commands, and every other Django command works too
(``trepart migrate``, ``trepart createsuperuser`` …).
"""

import os
import secrets
import sys
from pathlib import Path

LOCAL_KEY_FILE = "trepart-secret.key"


def _local_secret_key() -> str:
    """Return this installation's key, kept in the working directory beside the database."""
    path = Path.cwd() / LOCAL_KEY_FILE
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trepart.settings")
    # A local SQLite installation gets a generated key; a configured server must set its own.
    if not os.environ.get("SECRET_KEY") and not os.environ.get("DATABASE_URL"):
        os.environ["SECRET_KEY"] = _local_secret_key()
    # `trepart serve` is one process: unless told otherwise it does background work (e-mail
    # to proposers) right after each change instead of waiting for `trepart worker`.
    if sys.argv[1:2] == ["serve"]:
        os.environ.setdefault(
            "TREPART_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    from django.core.management import execute_from_command_line

    execute_from_command_line(["trepart", *sys.argv[1:]])


if __name__ == "__main__":
    main()
