"""``trepart serve``'s address: the links Trepart builds point to where it listens.

Django reads its settings once, so ``trepart`` puts the address into the environment
before that (``cli.configure_environment``); these tests run that step, then read the
settings as a fresh process would and follow the address into every kind of link.
"""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import icalendar
import pypdf
import pytest
import time_machine
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from trepart.cli import LOCAL_BASE_URL, configure_environment
from trepart.proposals import services as proposal_services
from trepart.proposals.models import Proposal

PORT = 8123
EVERYWHERE = "0.0.0.0"  # noqa: S104 - listening on every address is what is tested
LOCAL_KEY = {"SECRET_KEY": "a-key-so-that-no-key-file-is-written"}


def configured(*argv: str, **environ: str) -> dict[str, str]:
    env = {**LOCAL_KEY, **environ}
    configure_environment(list(argv), env)
    return env


def settings_in_fresh_process(env: dict[str, str], *names: str) -> dict[str, Any]:
    """The named settings as a process started with ``env`` (and no DEBUG) reads them."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in ("TREPART_BASE_URL", "ALLOWED_HOSTS", "DEBUG", "DATABASE_URL", "EMAIL_URL")
    }
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code],
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": "trepart.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return dict(json.loads(done.stdout))


# -- from the command line to the setting ------------------------------------------------


def test_serve_on_another_port_links_to_that_port() -> None:
    env = configured("serve", "--port", str(PORT))
    assert env["TREPART_BASE_URL"] == f"http://127.0.0.1:{PORT}"
    read = settings_in_fresh_process(env, "TREPART_BASE_URL", "ALLOWED_HOSTS")
    assert read["TREPART_BASE_URL"] == f"http://127.0.0.1:{PORT}"
    assert "127.0.0.1" in read["ALLOWED_HOSTS"]


def test_serve_links_to_the_host_it_listens_on() -> None:
    assert configured("serve", "--host=::1", "--port=8124")["TREPART_BASE_URL"] == (
        "http://[::1]:8124"
    )
    env = configured("serve", "--host", "trepart.local", "--port", "8125")
    assert env["TREPART_BASE_URL"] == "http://trepart.local:8125"
    # The site answers at the address its links point to.
    read = settings_in_fresh_process(env, "ALLOWED_HOSTS")
    assert "trepart.local" in read["ALLOWED_HOSTS"]


def test_listening_on_every_address_links_to_the_machine(monkeypatch: Any) -> None:
    """0.0.0.0 opens nothing in a browser: links use the machine's name, or loopback."""
    monkeypatch.setattr(socket, "getfqdn", lambda: "kontor-pc.eikvik.invalid")
    assert configured("serve", "--host", EVERYWHERE, "--port", "8126")["TREPART_BASE_URL"] == (
        "http://kontor-pc.eikvik.invalid:8126"
    )
    assert configured("serve", "--host", "::", "--port", "8126")["TREPART_BASE_URL"] == (
        "http://kontor-pc.eikvik.invalid:8126"
    )
    monkeypatch.setattr(socket, "getfqdn", lambda: "localhost")
    assert configured("serve", "--host", EVERYWHERE, "--port", "8127")["TREPART_BASE_URL"] == (
        "http://127.0.0.1:8127"
    )


def test_a_given_base_url_wins_over_the_listening_address() -> None:
    env = configured("serve", "--port", "8128", TREPART_BASE_URL="https://trepart.eikvik.no")
    assert env["TREPART_BASE_URL"] == "https://trepart.eikvik.no"


def test_other_commands_use_the_local_address_and_a_server_gets_none() -> None:
    assert configured("demo")["TREPART_BASE_URL"] == LOCAL_BASE_URL
    server = configured("migrate", DATABASE_URL="postgres://db.invalid/trepart")
    assert "TREPART_BASE_URL" not in server


def test_serve_keeps_its_mail_out_of_the_terminal() -> None:
    env = configured("serve")
    read = settings_in_fresh_process(env, "EMAIL_BACKEND", "EMAIL_FILE_PATH")
    assert read["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert read["EMAIL_FILE_PATH"].endswith("/trepart-mail")
    given = configured("serve", EMAIL_URL="smtp://mail.eikvik.invalid:25")
    assert given["EMAIL_URL"] == "smtp://mail.eikvik.invalid:25"


def test_without_debug_a_missing_base_url_stops_startup() -> None:
    clean = {k: v for k, v in os.environ.items() if k not in ("TREPART_BASE_URL", "DEBUG")}
    done = subprocess.run(
        [sys.executable, "-c", "import trepart.settings"],
        env={**clean, "SECRET_KEY": "set", "DEBUG": "false"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert "ImproperlyConfigured: TREPART_BASE_URL is not set" in done.stderr


# -- from the setting to every kind of link ----------------------------------------------

SERVED = configured("serve", "--port", str(PORT))["TREPART_BASE_URL"]


@pytest.fixture
def served() -> Iterator[str]:
    with override_settings(TREPART_BASE_URL=SERVED):
        yield SERVED


@pytest.mark.django_db
def test_emails_and_tracking_links_use_the_served_address(
    served: str, django_capture_on_commit_callbacks: Any
) -> None:
    from trepart.proposals.tests.world import build_world, submit

    world = build_world()
    with django_capture_on_commit_callbacks(execute=True):
        employees = submit(world)
        citizens = proposal_services.proposal_submit(
            actor=None,
            municipality=world.municipality,
            title="Benk ved bussholdeplassen",
            description="Det trengs en benk ved bussholdeplassen i sentrum.",
            proposer_name="Ivar Innbygger",
            proposer_email="ivar@example.invalid",
        )
    bodies = "\n".join(str(message.body) for message in mail.outbox)
    assert f"{served}/forslag/{employees.pk}/" in bodies
    citizens = Proposal.objects.get(pk=citizens.pk)
    assert f"{served}/innbyggerforslag/{citizens.tracking_code}/" in bodies


@pytest.mark.django_db
def test_the_open_survey_link_uses_the_served_address(served: str) -> None:
    from trepart.analysis.models import Survey
    from trepart.analysis.services import surveys
    from trepart.analysis.tests import survey_world as sw

    world = sw.build_world()
    survey = surveys.survey_create(
        actor=world.admin,
        instrument=world.user_survey,
        title="Brukerundersøkelse skole",
        audience=Survey.Audience.OPEN_LINK,
        units=[world.sector],
    )
    link = surveys.survey_open(actor=world.admin, survey=survey).open_link
    assert link.startswith(f"{served}/analyse/")


@pytest.mark.django_db
def test_calendar_feeds_and_pdfs_use_the_served_address(served: str) -> None:
    from trepart.meetings.tests.portal_world import TODAY, published_meeting
    from trepart.meetings.tests.world import at, build_world

    with time_machine.travel(at(TODAY, 12), tick=False):
        world = build_world()
        meeting = published_meeting(world).meeting
        page = f"{served}{reverse('meetings:meeting-detail', args=[meeting.pk])}"
        feed = Client().get(reverse("meetings:ical-body", args=[world.body.pk]))
        [event] = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
        assert str(event["URL"]) == page
        assert str(event["UID"]).endswith("@127.0.0.1")

        client = Client()
        client.force_login(world.secretary)
        pdf = client.get(reverse("meetings:notice-pdf", args=[meeting.pk]))
        assert pdf.status_code == 200
        reader = pypdf.PdfReader(io.BytesIO(pdf.content))
        text = "".join("".join(p.extract_text().split()) for p in reader.pages)
        assert page in text
