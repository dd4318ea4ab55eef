"""The library's tests read the English source texts: a visitor's client asks for English
(signed-in test users have English in their profile)."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")
