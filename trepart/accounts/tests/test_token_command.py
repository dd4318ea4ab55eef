from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from trepart.accounts.api import BearerToken
from trepart.accounts.models import ApiToken
from trepart.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue()


def test_prints_only_the_raw_token() -> None:
    user = UserFactory.create(username="kari")

    output = run("kari")

    raw = output.strip()
    assert output == raw + "\n"
    assert raw.startswith("tp_")
    assert " " not in raw
    assert BearerToken().authenticate(RequestFactory().get("/"), raw) == user


def test_name_is_stored() -> None:
    UserFactory.create(username="kari")
    run("kari", "--name", "Nattlig eksport")
    assert ApiToken.objects.get().name == "Nattlig eksport"


def test_unnamed_token_gets_a_default_name() -> None:
    UserFactory.create(username="kari")
    run("kari")
    assert ApiToken.objects.get().name


def test_unknown_user_is_a_clear_error() -> None:
    with pytest.raises(CommandError, match="nobody"):
        run("nobody")
    assert not ApiToken.objects.exists()
