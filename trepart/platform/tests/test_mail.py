"""The outbox: a message stored in its reader's language, sent once after the commit, held
for the digest past the daily limit; the digest itself; sending many over one connection."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend
from django.utils import translation

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.organisation.models import Municipality
from trepart.platform import mail_digest
from trepart.platform.mail import (
    DIGEST_AFTER,
    goes_to_digest,
    message,
    messages_send,
    queue,
    reader_language,
    render,
    send_notification,
)
from trepart.platform.models import Notification

pytestmark = pytest.mark.django_db

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
MONDAY = datetime.date(2026, 11, 23)
DAY = datetime.timedelta(days=1)
FOLDER = "platform/email"


def at_noon(day: datetime.date) -> Any:
    return time_machine.travel(
        datetime.datetime.combine(day, datetime.time(12), tzinfo=OSLO), tick=False
    )


def digest_context(count: int = 1) -> dict[str, Any]:
    return {
        "municipality": "Lunner kommune",
        "count": count,
        "items": [{"subject": "Emne", "body": "Tekst"}] * count,
    }


def queued(municipality: Municipality, email: str, **fields: Any) -> Notification | None:
    return queue(
        municipality_id=municipality.pk,
        email=email,
        language=fields.pop("language", "nb"),
        template="digest",
        context=digest_context(),
        folder=FOLDER,
        **fields,
    )


# --- Rules and rendering ---------------------------------------------------------------------


def test_digest_after_a_few_messages() -> None:
    assert DIGEST_AFTER == 3
    assert [goes_to_digest(n) for n in range(5)] == [False, False, False, True, True]


def test_reader_language_is_their_own_else_the_municipalitys_else_the_sites(
    settings: Any,
) -> None:
    assert reader_language("nn", "nb") == "nn"
    assert reader_language("", "nb") == "nb"
    assert reader_language(None, None) == settings.LANGUAGE_CODE


def test_render_writes_the_subject_on_one_line_in_the_readers_language() -> None:
    subject, body = render("digest", digest_context(2), "nn", folder=FOLDER)
    with translation.override("nn"):
        expected = translation.ngettext(
            "Your daily summary: one message about proposals",
            "Your daily summary: %(counter)s messages about proposals",
            2,
        ) % {"counter": 2}
    assert subject == expected
    assert "\n" not in subject
    assert "Lunner kommune" in body
    assert translation.get_language() == "en"


def test_message_says_its_language() -> None:
    email = message(email="a@kommune.invalid", language="nn", subject="Emne", body="Tekst")
    assert email.to == ["a@kommune.invalid"]
    assert email.extra_headers == {"Content-Language": "nn"}


# --- Queueing and sending ------------------------------------------------------------------


def test_a_queued_message_is_stored_tagged_and_sent_once_after_the_commit(
    django_capture_on_commit_callbacks: Any,
) -> None:
    municipality = MunicipalityFactory.create()
    user = UserFactory.create(municipality=municipality)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = queued(municipality, "a@kommune.invalid", about=municipality, user=user)
    assert notification is not None
    assert mail.outbox == []  # nothing leaves before the change is committed
    for callback in callbacks:
        callback()

    [sent] = mail.outbox
    assert sent.to == ["a@kommune.invalid"]
    stored = Notification.objects.get()
    assert stored.sent_at is not None
    assert stored.about == municipality
    assert list(Notification.objects.about(municipality)) == [stored]
    assert not Notification.objects.about(user).exists()
    # A retried task finds it already sent.
    assert send_notification.enqueue(stored.pk).return_value is False
    assert len(mail.outbox) == 1


def test_no_address_no_message() -> None:
    municipality = MunicipalityFactory.create()
    assert queued(municipality, "") is None
    assert not Notification.objects.exists()


def test_past_the_daily_limit_messages_wait_for_the_digest_whatever_the_case(
    django_capture_on_commit_callbacks: Any,
) -> None:
    municipality = MunicipalityFactory.create()
    with at_noon(MONDAY), django_capture_on_commit_callbacks(execute=True):
        for number in range(DIGEST_AFTER + 2):
            queued(municipality, "A@kommune.invalid" if number % 2 else "a@kommune.invalid")
    assert len(mail.outbox) == DIGEST_AFTER
    assert Notification.objects.filter(in_digest=True, sent_at__isnull=True).count() == 2
    # A new day starts a new allowance.
    with at_noon(MONDAY + DAY), django_capture_on_commit_callbacks(execute=True):
        assert not queued(municipality, "a@kommune.invalid").in_digest  # type: ignore[union-attr]


# --- The digest ------------------------------------------------------------------------------


def held(municipality: Municipality, email: str, day: datetime.date, **fields: Any) -> None:
    Notification.objects.create(
        municipality=municipality,
        email=email,
        language=fields.get("language", "nb"),
        subject=fields.get("subject", "Emne"),
        body="Tekst",
        day=day,
        in_digest=True,
    )


def test_digest_gathers_earlier_days_one_message_per_address() -> None:
    municipality = MunicipalityFactory.create()
    held(municipality, "a@kommune.invalid", MONDAY - DAY, subject="Første")
    held(municipality, "A@kommune.invalid", MONDAY - DAY, subject="Andre")
    held(municipality, "b@kommune.invalid", MONDAY - DAY)
    held(municipality, "a@kommune.invalid", MONDAY, subject="I dag")  # waits for tomorrow

    counts = mail_digest.digest_send(MONDAY)

    assert counts == {"messages": 2, "notifications": 3, "refused": 0}
    first = [m for m in mail.outbox if "Første" in m.body]
    assert len(first) == 1
    assert "Andre" in first[0].body
    assert "I dag" not in first[0].body
    assert Notification.objects.filter(sent_at__isnull=True).get().subject == "I dag"
    assert mail_digest.digest_send(MONDAY) == {"messages": 0, "notifications": 0, "refused": 0}


def test_digest_comes_in_the_language_of_the_held_back_messages() -> None:
    municipality = MunicipalityFactory.create()
    held(municipality, "nn@kommune.invalid", MONDAY, language="nn")
    held(municipality, "en@kommune.invalid", MONDAY, language="en")

    mail_digest.digest_send(MONDAY + DAY)

    languages = {m.to[0]: m.extra_headers["Content-Language"] for m in mail.outbox}
    assert languages == {"nn@kommune.invalid": "nn", "en@kommune.invalid": "en"}
    [nynorsk] = [m for m in mail.outbox if m.to == ["nn@kommune.invalid"]]
    with translation.override("nn"):
        expected = translation.ngettext(
            "Your daily summary: one message about proposals",
            "Your daily summary: %(counter)s messages about proposals",
            1,
        )
    assert nynorsk.subject == expected
    assert translation.get_language() == "en"


# --- Sending many ----------------------------------------------------------------------------


class RefusesSome(EmailBackend):
    """The test mail backend, with a mail server that refuses one address."""

    def send_messages(self, email_messages: Any) -> int:
        if any("refused@" in address for m in email_messages for address in m.to):
            raise OSError("550 mailbox unavailable")
        return super().send_messages(email_messages)


class Unreachable(EmailBackend):
    def open(self) -> bool:
        raise OSError("connection refused")


def some_messages() -> list[EmailMessage]:
    return [
        message(email=f"{name}@kommune.invalid", language="nb", subject="Emne", body="Tekst")
        for name in ("a", "refused", "b")
    ]


def test_a_refused_message_is_counted_and_the_rest_go_on(settings: Any) -> None:
    settings.EMAIL_BACKEND = f"{__name__}.RefusesSome"
    assert messages_send(some_messages()) == 1
    assert [m.to for m in mail.outbox] == [["a@kommune.invalid"], ["b@kommune.invalid"]]


def test_an_unreachable_mail_server_counts_every_message(settings: Any) -> None:
    settings.EMAIL_BACKEND = f"{__name__}.Unreachable"
    assert messages_send(some_messages()) == 3
    assert messages_send([]) == 0
