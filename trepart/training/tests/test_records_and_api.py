"""A person's course record (page, PDF, CSV) and the API: the person, their leaders and HR
see it, anyone else gets 404; leaders see who in their units is missing the course."""

from __future__ import annotations

import io
from typing import Any

import pypdf
import pytest
from django.test import Client
from django.urls import reverse

from trepart.training.models import CourseDay, Enrolment
from trepart.training.services.enrolment import enrolment_create
from trepart.training.tests.world import CourseWorld, build, past_enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> CourseWorld:
    return build(capacity=1)


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_record_seen_by_the_person_their_leader_and_hr_only(world: CourseWorld) -> None:
    a1 = world.employees["a1"].person
    url = reverse("training:record", args=[a1.pk])
    for user in (world.employees["a1"], world.leader_a, world.sector_leader, world.admin):
        assert client_for(user).get(url).status_code == 200
    for user in (world.employees["a2"], world.teacher, world.politician):
        assert client_for(user).get(url).status_code == 404


def test_record_exports_as_csv_and_a_tagged_pdf(world: CourseWorld) -> None:
    a1 = world.employees["a1"].person
    enrolment_create(actor=world.admin, run=world.runs["next"], person=a1)
    client = client_for(world.employees["a1"])
    csv_answer = client.get(reverse("training:record-csv", args=[a1.pk]))
    assert "Rådhuset" in csv_answer.content.decode("utf-8-sig")
    assert csv_answer["Cache-Control"] == "private, no-store"
    pdf = client.get(reverse("training:record-pdf", args=[a1.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(pdf.content))
    root: Any = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    assert "pdfuaid:part" in root["/Metadata"].get_object().get_data().decode()
    text = " ".join((reader.pages[0].extract_text() or "").split())
    assert a1.full_name in text and "Rådhuset" in text


def test_api_enrols_past_capacity_onto_the_waiting_list(world: CourseWorld) -> None:
    run = world.runs["next"]
    url = f"/api/v1/training/runs/{run.pk}/enrolments"
    first = client_for(world.employees["a1"]).post(url, {}, content_type="application/json")
    assert first.status_code == 201 and first.json()["status"] == "ENROLLED"
    second = client_for(world.employees["a2"]).post(url, {}, content_type="application/json")
    assert second.status_code == 201 and second.json()["status"] == "WAITING"
    again = client_for(world.employees["a2"]).post(url, {}, content_type="application/json")
    assert again.status_code == 400 and "already enrolled" in again.json()["detail"]


def test_api_refuses_enrolling_someone_one_does_not_lead(world: CourseWorld) -> None:
    url = f"/api/v1/training/runs/{world.runs['next'].pk}/enrolments"
    b1 = world.employees["b1"].person
    answer = client_for(world.leader_a).post(
        url, {"person_id": b1.pk}, content_type="application/json"
    )
    assert answer.status_code == 403
    assert not Enrolment.objects.exists()


def test_api_runs_and_records(world: CourseWorld) -> None:
    client = client_for(world.employees["a2"])
    runs = client.get("/api/v1/training/runs?upcoming=true").json()
    assert runs["count"] == 1 and len(runs["items"][0]["days"]) == 3
    a1 = world.employees["a1"].person
    assert client.get(f"/api/v1/training/people/{a1.pk}/record").status_code == 404
    mine = client.get(f"/api/v1/training/people/{world.employees['a2'].person.pk}/record")
    assert mine.status_code == 200 and mine.json()["enrolments"] == []


def test_leaders_see_who_is_missing_in_their_units_only(world: CourseWorld) -> None:
    page = client_for(world.leader_a).get(reverse("training:missing")).content.decode()
    assert world.employees["a1"].person.full_name in page
    assert world.employees["b1"].person.full_name not in page
    assert world.politician.person.full_name not in page
    everyone = client_for(world.admin).get(reverse("training:missing")).content.decode()
    assert world.employees["b1"].person.full_name in everyone
    assert client_for(world.employees["a1"]).get(reverse("training:missing")).status_code == 403


def test_who_is_missing_is_kept_per_reader_and_follows_a_completion(world: CourseWorld) -> None:
    """The list is kept in the figure cache: HR's first reading is not a leader's, and a
    completed course takes the person off at once."""
    url = reverse("training:missing")
    hr = client_for(world.admin)
    a1, b1 = world.employees["a1"].person, world.employees["b1"].person
    assert a1.full_name in hr.get(url).content.decode()
    leader = client_for(world.leader_a).get(url).content.decode()
    assert a1.full_name in leader and b1.full_name not in leader
    enrolment = past_enrolment(world, a1)
    run = enrolment.run
    days = [day.pk for day in CourseDay.objects.filter(run=run).order_by("number")]
    answer = client_for(world.teacher).post(
        reverse("training:enrolment-attendance", args=[enrolment.pk]), {"days": days}
    )
    assert answer.status_code in (200, 302)
    enrolment.refresh_from_db()
    assert enrolment.completed_on is not None
    assert a1.full_name not in hr.get(url).content.decode()
    assert a1.full_name not in client_for(world.leader_a).get(url).content.decode()
