"""The project pages per role: the group and the mandating body see everything, other
employees a summary, visitors a public project's page without employees' names, and
another municipality's people a 404. Forms keep what the user typed on error."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from trepart.development.models import Project
from trepart.development.services.projects import project_update
from trepart.development.tests.project_steps import NOW, handed_proposal, mandate_item, meeting_of
from trepart.development.tests.world import ProjectWorld, build_project_world
from trepart.meetings.models import AgendaItem
from trepart.organisation.models import Party

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def _world(**fields: object) -> ProjectWorld:
    built = build_project_world(**fields)  # type: ignore[arg-type]
    # The administrator signs in without a second factor in these tests.
    built.municipality.require_mfa_for_admins = False
    built.municipality.save(update_fields=["require_mfa_for_admins"])
    return built


@pytest.fixture
def world() -> ProjectWorld:
    return _world()


def _client(user: object | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)  # type: ignore[arg-type]
    return client


def _detail(world: ProjectWorld) -> str:
    return reverse("development:project_detail", args=[world.project.pk])


def test_the_group_sees_everything_an_outsider_a_summary(world: ProjectWorld) -> None:
    employee_seat = world.group_users[Party.EMPLOYEE].person
    for user in (world.group_users[Party.SERVICE_USER], world.body_users[Party.POLITICAL]):
        page = _client(user).get(_detail(world)).content.decode()
        assert employee_seat.last_name in page
        assert world.project.mandate in page
    summary = _client(world.outsider).get(_detail(world)).content.decode()
    assert world.project.title in summary
    assert employee_seat.last_name not in summary
    assert world.project.mandate not in summary
    assert "You see a summary" in summary


def test_visitors_and_other_municipalities_are_kept_out(world: ProjectWorld) -> None:
    assert _client().get(_detail(world)).status_code == 302  # to the login page
    other = _world()
    assert _client(other.admin).get(_detail(world)).status_code == 404
    public = reverse("development:public_project", args=[world.project.pk])
    assert _client().get(public).status_code == 404  # an internal project has no public page


def test_a_public_projects_page_names_no_employee(world: ProjectWorld) -> None:
    Project.objects.filter(pk=world.project.pk).update(visibility=Project.Visibility.PUBLIC)
    page = _client().get(reverse("development:public_project", args=[world.project.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert world.project.title in text and world.project.mandate in text
    for user in world.group_users.values():
        assert user.person.last_name not in text
    listed = _client().get(
        reverse("development:project_list"), {"kommune": world.municipality.organisation_number}
    )
    assert world.project.title in listed.content.decode()


def test_the_list_filters_and_shows_each_rows_access(world: ProjectWorld) -> None:
    url = reverse("development:project_list")
    page = _client(world.outsider).get(url).content.decode()
    assert world.project.title in page and "Summary" in page
    page = _client(world.group_users[Party.EMPLOYEE]).get(url).content.decode()
    assert "Everything" in page
    assert (
        world.project.title
        not in _client(world.outsider).get(url, {"kind": "LEAN"}).content.decode()
    )
    assert (
        world.project.title
        not in _client(world.outsider).get(url, {"status": "DECIDED"}).content.decode()
    )
    assert (
        world.project.title
        in _client(world.outsider).get(url, {"status": "ACTIVE"}).content.decode()
    )
    other = _world()
    seen = _client(other.admin).get(url).content.decode()
    assert _detail(other) in seen and _detail(world) not in seen


def _create_data(world: ProjectWorld, **fields: str) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "DEVELOPMENT",
        "title": "Bedre vintervedlikehold",
        "mandating_body": str(world.mandating_body.pk),
        "mandate_item": str(mandate_item(world).pk),
        "mandate": "Utred nye rutiner for brøyting.",
        "leader": str(world.group_users[Party.ADMINISTRATION].person.pk),
        "members_employee": [str(world.group_users[Party.EMPLOYEE].person.pk)],
        "units": [str(world.unit.pk)],
        "starts_on": "2026-03-02",
        "ends_on": "2026-09-30",
        "visibility": "INTERNAL",
        "savings_target": "",
        "standard_phases": "on",
    }
    data.update(fields)
    return data


def test_a_body_member_creates_a_project_through_the_form(world: ProjectWorld) -> None:
    client = _client(world.body_users[Party.EMPLOYEE])
    url = reverse("development:project_create")
    assert client.get(url).status_code == 200
    response = client.post(url, _create_data(world))
    project = Project.objects.get(title="Bedre vintervedlikehold")
    assert response.status_code == 302
    assert response["Location"] == reverse("development:project_detail", args=[project.pk])
    assert project.phases.count() == 4
    assert project.group.memberships.count() == 2
    assert _client(world.outsider).get(url).status_code == 403


def test_a_bad_form_keeps_what_was_typed(world: ProjectWorld) -> None:
    client = _client(world.admin)
    data = _create_data(world, kind="LEAN", savings_target="250000", mandate_item="")
    response = client.post(reverse("development:project_create"), data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "A Lean project has no savings target." in text
    assert "Bedre vintervedlikehold" in text  # what the user typed is still there
    assert not Project.objects.filter(title="Bedre vintervedlikehold").exists()


def test_a_proposal_handed_over_can_be_chosen_and_shows_the_project(world: ProjectWorld) -> None:
    proposal = handed_proposal(world)
    client = _client(world.admin)
    client.post(
        reverse("development:project_create"),
        _create_data(world, mandate_item="", mandate_proposal=str(proposal.pk)),
    )
    project = Project.objects.get(mandate_proposal=proposal)
    page = _client(world.outsider).get(reverse("proposals:detail", args=[proposal.pk]))
    assert "Handled in a development project" in page.content.decode()
    assert reverse("development:project_detail", args=[project.pk]) in page.content.decode()
    tracked = _client().get(reverse("proposals:track", args=[proposal.tracking_code]))
    assert project.title in tracked.content.decode()
    body_page = _client(world.outsider).get(
        reverse("organisation:body-detail", args=[world.mandating_body.pk])
    )
    assert project.title in body_page.content.decode()


def test_a_stale_edit_is_refused_and_keeps_the_typing(world: ProjectWorld) -> None:
    chair = world.group_users[Party.ADMINISTRATION]
    url = reverse("development:project_edit", args=[world.project.pk])
    client = _client(chair)
    assert client.get(url).status_code == 200
    project_update(actor=chair, project=world.project, version=1, title="Lagret av en annen")
    response = client.post(
        url,
        {
            "version": "1",
            "title": "Min tittel",
            "mandate": world.project.mandate,
            "leader": str(world.leader.pk),
            "starts_on": "2026-01-05",
            "ends_on": "2026-12-31",
            "visibility": "INTERNAL",
            "savings_target": "1000000",
        },
    )
    text = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this" in text
    assert "Min tittel" in text and "Lagret av en annen" in text
    assert _client(world.outsider).get(url).status_code == 403


def test_a_status_report_goes_to_the_agenda_from_the_page(world: ProjectWorld) -> None:
    meeting = meeting_of(world)
    client = _client(world.group_users[Party.POLITICAL])
    url = reverse("development:report_send", args=[world.project.pk])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"text": "", "meeting": str(meeting.pk)})
    assert bad.status_code == 400
    response = client.post(url, {"text": "Kartleggingen er ferdig.", "meeting": str(meeting.pk)})
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=meeting)
    assert item.kind == AgendaItem.Kind.ORIENTATION
    page = client.get(_detail(world)).content.decode()
    assert "Kartleggingen er ferdig." in page
    assert reverse("meetings:meeting-detail", args=[meeting.pk]) in page
    assert _client(world.body_users[Party.POLITICAL]).get(url).status_code == 403


def test_the_decision_page_explains_a_refusal(world: ProjectWorld) -> None:
    client = _client(world.body_users[Party.ADMINISTRATION])
    url = reverse("development:decision_record", args=[world.project.pk])
    response = client.post(
        url,
        {
            "version": "1",
            "decision_maker": "COUNCIL",
            "adopted": "yes",
            "text": "Vedtatt",
            "decided_on": datetime.date(2026, 3, 1).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "has not yet agreed" in response.content.decode()
    assert _client(world.outsider).get(url).status_code == 403


def test_an_employee_of_the_unit_puts_an_idea_on_the_board() -> None:
    world = _world(kind="LEAN", target=None)
    client = _client(world.outsider)
    url = reverse("development:improvement_add", args=[world.project.pk])
    response = client.post(url, {"kind": "IDEA", "title": "Felles verktøyrom"})
    assert response.status_code == 302
    page = client.get(_detail(world)).content.decode()
    assert "Felles verktøyrom" in page
    card = world.project.improvements.get()
    chair = _client(world.group_users[Party.ADMINISTRATION])
    chair.post(
        reverse("development:improvement_advance", args=[card.pk]), {"version": card.version}
    )
    card.refresh_from_db()
    assert card.step == "DO"
    edit = reverse("development:improvement_edit", args=[card.pk])
    assert client.get(edit).status_code == 403


def test_another_municipalitys_ids_give_404_on_every_page(world: ProjectWorld) -> None:
    other = _world(kind="LEAN", target=None)
    card = other.project.improvements.create(kind="IDEA", title="Hemmelig idé")
    phase = other.project.phases.create(
        kind="OTHER", starts_on=datetime.date(2026, 1, 5), ends_on=datetime.date(2026, 2, 5)
    )
    client = _client(world.group_users[Party.ADMINISTRATION])
    pk = other.project.pk
    for url in (
        reverse("development:project_detail", args=[pk]),
        reverse("development:project_edit", args=[pk]),
        reverse("development:report_send", args=[pk]),
        reverse("development:recommendation_send", args=[pk]),
        reverse("development:decision_record", args=[pk]),
        reverse("development:phase_add", args=[pk]),
        reverse("development:improvement_add", args=[pk]),
        reverse("development:phase_edit", args=[phase.pk]),
        reverse("development:improvement_edit", args=[card.pk]),
        reverse("development:public_project", args=[pk]),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("development:improvement_advance", args=[card.pk]), {"version": 1}
    )
    assert response.status_code == 404
    card.refresh_from_db()
    assert card.step == "PLAN"


def test_a_visitor_chooses_the_municipality_first(world: ProjectWorld) -> None:
    other = _world(public=True)
    page = _client().get(reverse("development:project_list")).content.decode()
    assert f"?kommune={other.municipality.organisation_number}" in page
    assert other.project.title not in page  # nothing listed before the choice
    chosen = _client().get(
        reverse("development:project_list"), {"kommune": other.municipality.organisation_number}
    )
    assert reverse("development:public_project", args=[other.project.pk]) in chosen.content.decode()


def test_the_board_shows_its_cards_inside_and_only_its_totals_in_public() -> None:
    world = _world(kind="LEAN", target=None, public=True)
    chair = world.group_users[Party.ADMINISTRATION]
    card = world.project.improvements.create(kind="IDEA", title="Felles verktøyrom")
    card.hours_saved_per_month = 7
    card.save()
    inside = _client(world.outsider).get(_detail(world)).content.decode()  # unit's employee
    assert "Felles verktøyrom" in inside and "Add a problem or idea" in inside
    assert "Next step" not in inside  # only the group moves cards
    assert "Next step" in _client(chair).get(_detail(world)).content.decode()
    public = _client().get(reverse("development:public_project", args=[world.project.pk]))
    text = public.content.decode()
    assert "Felles verktøyrom" not in text
    assert "7,0" in text or "7.0" in text
