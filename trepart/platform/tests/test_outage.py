"""A database that is locked or down answers 503 with Retry-After, in the user's language,
as a page or as an API problem, and leaves nothing half-written.

The database is made unavailable for real: an SQLite file held by a second connection in
an exclusive transaction, and a PostgreSQL server address where nothing listens. During
each request the site's default connection is one to that database.
"""

from __future__ import annotations

import copy
import socket
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import OperationalError, connections
from django.db.utils import load_backend
from django.test import Client, RequestFactory

from trepart.accounts.models import ApiToken, User
from trepart.accounts.services import api_token_create
from trepart.audit.models import AuditEntry
from trepart.organisation.models import Body, Municipality
from trepart.platform.outage import server_error
from trepart.proposals.models import Attachment, Proposal

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

pytestmark = pytest.mark.django_db


@contextmanager
def default_database(**changes: Any) -> Iterator[None]:
    """Serve from another database: the default connection, with ``changes`` to its settings."""
    original = connections["default"]
    settings = copy.deepcopy(original.settings_dict) | changes
    wrapper = load_backend(settings["ENGINE"]).DatabaseWrapper(settings, "default")
    connections["default"] = wrapper
    try:
        yield
    finally:
        wrapper.close()
        connections["default"] = original


def _client(**headers: str) -> Client:
    # A real server answers instead of raising; so must the test client.
    return Client(raise_request_exception=False, headers=headers)


def _assert_unavailable(response: Any) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "30"


# ---------------------------------------------------------------------------------------
# SQLite: another process holds the write lock past the busy timeout


@pytest.fixture(scope="module")
def sqlite_file(tmp_path_factory: pytest.TempPathFactory, django_db_blocker: Any) -> Path:
    path = tmp_path_factory.mktemp("outage") / "trepart.sqlite3"
    with django_db_blocker.unblock(), _sqlite(path):
        call_command("migrate", verbosity=0)
    return path


def _sqlite(path: Path) -> Any:
    return default_database(
        ENGINE="django.db.backends.sqlite3",
        NAME=str(path),
        # As in production (WAL, IMMEDIATE), with a short busy timeout for the test.
        OPTIONS={
            "timeout": 0.2,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL;",
        },
        CONN_MAX_AGE=0,
        TEST={},
    )


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Another connection holds the database's write lock until the block ends."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.fixture
def on_sqlite_file(sqlite_file: Path) -> Iterator[Path]:
    with _sqlite(sqlite_file):
        yield sqlite_file
        Proposal.objects.all().delete()
        User.objects.all().delete()
        Municipality.objects.all().delete()
        AuditEntry.objects.all().delete()


def _user(language: str) -> User:
    municipality = Municipality.objects.create(
        name="Lunner kommune",
        organisation_number="964950946",
        language=language,
        require_mfa_for_admins=False,
    )
    return User.objects.create_user(username="kari", password="x", municipality=municipality)


def test_a_form_posted_while_the_database_is_locked_gets_a_page_in_the_users_language(
    on_sqlite_file: Path,
) -> None:
    client = _client()
    client.force_login(_user(language="nn"))

    with locked(on_sqlite_file):
        # Reading still works (WAL); the write waits for the lock, gives up and says so.
        assert client.get("/profil/").status_code == 200
        response = client.post("/profil/tokens/ny/", {"name": "skript"})

    _assert_unavailable(response)
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert '<html lang="nn">' in page
    assert "Trepart er utilgjengeleg ei lita stund" in page
    # Nothing half-written: no token, and no audit entry for one.
    assert not ApiToken.objects.exists()
    assert not AuditEntry.objects.exists()


def test_an_api_call_while_the_database_is_locked_gets_a_problem(on_sqlite_file: Path) -> None:
    _token, raw = api_token_create(user=_user(language="nb"), name="skript")

    with locked(on_sqlite_file):
        # A first use records when the token was used: a write, which waits for the lock.
        response = _client(Authorization=f"Bearer {raw}", **{"Accept-Language": "en"}).get(
            "/api/v1/units"
        )

    _assert_unavailable(response)
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 503
    assert "cannot reach its database" in problem["detail"]
    assert ApiToken.objects.get().last_used_at is None


def test_a_citizen_s_proposal_with_a_file_sent_while_locked_leaves_nothing(
    on_sqlite_file: Path, settings: Any
) -> None:
    municipality = _user(language="nb").municipality
    assert municipality is not None
    Body.objects.create(municipality=municipality, kind="COORDINATION", name="Koordineringsgruppa")
    upload = SimpleUploadedFile("skisse.pdf", PDF, content_type="application/pdf")

    with locked(on_sqlite_file):
        response = _client(**{"Accept-Language": "en"}).post(
            "/innbyggerforslag/",
            {
                "title": "Benker langs elvestien",
                "description": "Eldre som går tur langs elva trenger steder å hvile underveis.",
                "attachments": upload,
            },
        )

    _assert_unavailable(response)
    assert "Trepart is unavailable for a moment" in response.content.decode()
    assert not Proposal.objects.exists()
    assert not Attachment.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))


# ---------------------------------------------------------------------------------------
# PostgreSQL: the server does not answer


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again when the block ends


@pytest.fixture
def postgresql_down() -> Iterator[None]:
    with default_database(
        ENGINE="django.db.backends.postgresql",
        NAME="trepart",
        USER="trepart",
        PASSWORD="",
        HOST="127.0.0.1",
        PORT=str(_closed_port()),
        OPTIONS={"connect_timeout": 2},
        CONN_MAX_AGE=0,
        CONN_HEALTH_CHECKS=False,
    ):
        yield


@pytest.mark.usefixtures("postgresql_down")
@pytest.mark.parametrize(
    ("headers", "language", "heading"),
    [
        ({"Accept-Language": "en"}, "en", "Trepart is unavailable for a moment"),
        ({"Accept-Language": "nb"}, "nb", "Trepart er utilgjengelig en liten stund"),
        ({"Cookie": "trepart_language=nn"}, "nn", "Trepart er utilgjengeleg ei lita stund"),
    ],
)
def test_a_page_while_postgresql_is_down(
    headers: dict[str, str], language: str, heading: str
) -> None:
    response = _client(**headers).get("/motekalender/")

    _assert_unavailable(response)
    assert response["Content-Language"] == language
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert heading in page


@pytest.mark.usefixtures("postgresql_down")
def test_a_signed_in_request_fails_in_the_middleware_and_still_gets_503() -> None:
    # The session is read by the language middleware, before any view runs.
    client = _client()
    client.cookies["sessionid"] = "a" * 32
    response = client.get("/")

    _assert_unavailable(response)
    assert "<h1" in response.content.decode()


@pytest.mark.usefixtures("postgresql_down")
def test_the_api_while_postgresql_is_down() -> None:
    response = _client(**{"Accept-Language": "nb"}).get("/api/v1/public/proposals/abc")

    _assert_unavailable(response)
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 503
    assert "databasen" in response.json()["detail"]


def test_a_database_not_migrated_is_a_server_error_not_an_outage() -> None:
    request = RequestFactory().get("/")
    try:
        raise OperationalError("no such table: organisation_unit")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 500
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
