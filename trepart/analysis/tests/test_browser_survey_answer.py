"""A real browser: an administrator makes and opens a round; an invited person answers it
through the link in their e-mail. axe-core checks every page."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from trepart.analysis.models import Answer, Invitation, Question, Response, Survey
from trepart.analysis.services import surveys as services
from trepart.analysis.tests import survey_world as sw

pytestmark = pytest.mark.browser


def test_a_person_answers_through_the_link_in_the_email(
    browser_page: Page, visit: Any, assert_accessible: Any
) -> None:
    world = sw.build_world()
    survey, tokens = sw.open_round(world)  # the live server's database commits: mail is sent
    message = next(m for m in mail.outbox if m.to == ["tina@fjordvik.invalid"])
    link = sw.LINK.search(str(message.body))
    assert link is not None
    path = link.group(0)
    page = browser_page

    visit(page, path)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Status i egen kommune")
    questions = services.questions_of(survey)
    scale = [q for q in questions if q.kind == Question.Kind.SCALE]
    text = next(q for q in questions if q.kind == Question.Kind.TEXT)
    # Every scale question is a group with its question as the name.
    expect(page.locator("fieldset")).to_have_count(len(scale))

    # Answer all but the last scale question, and write something: the page comes back
    # with a clear message, keeping what was chosen and written.
    for question in scale[:-1]:
        page.locator(f'input[name="q{question.pk}"][value="4"]').check()
    page.locator(f'textarea[name="q{text.pk}"]').fill("Mer tid til dialog i LMU.")
    page.locator("form.trepart-form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator(f'input[name="q{scale[0].pk}"][value="4"]')).to_be_checked()
    expect(page.locator(f'textarea[name="q{text.pk}"]')).to_have_value("Mer tid til dialog i LMU.")
    assert not Response.objects.exists()

    page.locator(f'input[name="q{scale[-1].pk}"][value="2"]').check()
    page.locator("form.trepart-form button[type=submit]").click()
    page.wait_for_url("**/analyse/svar/takk/")
    assert_accessible(page)
    response = Response.objects.get()
    assert response.unit_id == world.nordby.pk
    assert Answer.objects.filter(response=response, value=4).count() == len(scale) - 1
    assert Answer.objects.get(response=response, question=text).text == (
        "Mer tid til dialog i LMU."
    )
    invitation = Invitation.objects.get(person=world.person(world.teacher))
    assert invitation.answered and invitation.token_hash == ""

    # The link is spent: a friendly page, not a form.
    again = page.goto(path)
    assert again is not None and again.status == 404
    assert_accessible(page)
    expect(page.locator("form.trepart-form")).to_have_count(0)
    assert Response.objects.count() == 1
    assert len(tokens) == Invitation.objects.filter(survey=survey).count()


def test_an_administrator_makes_and_opens_a_round(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    world = sw.build_world()
    page = browser_page
    log_in(page, world.admin.username)
    visit(page, "/analyse/undersokelser/")
    page.locator('a[href="/analyse/undersokelser/ny/"]').click()
    page.wait_for_load_state("load")
    assert_accessible(page)

    page.locator("#id_title").fill("Status i egen kommune")
    page.locator("#id_round_label").fill("Høst 2026")
    today = timezone.localdate()
    page.locator("#id_opens_on").fill(str(today + datetime.timedelta(days=10)))
    page.locator("#id_closes_on").fill(str(today + datetime.timedelta(days=5)))
    page.locator("form.trepart-form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("Status i egen kommune")
    assert not Survey.objects.exists()

    page.locator("#id_closes_on").fill(str(today + datetime.timedelta(days=40)))
    page.locator("#id_target_units").select_option(label="Nordby skole")
    page.locator("form.trepart-form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    survey = Survey.objects.get()
    assert survey.status == Survey.Status.DRAFT

    page.locator(f'form[action="/analyse/undersokelser/{survey.pk}/apne/"] button').click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
    assert len(mail.outbox) == Invitation.objects.filter(survey=survey).count() == 6


def test_my_surveys_a_new_link_and_the_public_link(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    world = sw.build_world()
    _survey, tokens = sw.open_round(world)
    page = browser_page
    log_in(page, world.teacher.username)
    visit(page, "/analyse/undersokelser/")
    visit(page, "/analyse/undersokelser/mine/")
    before = len(mail.outbox)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert len(mail.outbox) == before + 1
    fresh = sw.tokens_by_email(mail.outbox[before:])["tina@fjordvik.invalid"]
    assert fresh != tokens["tina@fjordvik.invalid"]

    # A user survey through its public link, answered by someone with no login.
    public = services.survey_create(
        actor=world.admin,
        instrument=world.user_survey,
        title="Brukerundersøkelse",
        audience=Survey.Audience.OPEN_LINK,
        units=[world.sector],
    )
    link = services.survey_open(actor=world.admin, survey=public).open_link
    page.context.clear_cookies()
    path = "/" + link.split("/", 3)[3]
    visit(page, path)
    page.locator("#id_unit").select_option(label="Sørby skole")
    for question in services.questions_of(public):
        if question.kind == Question.Kind.SCALE:
            page.locator(f'input[name="q{question.pk}"][value="5"]').check()
    page.locator("form.trepart-form button[type=submit]").click()
    page.wait_for_url("**/analyse/svar/takk/")
    assert_accessible(page)
    assert Response.objects.get(survey=public).unit_id == world.sorby.pk
    visit(page, path)
    expect(page.locator("form.trepart-form")).to_have_count(0)
    assert Response.objects.filter(survey=public).count() == 1


def test_an_administrator_makes_a_questionnaire(
    browser_page: Page, visit: Any, assert_accessible: Any, log_in: Any
) -> None:
    world = sw.build_world()
    page = browser_page
    log_in(page, world.admin.username)
    visit(page, "/analyse/sporreskjema/")
    visit(page, "/analyse/sporreskjema/ny/")
    page.locator("#id_title").fill("Eget skjema")
    page.locator("#id_questions").fill("| uten spørsmål")
    page.locator("form.trepart-form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    expect(page.locator("#error-summary")).to_be_visible()
    page.locator("#id_questions").fill("Jeg trives.\nHvor ofte? | Ofte | Sjelden")
    page.locator("form.trepart-form button[type=submit]").click()
    page.wait_for_url("**/analyse/sporreskjema/")
    assert_accessible(page)
    expect(page.locator("table")).to_contain_text("Eget skjema")
