"""Sending and following proposals through the pages: employees, citizens, tracking links."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.organisation.tests.factories import BodyFactory, PersonFactory, UnitFactory
from trepart.platform.files.content import MAX_SIZE
from trepart.proposals import services
from trepart.proposals.models import Attachment, Event, Proposal, Source, Status, Support

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _visitors_read_english(client: Client) -> None:
    """Visitors without a login get the language their browser asks for; these tests read
    the English text (without it the municipality's bokmål is served)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def town():
    municipality = MunicipalityFactory.create(require_mfa_for_admins=False, name="Eikvik")
    school = UnitFactory.create(municipality=municipality, name="Bakken skole")
    kindergarten = UnitFactory.create(municipality=municipality, name="Solsida barnehage")
    lmu = BodyFactory.create(
        municipality=municipality, kind="LMU", unit=school, name="LMU Bakken skole"
    )
    group = BodyFactory.create(
        municipality=municipality, kind="COORDINATION", name="Koordineringsgruppa"
    )
    user = UserFactory.create(municipality=municipality, username="lærer")
    PersonFactory.create(municipality=municipality, user=user, first_name="Kari", last_name="Lærer")
    return {
        "municipality": municipality,
        "school": school,
        "kindergarten": kindergarten,
        "lmu": lmu,
        "group": group,
        "user": user,
    }


def logged_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def employee_post(town, **changes):
    data = {
        "title": "Felles lunsjrom for lærerne",
        "description": "Lærerne spiser i klasserommene. Et lunsjrom gir pause og fellesskap.",
        "units": [str(town["school"].pk)],
    }
    data.update(changes)
    return data


def citizen_post(**changes):
    data = {
        "title": "Benker langs elvestien",
        "description": "Eldre som går tur langs elva trenger steder å hvile underveis.",
        "proposer_name": "Per Innbygger",
        "proposer_email": "",
    }
    data.update(changes)
    return data


def submitted_by_citizen(town, **changes) -> Proposal:
    values: dict[str, Any] = {
        "title": "Lys i lysløypa",
        "description": "Lysløypa er mørk etter klokka ni om kvelden hele vinteren.",
        "proposer_name": "Siri Skjult",
        "hide_name": True,
    }
    values.update(changes)
    return services.proposal_submit(actor=None, municipality=town["municipality"], **values)


# ---------------------------------------------------------------------------------------
# Employees


def test_employee_proposal_goes_to_the_units_lmu_with_its_attachment(town):
    client = logged_in(town["user"])
    upload = SimpleUploadedFile("skisse.pdf", PDF, content_type="application/octet-stream")
    response = client.post(
        reverse("proposals:new"), employee_post(town, attachments=[upload]), follow=False
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("proposals:detail", args=[proposal.pk])
    assert proposal.body == town["lmu"]
    assert proposal.source == Source.EMPLOYEE
    assert proposal.submitted_by == town["user"]
    attachment = proposal.attachments.get()
    assert attachment.name == "skisse.pdf"
    assert attachment.content_type == "application/pdf"
    stored = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("LMU Bakken skole" in m for m in stored)


def test_employee_form_shows_the_units_and_the_file_field(town):
    response = logged_in(town["user"]).get(reverse("proposals:new"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Bakken skole" in content and "Solsida barnehage" in content
    assert 'type="file"' in content and "multiple" in content and 'accept=".pdf' in content
    assert 'aria-live="polite"' in content


def test_the_new_proposal_page_needs_a_login(town):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(reverse("proposals:new"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_missing_fields_keep_what_was_typed_and_say_what_is_missing(town):
    client = logged_in(town["user"])
    response = client.post(
        reverse("proposals:new"),
        {"title": "Et forslag uten beskrivelse", "description": "", "needs_money": "on"},
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert Proposal.objects.count() == 0
    assert 'value="Et forslag uten beskrivelse"' in content
    assert "Choose the unit or units the proposal affects." in content
    assert "Files are not kept" in content


def test_a_cost_without_an_estimate_is_refused_on_the_field(town):
    client = logged_in(town["user"])
    response = client.post(reverse("proposals:new"), employee_post(town, needs_money="on"))
    assert response.status_code == 400
    assert "Give an estimate in whole kroner" in response.content.decode()
    assert Proposal.objects.count() == 0


def test_an_oversized_file_is_refused_and_nothing_is_saved(town):
    client = logged_in(town["user"])
    big = SimpleUploadedFile("stor.pdf", PDF + b"0" * MAX_SIZE, content_type="application/pdf")
    response = client.post(reverse("proposals:new"), employee_post(town, attachments=[big]))
    assert response.status_code == 400
    assert "is too large" in response.content.decode()
    assert Proposal.objects.count() == 0
    assert Attachment.objects.count() == 0


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" * 8, b"just some plain text, no pdf"],
)
def test_a_file_disguised_by_its_name_is_refused_and_nothing_is_saved(town, content):
    client = logged_in(town["user"])
    fake = SimpleUploadedFile("rapport.pdf", content, content_type="application/pdf")
    response = client.post(reverse("proposals:new"), employee_post(town, attachments=[fake]))
    assert response.status_code == 400
    assert "its content was checked, not its name" in response.content.decode()
    assert Proposal.objects.count() == 0


def test_an_unknown_unit_is_refused(town):
    other = UnitFactory.create()  # in another municipality
    client = logged_in(town["user"])
    response = client.post(reverse("proposals:new"), employee_post(town, units=[str(other.pk)]))
    assert response.status_code == 400
    assert "does not exist in this municipality" in response.content.decode()
    assert Proposal.objects.count() == 0


def test_my_proposals_lists_only_mine_and_flags_the_overdue(town, time_machine):
    time_machine.move_to("2026-09-01 12:00")
    mine = services.proposal_submit(
        actor=town["user"],
        municipality=town["municipality"],
        title="Gammelt forslag",
        description="Dette forslaget har ventet lenge på svar.",
        unit_ids=[town["school"].pk],
    )
    submitted_by_citizen(town, title="Noen andres forslag")
    time_machine.move_to("2026-11-23 12:00")
    response = logged_in(town["user"]).get(reverse("proposals:mine"))
    content = response.content.decode()
    assert mine.title in content
    assert "Noen andres forslag" not in content
    assert "Overdue" in content


# ---------------------------------------------------------------------------------------
# Similar proposals, support, withdrawal


def test_similar_proposals_are_shown_to_employees_with_a_support_button(town):
    existing = submitted_by_citizen(town, title="Benker langs elvestien ved skolen")
    response = logged_in(town["user"]).get(
        reverse("proposals:similar"), {"title": "benker elvestien", "description": ""}
    )
    content = response.content.decode()
    assert existing.title in content
    assert reverse("proposals:support", args=[existing.pk]) in content
    assert "Koordineringsgruppa" in content


def test_similar_proposals_for_citizens_show_no_names_and_no_support(town):
    existing = submitted_by_citizen(town, title="Benker langs elvestien", hide_name=False)
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(
        reverse("proposals:public_similar"),
        {"title": "benker elvestien", "kommune": town["municipality"].organisation_number},
    )
    content = response.content.decode()
    assert existing.title in content
    assert "Siri Skjult" not in content
    assert reverse("proposals:support", args=[existing.pk]) not in content


def test_checking_for_similar_without_javascript_keeps_the_form(town):
    submitted_by_citizen(town, title="Benker langs elvestien")
    response = logged_in(town["user"]).post(
        reverse("proposals:new"),
        {"title": "Flere benker ved elvestien", "description": "", "check_similar": "1"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Benker langs elvestien" in content
    assert 'value="Flere benker ved elvestien"' in content
    assert Proposal.objects.count() == 1


def test_an_employee_supports_a_proposal_once_only(town):
    existing = submitted_by_citizen(town)
    client = logged_in(town["user"])
    url = reverse("proposals:support", args=[existing.pk])
    first = client.post(url, follow=True)
    second = client.post(url, follow=True)
    assert Support.objects.filter(proposal=existing).count() == 1
    existing.refresh_from_db()
    assert existing.support_count == 1
    assert "You now support" in " ".join(str(m) for m in first.context["messages"])
    assert "You already support this proposal." in " ".join(
        str(m) for m in second.context["messages"]
    )


def test_support_from_another_municipality_is_not_found(town):
    existing = submitted_by_citizen(town)
    stranger = UserFactory.create()
    response = logged_in(stranger).post(reverse("proposals:support", args=[existing.pk]))
    assert response.status_code == 404
    assert Support.objects.count() == 0


def test_only_the_proposer_withdraws(town):
    proposal = services.proposal_submit(
        actor=town["user"],
        municipality=town["municipality"],
        title="Trekkes senere",
        description="Et forslag som forslagsstilleren trekker tilbake.",
        unit_ids=[town["school"].pk],
    )
    colleague = UserFactory.create(municipality=town["municipality"])
    url = reverse("proposals:withdraw", args=[proposal.pk])
    refused = logged_in(colleague).post(url, {"version": proposal.version})
    assert refused.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED

    logged_in(town["user"]).post(url, {"version": proposal.version})
    proposal.refresh_from_db()
    assert proposal.status == Status.WITHDRAWN


def test_a_stale_withdrawal_is_refused_with_a_message(town):
    proposal = submitted_by_citizen(town)
    services.proposal_take_up(actor=None, proposal=proposal)
    response = Client(HTTP_ACCEPT_LANGUAGE="en").post(
        reverse("proposals:track_withdraw", args=[proposal.tracking_code]),
        {"version": "1"},
        follow=True,
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.UNDER_CONSIDERATION
    assert "changed while you were reading" in response.content.decode()


# ---------------------------------------------------------------------------------------
# Citizens and the tracking page


def test_a_citizen_sends_a_proposal_without_e_mail_and_lands_on_the_tracking_page(town):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").post(
        reverse("proposals:public_new") + f"?kommune={town['municipality'].organisation_number}",
        citizen_post(),
        follow=True,
    )
    proposal = Proposal.objects.get()
    assert proposal.source == Source.CITIZEN
    assert proposal.body == town["group"]
    assert proposal.proposer_email == ""
    assert response.redirect_chain[-1][0] == reverse(
        "proposals:track", args=[proposal.tracking_code]
    )
    content = response.content.decode()
    assert "Bookmark this page" in content
    assert "You gave no e-mail address" in content
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]


def test_the_only_municipality_needs_no_choice_and_several_get_a_chooser(town):
    only = Client(HTTP_ACCEPT_LANGUAGE="en").get(reverse("proposals:public_new"))
    assert only.status_code == 200
    assert 'name="website"' in only.content.decode()
    MunicipalityFactory.create(name="Nabokommunen")
    chooser = Client(HTTP_ACCEPT_LANGUAGE="en").get(reverse("proposals:public_new"))
    content = chooser.content.decode()
    assert "Nabokommunen" in content and "Eikvik" in content
    assert 'name="title"' not in content


def test_a_filled_trap_field_saves_nothing(town):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").post(
        reverse("proposals:public_new"), citizen_post(website="https://spam.invalid")
    )
    assert response.status_code == 400
    assert Proposal.objects.count() == 0
    assert Event.objects.count() == 0


def test_a_citizens_bad_e_mail_is_refused_on_the_field(town):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").post(
        reverse("proposals:public_new"), citizen_post(proposer_email="x@")
    )
    assert response.status_code == 400
    assert 'value="Benker langs elvestien"' in response.content.decode()
    assert Proposal.objects.count() == 0


def test_an_unknown_tracking_code_is_not_found(town):
    submitted_by_citizen(town)
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(
        reverse("proposals:track", args=["not-a-real-code"])
    )
    assert response.status_code == 404


def test_the_tracking_page_shows_no_hidden_name_no_actor_and_no_positions(town):
    proposal = submitted_by_citizen(town, proposer_email="siri@example.invalid")
    handler = UserFactory.create(
        municipality=town["municipality"], first_name="Hanne", last_name="Handler"
    )
    services.proposal_take_up(actor=handler, proposal=proposal)
    services.proposal_answer(
        actor=handler,
        proposal=proposal,
        kind="REJECTED",
        reason="Kommunen har ikke strøm fram til løypa, og en ny linje koster for mye nå.",
    )
    Event.objects.create(
        municipality=town["municipality"],
        proposal=proposal,
        kind=Event.Kind.POSITION,
        body=proposal.body,
        reason="Medlemmets private begrunnelse",
        data={"person": "Ola Medlem"},
    )
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(
        reverse("proposals:track", args=[proposal.tracking_code])
    )
    content = response.content.decode()
    assert "Siri Skjult" not in content
    assert "siri@example.invalid" not in content
    assert "Handler" not in content
    assert "Ola Medlem" not in content and "private begrunnelse" not in content
    assert "Kommunen har ikke strøm" in content
    assert "Rejected" in content
    assert "We write to the e-mail address you gave" in content


def test_the_tracking_link_withdraws_an_open_proposal(town):
    proposal = submitted_by_citizen(town)
    Client(HTTP_ACCEPT_LANGUAGE="en").post(
        reverse("proposals:track_withdraw", args=[proposal.tracking_code]),
        {"version": str(proposal.version)},
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.WITHDRAWN


# ---------------------------------------------------------------------------------------
# Attachments


@pytest.fixture
def with_attachment(town):
    upload = SimpleUploadedFile("kart.pdf", PDF, content_type="application/pdf")
    return submitted_by_citizen(town, files=[upload])


def test_an_attachment_is_served_to_the_municipality_as_a_download(town, with_attachment):
    item = with_attachment.attachments.get()
    response = logged_in(town["user"]).get(reverse("proposals:attachment", args=[item.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]


def test_an_attachment_is_hidden_from_another_municipality(town, with_attachment):
    item = with_attachment.attachments.get()
    stranger = UserFactory.create()
    url = reverse("proposals:attachment", args=[item.pk])
    assert logged_in(stranger).get(url).status_code == 404
    assert Client(HTTP_ACCEPT_LANGUAGE="en").get(url).status_code == 404
    assert Client(HTTP_ACCEPT_LANGUAGE="en").get(url, {"code": "wrong"}).status_code == 404


def test_an_attachment_is_served_with_the_tracking_code(town, with_attachment):
    item = with_attachment.attachments.get()
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(
        reverse("proposals:attachment", args=[item.pk]), {"code": with_attachment.tracking_code}
    )
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "no-referrer"
