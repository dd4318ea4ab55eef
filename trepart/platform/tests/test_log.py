"""The log: a refused request is one line, a server error keeps its traceback."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from trepart.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_refused_request_is_logged_on_one_line(caplog: Any) -> None:
    client = Client()
    client.force_login(UserFactory.create())  # not an administrator: the audit log is refused
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("audit:entry-list"))
    assert response.status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info is None
    line = logging.Formatter("%(levelname)s %(message)s").format(record)
    assert line == f"WARNING Forbidden (Permission denied): {reverse('audit:entry-list')}"
