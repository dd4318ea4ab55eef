import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    """Still argon2 (the stored hashes say so), at a cost fit for a test run."""

    time_cost = 1
    memory_cost = 1024
    parallelism = 1


@pytest.fixture
def real_password_hasher() -> None:
    """Ask for this to hash with the hasher settings.py configures."""


@pytest.fixture(autouse=True)
def _cheap_password_hashing(request: pytest.FixtureRequest, settings: object) -> None:
    # Production argon2 parameters take a second or more per hash on a busy CI machine,
    # and nearly every test here hashes or checks a password.
    if "real_password_hasher" in request.fixturenames:
        return
    settings.PASSWORD_HASHERS = [  # type: ignore[attr-defined]
        f"{__name__}.CheapArgon2PasswordHasher",
        *settings.PASSWORD_HASHERS,  # type: ignore[attr-defined]
    ]
