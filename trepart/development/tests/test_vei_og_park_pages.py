"""Vei og park from mandate to the council's decision, through the pages only.

The world (a municipality, its tripartite body that gave the mandate, a coming meeting, the
unit and its people) is made as rows; after that every step is a page: each is opened, must
answer 200 with what it should show, and its form is posted as the page's HTML would post it
(``page_forms`` reads the form off the page). Privacy is checked along the way: an outsider
employee, a visitor, and the parties' hidden weights.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from trepart.development.tests.page_forms import page_form
from trepart.development.tests.project_steps import MEETING_DAY, NOW, at
from trepart.development.tests.vei_og_park_town import MANDATE_TITLE, Town, town_build
from trepart.organisation.models import Party
from trepart.platform.models import Notification

pytestmark = pytest.mark.django_db

DECIDED_ON = datetime.date(2026, 4, 20)


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _page(client: Client, url: str, **extra: Any) -> str:
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return str(response.content.decode())


def _post(client: Client, url: str, data: Any, *, to: str = "") -> str:
    """Post and follow the redirect; the answer must be a redirect (to ``to`` if given)."""
    response = client.post(url, data)
    assert response.status_code == 302, (url, response.status_code, _errors(response))
    if to:
        assert response["Location"] == to, response["Location"]
    return _page(client, response["Location"])


def _errors(response: Any) -> str:
    text = response.content.decode()
    found = re.findall(r'class="ds-validation-message"[^>]*>(.*?)</', text, re.S)
    found += re.findall(r'data-color="danger"[^>]*>(.*?)</div>', text, re.S)
    return " | ".join(" ".join(f.split()) for f in found)[:2000]


def _plain(text: str) -> str:
    """Page text with its non-breaking spaces as plain spaces, for number checks."""
    return text.replace("\xa0", " ").replace("&nbsp;", " ").replace("\u202f", " ")


# The portfolio: name → (statutory minimum, {level: (yearly cost, FTEs, quality)}).
TASKS: dict[str, tuple[str, dict[str, tuple[int, str, int]]]] = {
    "Brøyting": (
        "",
        {"REMOVE": (0, "0", 0), "LOWER": (1_900_000, "2.8", 6), "KEEP": (2_400_000, "3.5", 8)},
    ),
    "Gatelys": (
        "LOWER",
        {
            "REMOVE": (0, "0", 0),
            "LOWER": (2_600_000, "0.9", 5),
            "KEEP": (3_000_000, "1", 7),
            "RAISE": (3_300_000, "1.2", 9),
        },
    ),
    "Gressklipping": (
        "",
        {"REMOVE": (0, "0", 0), "LOWER": (500_000, "0.8", 4), "KEEP": (800_000, "1.2", 6)},
    ),
    "Feiing": ("", {"LOWER": (350_000, "0.5", 3), "KEEP": (600_000, "0.9", 5)}),
}
# The most the portfolio can save with Brøyting locked at LOWER (Gatelys no lower than the
# law allows).
MAX_SAVING = 500_000 + 400_000 + 800_000 + 250_000


def _create_project(town: Town) -> int:
    """Step 2: a member of the body starts the service review from its mandate item."""
    client = _client(town.union_rep)
    url = reverse("development:project_create")
    page = _page(client, url)
    assert MANDATE_TITLE in page
    form = page_form(page, "")
    assert {"mandate_item", "members_administration", "members_employee", "informed"} <= form.names
    employees = [town.shop_steward.person, *town.workers]
    data = form.submit(
        kind="SERVICE_REVIEW",
        title="Tjenestegjennomgang Vei og park",
        summary="Hele tjenesten gjennomgås oppgave for oppgave.",
        mandating_body=town.body.pk,
        mandate_item=town.mandate.pk,
        mandate="Finn 1 mill. kr i varig innsparing med minst mulig tap av kvalitet.",
        leader=town.leader.person.pk,
        members_administration=[town.leader.person.pk],
        members_employee=[p.pk for p in employees],
        members_political=[],
        members_service_user=[],
        informed=[town.informed.person.pk],
        units=[town.unit.pk],
        starts_on="2026-03-02",
        ends_on="2026-12-31",
        visibility="INTERNAL",
        savings_target="1000000",
        standard_phases="on",
    )
    response = client.post(url, data)
    assert response.status_code == 302, _errors(response)
    pk = int(response["Location"].rstrip("/").rsplit("/", 1)[1])
    detail = _page(client, response["Location"])
    assert "Tjenestegjennomgang Vei og park" in detail
    for person in [town.leader.person, *employees]:
        assert person.last_name in detail
    assert "Ordfører" in detail  # kept informed
    return pk


def _task_data(form: Any, name: str, minimum: str, levels: dict[str, Any]) -> Any:
    keep_cost, keep_ftes, keep_quality = levels["KEEP"]
    changes: dict[str, Any] = {
        "name": name,
        "yearly_cost": keep_cost,
        "ftes": keep_ftes,
        "KEEP_quality": keep_quality,
        "statutory": "on" if minimum else None,
        "statutory_minimum": minimum,
    }
    for kind in ("REMOVE", "LOWER", "RAISE"):
        if kind in levels:
            cost, ftes, quality = levels[kind]
            changes |= {
                f"{kind}_on": "on",
                f"{kind}_cost": cost,
                f"{kind}_ftes": ftes,
                f"{kind}_quality": quality,
            }
    return form.submit(**changes)


def _build_portfolio(client: Client, pk: int, town: Town) -> dict[str, int]:
    """Step 3: the tasks with their levels, and the unit's workforce figures."""
    portfolio = reverse("development:portfolio", args=[pk])
    add = reverse("development:task_add", args=[pk])
    for name, (minimum, levels) in TASKS.items():
        form = page_form(_page(client, add), "")
        _post(client, add, _task_data(form, name, minimum, levels), to=portfolio)
    page = _page(client, portfolio)
    for name in TASKS:
        assert name in page
    workforce = reverse("development:workforce", args=[pk])
    form = page_form(_page(client, workforce), "")
    data = form.submit(
        unit=town.unit.pk, year=2026, ftes="7.5", turnover_percent="20", retiring_ftes="2"
    )
    page = _post(client, workforce, data, to=workforce)
    assert "7,5" in page or "7.5" in page
    return _task_ids(_page(client, portfolio))


def _task_ids(portfolio_html: str) -> dict[str, int]:
    found = re.findall(r'<tr id="task-(\d+)">\s*<th scope="row">([^<]+)', portfolio_html)
    return {name.strip(): int(task) for task, name in found}


WEIGHTS = {
    Party.ADMINISTRATION: {"Brøyting": 8, "Gatelys": 9, "Gressklipping": 3, "Feiing": 4},
    Party.EMPLOYEE: {"Brøyting": 6, "Gatelys": 7, "Gressklipping": 7, "Feiing": 2},
}
AGREED = {"Brøyting": "7", "Gatelys": "8", "Gressklipping": "4", "Feiing": "3"}


def _weigh(client: Client, pk: int, tasks: dict[str, int], weights: dict[str, int]) -> str:
    """One party records its weights and finishes."""
    url = reverse("development:weighing", args=[pk])
    page = _page(client, url)
    assert 'id="side-by-side"' not in page
    # The page's forms go back to the page of tasks they showed (the first, here).
    sent = f"{url}?page=1"
    form = page_form(page, sent)
    changes = {f"weight_{tasks[name]}": value for name, value in weights.items()}
    page = _post(client, sent, form.submit(**changes), to=sent)
    saved = page_form(page, sent).data
    assert {k: saved[k] for k in changes} == {k: [str(v)] for k, v in changes.items()}
    finish = reverse("development:weighing_finish", args=[pk])
    return _post(client, finish, page_form(page, finish).submit(), to=url)


def _weighing(group: Client, steward: Client, pk: int, tasks: dict[str, int]) -> None:
    """Step 4: each party weighs on its own; the weights open when both have finished."""
    url = reverse("development:weighing", args=[pk])
    page = _weigh(group, pk, tasks, WEIGHTS[Party.ADMINISTRATION])
    assert 'id="side-by-side"' not in page
    # Before the employees have finished, nobody sees another party's weights.
    steward_page = _page(steward, url)
    assert 'id="side-by-side"' not in steward_page
    assert 'name="agreed_' not in steward_page
    # Only the two parties in the group weigh: the politicians were kept informed.
    assert "Administration: finished" in steward_page
    assert "Employees: not finished" in steward_page
    assert "Elected politicians" not in steward_page
    steward_form = page_form(steward_page, f"{url}?page=1")
    assert steward_form.data.get(f"weight_{tasks['Gressklipping']}") == [""]
    page = _weigh(steward, pk, tasks, WEIGHTS[Party.EMPLOYEE])
    assert 'id="side-by-side"' in page
    assert "Elected politicians" not in page  # no column for a party that does not weigh
    page = _page(group, url)
    assert 'id="side-by-side"' in page
    rows = dict(re.findall(r'<tr data-task="(\d+)">\s*<th scope="row">([^<]+)</th>', page))
    # The largest disagreement first: Gressklipping (3 against 7).
    assert next(iter(rows.values())) == "Gressklipping"
    agreed_url = reverse("development:weighing_agreed", args=[pk]) + "?page=1"
    form = page_form(page, agreed_url)
    # Feiing keeps the weight the page offers (the mean, 3), as the browser sends it.
    changes = {f"agreed_{tasks[n]}": value for n, value in AGREED.items() if n != "Feiing"}
    assert form.data[f"agreed_{tasks['Feiing']}"] == ["3.0"]
    page = _post(group, agreed_url, form.submit(**changes), to=f"{url}?page=1")
    stored = page_form(page, agreed_url).data
    assert {k: stored[f"agreed_{v}"] for k, v in tasks.items()} == {
        k: [f"{v}.0"] for k, v in AGREED.items()
    }


def _lock(group: Client, pk: int, task: int, level: str) -> None:
    """The group locks a task at a level from the portfolio."""
    portfolio = reverse("development:portfolio", args=[pk])
    lock = reverse("development:task_lock", args=[pk, task])
    form = page_form(_page(group, portfolio), lock)
    page = _post(group, lock, form.submit(level=level), to=portfolio)
    assert page_form(page, lock).data["level"] == [level]


def _saving(html: str) -> int:
    found = re.search(r'data-testid="plan-saving">([^<]+) kr<', _plain(html))
    assert found, "no saving on the page"
    return int(found.group(1).replace(" ", ""))


def _plan(group: Client, pk: int, tasks: dict[str, int]) -> int:
    """Step 5: the plan from the group's inputs, re-solved by htmx, kept and chosen."""
    url = reverse("development:plan", args=[pk])
    page = _page(group, url)
    form = page_form(page, url)
    # The group's lock is the page's default lock; the project's target its target.
    assert form.data[f"lock_{tasks['Brøyting']}"] == ["LOWER"]
    assert form.data["target"] == ["1000000"]
    # The first paint shows the inputs and asks for the plan with htmx, as the page does.
    assert 'data-testid="plan-pending"' in page
    result_url = reverse("development:plan_result", args=[pk])
    page = _page(group, result_url, data=form.submit(), HTTP_HX_REQUEST="true")
    assert _saving(page) >= 1_000_000
    # Without JavaScript the form's button gives the whole page with the plan.
    assert _saving(_page(group, url, data=form.submit())) == _saving(page)
    assert "sparer" in page  # the plan explained in Norwegian
    assert re.search(f'data-task="{tasks["Brøyting"]}" data-kind="LOWER"', page)
    # Gatelys is statutory at LOWER: never removed, though removing it would save the most.
    assert not re.search(f'data-task="{tasks["Gatelys"]}" data-kind="REMOVE"', page)
    # A changed target: htmx asks for the page with the form's fields and gets the fragment.
    fragment = _page(group, url, data=form.submit(target=1_500_000), HTTP_HX_REQUEST="true")
    assert "<html" not in fragment and 'id="plan-form"' in fragment
    assert 1_500_000 <= _saving(fragment) < MAX_SAVING
    capped = _page(group, url, data=form.submit(target=5_000_000), HTTP_HX_REQUEST="true")
    assert 'data-color="warning"' in capped
    assert _saving(capped) == MAX_SAVING
    assert f"{MAX_SAVING:,}".replace(",", " ") + " kr" in _plain(capped)
    # The group keeps the plan for the target, and marks it as its choice.
    save = reverse("development:plan_save", args=[pk])
    response = group.post(save, page_form(page, save).submit())
    assert response.status_code == 302, _errors(response)
    kept = _page(group, response["Location"])
    plan_pk = int(response["Location"].rstrip("/").rsplit("/", 1)[1])
    choose = reverse("development:plan_choose", args=[pk, plan_pk])
    _post(group, choose, page_form(kept, choose).submit(), to=response["Location"])
    page = _page(group, url)
    assert "Valgt av gruppen" in page or "Chosen by the group" in page
    return plan_pk


def _to_the_body(group: Client, pk: int, town: Town) -> None:
    """Step 6: a status report and the recommendation go on the body's coming meeting."""
    detail = reverse("development:project_detail", args=[pk])
    for name, text in (
        ("development:report_send", "Gruppen har vektet oppgavene og valgt en plan."),
        ("development:recommendation_send", "Gruppen anbefaler planen som sparer 1 mill. kr."),
    ):
        url = reverse(name, args=[pk])
        form = page_form(_page(group, url), "")
        assert str(town.meeting.pk) in form.options["meeting"]
        _post(group, url, form.submit(text=text, meeting=town.meeting.pk), to=detail)
    # The politician kept informed is told of the report (the outbox, read as rows).
    politician = town.informed.person
    assert Notification.objects.filter(
        email__in=[e for e in (politician.email, town.informed.email) if e]
    ).exists()
    secretary = _client(town.secretary)
    meeting_url = reverse("meetings:meeting-detail", args=[town.meeting.pk])
    agenda = _page(secretary, meeting_url)
    assert "Gruppen har vektet oppgavene" in agenda
    assert "Gruppen anbefaler planen" in agenda
    assert "trepart-snapshot" in agenda and "Gressklipping" in agenda  # the frozen plan
    publish = reverse("meetings:meeting-publish", args=[town.meeting.pk])
    form = page_form(_page(secretary, publish), "")
    _post(secretary, publish, form.submit(), to=meeting_url)


def _at_the_meeting(town: Town) -> None:
    """Step 6, at the meeting: the secretary records that the parties agreed."""
    secretary = _client(town.secretary)
    agenda = _page(secretary, reverse("meetings:meeting-detail", args=[town.meeting.pk]))
    found = re.search(r'href="([^"]*/saker/\d+/utfall/)"[^>]*>[^<]*Innstilling', agenda)
    assert found, "no outcome link for the recommendation"
    url = found.group(1)
    form = page_form(_page(secretary, url), "", having=("op", "outcome"))
    data = form.submit(outcome="CONSENSUS", outcome_text="Partene slutter seg til innstillingen.")
    _post(secretary, url, data, to=url)


def _decision(group: Client, pk: int) -> None:
    """Step 7: the council's decision is recorded on the project."""
    detail = reverse("development:project_detail", args=[pk])
    url = reverse("development:decision_record", args=[pk])
    form = page_form(_page(group, url), "")
    data = form.submit(
        decision_maker="COUNCIL",
        adopted="yes",
        text="Kommunestyret vedtar planen for Vei og park.",
        votes="Enstemmig",
        decided_on=DECIDED_ON.isoformat(),
    )
    page = _post(group, url, data, to=detail)
    assert "Kommunestyret vedtar planen for Vei og park." in page
    assert "Enstemmig" in page


EMPLOYEE_NAMES = ("Veisjef", "Tillitsvalgt", "Asfalt", "Plenklipper", "Utenfor")


def _kept_out(town: Town, pk: int) -> None:
    """An outsider employee sees a summary and none of the review; a visitor nothing."""
    outsider = _client(town.outsider)
    summary = _page(outsider, reverse("development:project_detail", args=[pk]))
    assert "Tjenestegjennomgang Vei og park" in summary
    # The summary names the leader, not the group's members.
    assert "Tillitsvalgt" not in summary and "Asfalt" not in summary
    assert "Finn 1 mill. kr i varig innsparing" not in summary  # the mandate
    for name in ("portfolio", "weighing", "plan", "workforce"):
        assert outsider.get(reverse(f"development:{name}", args=[pk])).status_code == 403
    visitor = _client()
    public = reverse("development:public_project", args=[pk])
    assert visitor.get(public).status_code == 404
    number = town.unit.municipality.organisation_number
    listing = _page(visitor, reverse("development:project_list") + f"?kommune={number}")
    assert "Tjenestegjennomgang Vei og park" not in listing
    for name in ("project_detail", "portfolio", "plan"):
        response = visitor.get(reverse(f"development:{name}", args=[pk]))
        assert response.status_code == 302 and "/login/" in response["Location"]


def _decided(group: Client, pk: int, town: Town) -> None:
    """Step 7: DECIDED on the project, the plan's savings in the ledger, a public page."""
    detail = _page(group, reverse("development:project_detail", args=[pk]))
    assert "Vedtatt" in detail  # DECIDED
    assert "Kommunestyret vedtar planen for Vei og park." in detail
    # The municipality's ledger lists its sectors; the unit's own page has the measures.
    ledger = _plain(_page(group, reverse("development:ledger")))
    assert (town.unit.parent or town.unit).name in ledger
    unit_page = _plain(
        _page(group, reverse("development:ledger_unit", args=[town.unit.pk]) + "?aar=2027")
    )
    # The plan's choices (Brøyting lowered saves 500 000, Gressklipping removed 800 000,
    # Gatelys raised costs 300 000) are planned for each of the three budget years after
    # the decision: the ledger books the plan's net saving.
    assert "Planlagt 1 000 000 kr" in " ".join(re.sub(r"<[^>]+>", " ", unit_page).split())
    assert "2029" in unit_page
    # The municipality opens the project to the public once it is decided.
    edit = reverse("development:project_edit", args=[pk])
    form = page_form(_page(group, edit), "")
    _post(
        group,
        edit,
        form.submit(visibility="PUBLIC"),
        to=reverse("development:project_detail", args=[pk]),
    )
    public = _page(_client(), reverse("development:public_project", args=[pk]))
    assert "Tjenestegjennomgang Vei og park" in public
    assert "Kommunestyret vedtar planen for Vei og park." in public
    for name in EMPLOYEE_NAMES:
        assert name not in public
    # Per-task FTE effects (Brøyting -0.7, Gressklipping -1.2) stay inside the group.
    plain = _plain(public)
    for effect in ("0,70", "0.70", "1,20", "1.20", "0,7 ", "1,2 "):
        assert effect not in plain


def test_vei_og_park_from_mandate_to_the_councils_decision() -> None:
    with time_machine.travel(NOW, tick=False):
        town = town_build()
        pk = _create_project(town)
        group = _client(town.leader)
        tasks = _build_portfolio(group, pk, town)
        assert sorted(tasks) == sorted(TASKS)
        steward = _client(town.shop_steward)
        _weighing(group, steward, pk, tasks)
        _lock(group, pk, tasks["Brøyting"], "LOWER")
        _kept_out(town, pk)
        _plan(group, pk, tasks)
        _to_the_body(group, pk, town)
    with time_machine.travel(at(MEETING_DAY, 19), tick=False):
        _at_the_meeting(town)
    with time_machine.travel(at(DECIDED_ON, 12), tick=False):
        group = _client(town.leader)
        _decision(group, pk)
        _decided(group, pk, town)
