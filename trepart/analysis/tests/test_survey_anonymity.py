"""No stored value links an answer to the person who gave it.

After a person answers, every column of every Response, Answer and Invitation row is read
back raw from the database and compared with what could identify them: their person id,
their user id, the token from their e-mail and its hash. No value may equal or contain
those, and no column may hold a time finer than the day. The audit log and the stored
notifications must not know the token either.
"""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.db import connection
from django.utils import timezone

from trepart.accounts.tests.factories import UserFactory
from trepart.analysis.models import Answer, Invitation, Response
from trepart.analysis.services import surveys as services
from trepart.analysis.tests import survey_world as sw
from trepart.audit.models import AuditEntry
from trepart.organisation.tests.factories import PersonFactory
from trepart.platform.models import Notification

pytestmark = pytest.mark.django_db


def raw_rows(model: type) -> list[dict[str, object]]:
    """Every row of the model's table as the database holds it (no model conversions)."""
    table = model._meta.db_table  # type: ignore[attr-defined]
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (our own table name)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def looks_like_a_time(value: object) -> bool:
    if isinstance(value, datetime.datetime | datetime.time):
        return True
    if isinstance(value, str):
        # SQLite returns dates and datetimes as text: a date is exactly YYYY-MM-DD.
        try:
            datetime.datetime.fromisoformat(value)
        except ValueError:
            return False
        return len(value) > 10
    return False


PERSON_ID = 987_654
USER_ID = 876_543


def test_nothing_stored_links_an_answer_to_its_person(django_capture_on_commit_callbacks) -> None:
    world = sw.build_world()
    # Ids far from every other row's, so any equal value is a real link, not a coincidence.
    user = UserFactory.create(
        id=USER_ID, municipality=world.municipality, username="hanne", email="hanne@x.invalid"
    )
    person = PersonFactory.create(
        pk=PERSON_ID,
        municipality=world.municipality,
        user=user,
        unit=world.nordby,
        email="hanne@fjordvik.invalid",
    )
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    token = tokens["hanne@fjordvik.invalid"]
    token_hash = services.hash_token(token)
    services.answer_submit(
        token=token, values=sw.full_answers(survey, value=3, text="Vi trenger mer tid.")
    )
    secrets = {token, token_hash, str(PERSON_ID), str(USER_ID)}

    response_rows = raw_rows(Response)
    answer_rows = raw_rows(Answer)
    invitation_rows = raw_rows(Invitation)
    assert len(response_rows) == 1 and answer_rows and invitation_rows

    response_fields = {f.column for f in Response._meta.concrete_fields}
    assert response_fields == {
        "id",
        "municipality_id",
        "survey_id",
        "unit_id",
        "party",
        "body_id",
        "answered_on",
    }
    answer_fields = {f.column for f in Answer._meta.concrete_fields}
    assert answer_fields == {
        "id",
        "survey_id",
        "response_id",
        "question_id",
        "unit_id",
        "party",
        "body_id",
        "value",
        "text",
    }

    checked = 0
    for table, rows in (("response", response_rows), ("answer", answer_rows)):
        for row in rows:
            for column, value in row.items():
                checked += 1
                text = "" if value is None else str(value)
                assert value not in (PERSON_ID, USER_ID), (table, column)
                assert not any(secret in text for secret in secrets), (table, column)
                assert not looks_like_a_time(value), (table, column, value)
    assert checked > 0
    # Foreign keys of Response and Answer name no person, user or invitation table.
    for model in (Response, Answer):
        related = {
            f.related_model._meta.label
            for f in model._meta.concrete_fields
            if f.is_relation and not isinstance(f.related_model, str | None)
        }
        assert related <= {
            "organisation.Municipality",
            "analysis.Survey",
            "analysis.Response",
            "analysis.Question",
            "organisation.Unit",
            "organisation.Body",
        }, related

    # The used invitation keeps that the person answered, never the token or a time.
    used = next(row for row in invitation_rows if row["person_id"] == person.pk)
    assert used["answered"] in (True, 1)
    assert used["token_hash"] == ""
    for row in invitation_rows:
        for column, value in row.items():
            text = "" if value is None else str(value)
            assert not any(secret in text for secret in {token, token_hash}), column
            assert not looks_like_a_time(value), (column, value)

    # The day, and nothing finer.
    assert str(response_rows[0]["answered_on"]) == str(timezone.localdate())

    # Neither the audit trail nor stored notifications know the token.
    for entry in AuditEntry.objects.all():
        assert not any(secret in str(entry.changes) for secret in secrets)
        assert entry.object_type not in {
            "analysis.Response",
            "analysis.Answer",
            "analysis.Invitation",
        }
    for notification in Notification.objects.all():
        assert token not in notification.body


def test_responses_are_not_ordered_by_person(django_capture_on_commit_callbacks) -> None:
    """Responses carry no column that sorts them like the invitations (person order)."""
    world = sw.build_world()
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    sw.answer_all(survey, tokens)
    columns = set(raw_rows(Response)[0])
    assert not columns & {"person_id", "invitation_id", "user_id", "token_hash", "created_at"}


def test_no_log_line_holds_a_live_link(
    caplog: pytest.LogCaptureFixture, django_capture_on_commit_callbacks
) -> None:
    from django.test import Client
    from django.urls import reverse

    world = sw.build_world()
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    token = tokens["tina@fjordvik.invalid"]
    url = reverse("analysis:survey-answer", args=[token])
    client = Client()
    with caplog.at_level("DEBUG"):
        client.get(url)
        # Every required answer missing: the form comes back with its errors.
        assert 'id="error-summary"' in client.post(url, {}).content.decode()
        values = sw.full_answers(survey)
        client.post(url, {f"q{pk}": value for pk, value in values.items()})
    assert Response.objects.count() == 1
    assert not [record for record in caplog.records if token in record.getMessage()]


def test_stored_ids_say_nothing_of_the_order_of_answering(
    django_capture_on_commit_callbacks,
) -> None:
    """Ids that counted up would line the answers up with the invitations marked used (in
    any two backups); the ids are random, and nothing sorts the rows by insertion."""
    world = sw.build_world()
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    assert len(tokens) >= 10
    response_ids: list[int] = []
    answer_ids: list[int] = []
    for token in tokens.values():  # a known order of answering
        seen_answers = set(Answer.objects.values_list("pk", flat=True))
        response = services.answer_submit(token=token, values=sw.full_answers(survey, text="Ja"))
        response_ids.append(response.pk)
        answer_ids += sorted(set(Answer.objects.values_list("pk", flat=True)) - seen_answers)
    for ids in (response_ids, answer_ids):
        # Neither counting up nor down in the order of answering (for ten or more random
        # ids the chance of either is under one in a million) …
        assert ids != sorted(ids) and ids != sorted(ids, reverse=True)
        # … and drawn from 63 bits, far from any sequence.
        assert all(2**40 <= pk < 2**63 for pk in ids)
        assert len(set(ids)) == len(ids)
    # Next to each other in answering order, ids are as far apart as random ones are.
    gaps = [abs(b - a) for a, b in itertools.pairwise(response_ids)]
    assert min(gaps) > 2**20
    assert not Response._meta.ordering and not Answer._meta.ordering
