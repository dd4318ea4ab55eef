"""Two requests with the same link at the same moment store one answer, not two."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from trepart.analysis.models import Answer, Invitation, Response
from trepart.analysis.services import surveys as services
from trepart.analysis.tests import survey_world as sw


@pytest.mark.django_db(transaction=True)
def test_the_same_link_twice_at_once_stores_one_answer() -> None:
    world = sw.build_world(staff_per_school=1)
    survey, tokens = sw.open_round(world, units=[world.nordby], bodies=[])
    token = tokens["tina@fjordvik.invalid"]
    values = sw.full_answers(survey)
    start = threading.Barrier(2)
    outcomes: list[Any] = []

    def answer() -> None:
        try:
            start.wait()
            services.answer_submit(token=token, values=values)
            outcomes.append("stored")
        except Exception as error:  # refused, or the database said it is busy
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=answer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("stored") == 1, outcomes
    assert Response.objects.count() == 1
    assert Answer.objects.values("response_id").distinct().count() == 1
    invitation = Invitation.objects.get(person=world.person(world.teacher))
    assert invitation.answered and invitation.token_hash == ""
