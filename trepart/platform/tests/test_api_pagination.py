"""The API's shared input types and lookups, and paginate(), now in the platform."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from ninja.errors import HttpError
from pydantic import TypeAdapter, ValidationError

from trepart.platform.api import Day, Id, one_or_404
from trepart.platform.pagination import paginate

User = get_user_model()


def test_a_day_is_written_yyyy_mm_dd_and_nothing_else():
    day = TypeAdapter(Day)
    assert day.validate_python("2026-03-31") == datetime.date(2026, 3, 31)
    for text in ("0", "31.03.2026", "2026-3-31"):
        with pytest.raises(ValidationError, match="YYYY-MM-DD"):
            day.validate_python(text)


def test_an_id_is_held_to_what_the_database_stores():
    ids = TypeAdapter(Id)
    assert ids.validate_python(2**63 - 1) == 2**63 - 1
    for number in (0, 2**63):
        with pytest.raises(ValidationError):
            ids.validate_python(number)


@pytest.mark.django_db
def test_one_or_404_finds_only_rows_among_the_items():
    mine, other = User.objects.create(username="a"), User.objects.create(username="b")
    items = User.objects.filter(username="a")
    assert one_or_404(items, mine.pk) == mine
    with pytest.raises(HttpError) as missing:
        one_or_404(items, other.pk)
    assert missing.value.status_code == 404


@pytest.mark.django_db
def test_a_capped_count_stops_past_the_cap_and_says_so():
    for number in range(7):
        User.objects.create(username=f"user{number}")
    request = RequestFactory().get("/", {"page": "2"})
    page = paginate(request, User.objects.order_by("pk"), per_page=2, count_cap=3)
    paginator = page.paginator
    assert paginator.count == 4 and paginator.capped  # type: ignore[attr-defined]
    assert page.number == 2 and page.nearby == [1, 2]
    uncapped = paginate(request, User.objects.order_by("pk"), per_page=2)
    assert uncapped.paginator.count == 7 and uncapped.nearby == [1, 2, 3, 4]
