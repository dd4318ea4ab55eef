"""The survey pages: who may do what, tenancy, bad input, and answering through the link."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from trepart.analysis.models import Answer, Invitation, Response, Survey
from trepart.analysis.services import surveys as services
from trepart.analysis.tests import survey_world as sw

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> sw.World:
    return sw.build_world()


def client_for(user: object | None) -> Client:
    """A browser; without a login it asks for English pages (the users' choice otherwise)."""
    client = Client(headers={"accept-language": "en"})
    if user is not None:
        client.force_login(user)  # type: ignore[arg-type]
    return client


def draft(world: sw.World, **fields: object) -> Survey:
    return services.survey_create(
        actor=world.admin,
        instrument=fields.pop("instrument", world.self_assessment),  # type: ignore[arg-type]
        title="Status",
        units=[world.nordby],
        **fields,  # type: ignore[arg-type]
    )


def form_data(survey: Survey, values: dict[int, object]) -> dict[str, object]:
    return {f"q{pk}": value for pk, value in values.items()}


# ---------------------------------------------------------------------------------------
# Rounds: permissions and tenancy


def test_list_needs_a_login(world: sw.World) -> None:
    response = client_for(None).get(reverse("analysis:survey-list"))
    assert response.status_code == 302


def test_everyone_in_the_municipality_sees_the_rounds_only_managers_make_them(
    world: sw.World,
) -> None:
    survey = draft(world)
    teacher = client_for(world.teacher).get(reverse("analysis:survey-list"))
    assert teacher.status_code == 200
    assert survey.title in teacher.content.decode()
    assert reverse("analysis:survey-create") not in teacher.content.decode()
    admin = client_for(world.admin).get(reverse("analysis:survey-list"))
    assert reverse("analysis:survey-detail", args=[survey.pk]) in admin.content.decode()
    stranger = client_for(world.stranger).get(reverse("analysis:survey-list"))
    assert survey.title not in stranger.content.decode()


@pytest.mark.parametrize(
    ("who", "status"), [("admin", 200), ("teacher", 403), ("stranger_admin", 404)]
)
def test_detail_is_for_the_municipalitys_managers(world: sw.World, who: str, status: int) -> None:
    survey = draft(world)
    response = client_for(getattr(world, who)).get(
        reverse("analysis:survey-detail", args=[survey.pk])
    )
    assert response.status_code == status


@pytest.mark.parametrize(("who", "status"), [("teacher", 403), ("stranger_admin", 404)])
def test_others_cannot_open_or_close(world: sw.World, who: str, status: int) -> None:
    survey = draft(world)
    client = client_for(getattr(world, who))
    for name in ("survey-open", "survey-close"):
        response = client.post(reverse(f"analysis:{name}", args=[survey.pk]))
        assert response.status_code == status
    survey.refresh_from_db()
    assert survey.status == Survey.Status.DRAFT
    assert not Invitation.objects.exists()


def test_create_page_needs_a_manager(world: sw.World) -> None:
    assert client_for(world.teacher).get(reverse("analysis:survey-create")).status_code == 403


def test_create_open_and_close_through_the_pages(
    world: sw.World, django_capture_on_commit_callbacks
) -> None:
    client = client_for(world.admin)
    page = client.get(reverse("analysis:survey-create"))
    assert page.status_code == 200
    response = client.post(
        reverse("analysis:survey-create"),
        {
            "instrument": world.self_assessment.pk,
            "title": "Status i egen kommune",
            "round_label": "Høst 2026",
            "audience": "INVITED",
            "target_units": [world.sorby.pk],
            "target_parties": ["POLITICAL"],
        },
    )
    survey = Survey.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("analysis:survey-detail", args=[survey.pk])
    assert survey.status == Survey.Status.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("analysis:survey-open", args=[survey.pk]), {"version": survey.version}
        )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
    assert len(mail.outbox) == Invitation.objects.filter(survey=survey).count() == 9
    detail = client.get(reverse("analysis:survey-detail", args=[survey.pk])).content.decode()
    assert "9 people are getting their answer link" in detail
    response = client.post(
        reverse("analysis:survey-close", args=[survey.pk]), {"version": survey.version}
    )
    survey.refresh_from_db()
    assert survey.status == Survey.Status.CLOSED


def test_a_stale_open_is_refused_with_a_message(world: sw.World) -> None:
    survey = draft(world)
    client = client_for(world.admin)
    response = client.post(
        reverse("analysis:survey-open", args=[survey.pk]),
        {"version": survey.version + 1},
        follow=True,
    )
    assert "Someone else saved this" in response.content.decode()
    survey.refresh_from_db()
    assert survey.status == Survey.Status.DRAFT


def test_bad_input_keeps_what_was_typed(world: sw.World) -> None:
    response = client_for(world.admin).post(
        reverse("analysis:survey-create"),
        {
            "instrument": world.self_assessment.pk,
            "title": "Min egen tittel",
            "round_label": "Vår 2027",
            "audience": "INVITED",
            "opens_on": "2027-05-01",
            "closes_on": "2027-04-01",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The survey cannot close before it opens." in page
    assert 'value="Min egen tittel"' in page
    assert 'value="Vår 2027"' in page
    assert 'value="2027-05-01"' in page
    assert not Survey.objects.exists()


def test_no_target_is_a_clear_message(world: sw.World) -> None:
    response = client_for(world.admin).post(
        reverse("analysis:survey-create"),
        {"instrument": world.self_assessment.pk, "title": "Ingen", "audience": "INVITED"},
    )
    assert response.status_code == 200
    assert "Choose who is asked" in response.content.decode()
    assert not Survey.objects.exists()


def test_another_municipalitys_unit_is_not_a_choice(world: sw.World) -> None:
    other = sw.build_world()
    response = client_for(world.admin).post(
        reverse("analysis:survey-create"),
        {
            "instrument": world.self_assessment.pk,
            "title": "X",
            "audience": "INVITED",
            "target_units": [other.nordby.pk],
        },
    )
    assert response.status_code == 200
    assert not Survey.objects.exists()
    response = client_for(world.admin).post(
        reverse("analysis:survey-create"),
        {
            "instrument": other.self_assessment.pk,
            "title": "X",
            "audience": "INVITED",
            "target_everyone": "on",
        },
    )
    assert response.status_code == 200
    assert not Survey.objects.exists()


# ---------------------------------------------------------------------------------------
# Answering


def test_answer_page_and_submit(world: sw.World, django_capture_on_commit_callbacks) -> None:
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    url = reverse("analysis:survey-answer", args=[tokens["tina@fjordvik.invalid"]])
    client = client_for(None)
    page = client.get(url)
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    assert "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert "<fieldset" in html and "<legend" in html and "Strongly agree" in html
    response = client.post(url, form_data(survey, sw.full_answers(survey, value=5)))
    assert response.status_code == 302
    assert response["Location"] == reverse("analysis:survey-thanks")
    assert Response.objects.count() == 1
    again = client.get(url)
    assert again.status_code == 404
    assert "already stored" in again.content.decode()
    assert client.post(url, form_data(survey, sw.full_answers(survey))).status_code == 404
    assert Response.objects.count() == 1


def test_missing_answers_keep_the_others(
    world: sw.World, django_capture_on_commit_callbacks
) -> None:
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    url = reverse("analysis:survey-answer", args=[tokens["tina@fjordvik.invalid"]])
    questions = services.questions_of(survey)
    values = sw.full_answers(survey, value=2, text="Mine ord her")
    missing = questions[3]
    del values[missing.pk]
    response = client_for(None).post(url, form_data(survey, values))
    # Not a 4xx: Django's request log would write the live link's path.
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please choose an answer." in html
    assert "Mine ord her" in html
    chosen = re.search(rf'<input[^>]*id="id_q{questions[0].pk}_1"[^>]*>', html)
    assert chosen is not None and "checked" in chosen.group(0)
    assert not Response.objects.exists()
    assert not Answer.objects.exists()


def test_unknown_and_closed_links(world: sw.World, django_capture_on_commit_callbacks) -> None:
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    client = client_for(None)
    assert client.get(reverse("analysis:survey-answer", args=["nope"])).status_code == 404
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    response = client.get(reverse("analysis:survey-answer", args=[tokens["tina@fjordvik.invalid"]]))
    assert response.status_code == 410
    assert "no longer takes answers" in response.content.decode()


def test_my_surveys_and_a_new_link(world: sw.World, django_capture_on_commit_callbacks) -> None:
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    client = client_for(world.teacher)
    page = client.get(reverse("analysis:survey-mine")).content.decode()
    assert survey.title in page
    # The page never shows a link: it is in the e-mail only.
    assert "/analyse/svar/" not in page
    invitation = Invitation.objects.get(person=world.person(world.teacher))
    before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("analysis:invitation-resend", args=[invitation.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == before + 1
    assert mail.outbox[-1].to == ["tina@fjordvik.invalid"]
    new = sw.tokens_by_email(mail.outbox[-1:])["tina@fjordvik.invalid"]
    assert new != tokens["tina@fjordvik.invalid"]
    # Someone else's invitation is not found.
    other = client_for(world.politician).post(
        reverse("analysis:invitation-resend", args=[invitation.pk])
    )
    assert other.status_code == 404


def test_open_link_one_answer_per_browser(world: sw.World) -> None:
    survey = draft(world, instrument=world.user_survey, audience=Survey.Audience.OPEN_LINK)
    client = client_for(world.admin)
    client.post(reverse("analysis:survey-open", args=[survey.pk]), {"version": survey.version})
    detail = client.get(reverse("analysis:survey-detail", args=[survey.pk])).content.decode()
    link = detail.split('id="open-link" type="text" readonly value="', 1)[1].split('"', 1)[0]
    token = link.rstrip("/").rsplit("/", 1)[1]
    # Shown once only.
    assert (
        link not in client.get(reverse("analysis:survey-detail", args=[survey.pk])).content.decode()
    )
    url = reverse("analysis:survey-open-answer", args=[token])
    public = client_for(None)
    page = public.get(url)
    assert page.status_code == 200
    assert "Where do you use the service?" in page.content.decode()
    data = form_data(survey, sw.full_answers(survey))
    data["unit"] = world.nordby.pk
    assert public.post(url, data).status_code == 302
    response = Response.objects.get()
    assert response.unit_id == world.nordby.pk and response.party == "SERVICE_USER"
    again = public.get(url)
    assert "You have already answered" in again.content.decode()
    assert public.post(url, data).status_code == 200
    assert Response.objects.count() == 1
    # Another browser may answer.
    assert client_for(None).post(url, data).status_code == 302
    assert Response.objects.count() == 2


def test_edit_a_draft_keeps_the_form_on_a_concurrent_edit(world: sw.World) -> None:
    survey = draft(world)
    client = client_for(world.admin)
    url = reverse("analysis:survey-edit", args=[survey.pk])
    assert client.get(url).status_code == 200
    data = {
        "version": survey.version,
        "instrument": world.self_assessment.pk,
        "title": "Ny tittel",
        "audience": "INVITED",
        "target_units": [world.sorby.pk],
    }
    assert client.post(url, data).status_code == 302
    survey.refresh_from_db()
    assert survey.title == "Ny tittel"
    stale = client.post(url, {**data, "title": "Min utgave"})
    assert stale.status_code == 200
    page = stale.content.decode()
    assert "Someone else saved this" in page
    assert 'value="Min utgave"' in page
    assert "What is saved now" in page
    assert client_for(world.teacher).get(url).status_code == 403
    assert client_for(world.stranger_admin).get(url).status_code == 404


def test_remind_and_delete_through_the_pages(
    world: sw.World, django_capture_on_commit_callbacks
) -> None:
    survey, tokens = sw.open_round(
        world, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    client = client_for(world.admin)
    assert (
        client_for(world.teacher)
        .post(reverse("analysis:survey-remind", args=[survey.pk]))
        .status_code
        == 403
    )
    before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("analysis:survey-remind", args=[survey.pk]))
    assert len(mail.outbox) - before == len(tokens)
    other = draft(world)
    assert (
        client_for(world.stranger_admin)
        .post(reverse("analysis:survey-delete", args=[other.pk]))
        .status_code
        == 404
    )
    client.post(reverse("analysis:survey-delete", args=[other.pk]))
    assert not Survey.objects.filter(pk=other.pk).exists()


def test_own_questionnaire_pages(world: sw.World) -> None:
    client = client_for(world.admin)
    assert client.get(reverse("analysis:instrument-list")).status_code == 200
    assert client_for(world.teacher).get(reverse("analysis:instrument-list")).status_code == 403
    url = reverse("analysis:instrument-create")
    bad = client.post(
        url, {"title": "Eget skjema", "kind": "EMPLOYEE", "questions": "Godt\n| bare valg"}
    )
    assert bad.status_code == 200
    assert "Line 2 has no question" in bad.content.decode()
    assert "Eget skjema" in bad.content.decode()
    good = client.post(url, {"title": "Eget skjema", "kind": "EMPLOYEE", "questions": "Godt"})
    assert good.status_code == 302
    page = client.get(reverse("analysis:instrument-list")).content.decode()
    assert "Eget skjema" in page
