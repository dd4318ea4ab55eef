"""Making a survey round, sending its answer links, and storing anonymous answers.

The functions a demo or a script uses:

- ``instrument_create(actor=, title=, kind=, questions=, …)`` — the municipality's own
  questionnaire (built-in ones come from ``analysis.instruments``);
- ``survey_create(actor=, instrument=, title=, …)`` — a round in DRAFT with its target;
- ``survey_open(actor=, survey=)`` — INVITED: one ``Invitation`` per person in the target,
  each mailed a one-time link when the transaction commits; OPEN_LINK: a public link
  (``OpenResult.open_link``; only its hash is kept, so it is shown once). A demo passes
  ``send_email=False`` and gets the tokens in ``OpenResult.tokens`` to answer with;
- ``survey_new_link(actor=, survey=)`` — a new public link for an OPEN_LINK survey;
- ``survey_close(actor=, survey=)``;
- ``answer_submit(token=, values=)`` — one invited answer; ``open_answer_submit(token=,
  unit=, values=)`` — one answer through the public link;
- ``invitation_resend(user=, invitation=)`` — a new link for someone who lost theirs;
- ``survey_remind(actor=, survey=)`` — new links to everyone who has not answered;
- ``survey_update(…)`` / ``survey_delete(…)`` — change or drop a DRAFT round;
- ``surveys_close_past(day=)`` — a daily duty: close rounds past their closing day.

Anonymity: an answer is stored in the same transaction that marks the invitation used and
forgets its token. The response carries the groups fixed on the invitation and the day,
nothing else. Tokens live only in the e-mail (sent directly, never stored as a
notification) and, hashed, on the invitation until it is used. Nothing here logs answers.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trepart.analysis.models import (
    Answer,
    Instrument,
    Invitation,
    Question,
    Response,
    Survey,
)
from trepart.analysis.models.surveys import SCALE_MAX, SCALE_MIN
from trepart.analysis.permissions import can_manage
from trepart.audit.services import audit_create, audit_delete, audit_update, snapshot
from trepart.concurrency import ConcurrentEditError
from trepart.organisation.models import Body, Membership, Party, Person, Unit
from trepart.organisation.selectors import active_q
from trepart.proposals.notifications import message, reader_language, render

TEXT_MAX = 4000
EMAIL_FOLDER = "analysis/surveys/email"


class AnswerRefused(Exception):
    """The link cannot take an answer: unknown, already used, or the survey is not open."""

    UNKNOWN = "unknown"
    USED = "used"
    CLOSED = "closed"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# ---------------------------------------------------------------------------------------
# Tokens


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh unguessable token and the hash that is stored."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def answer_link(token: str) -> str:
    return settings.TREPART_BASE_URL + reverse("analysis:survey-answer", args=[token])


def open_link(token: str) -> str:
    return settings.TREPART_BASE_URL + reverse("analysis:survey-open-answer", args=[token])


# ---------------------------------------------------------------------------------------
# Making and changing a round


def _require_manager(actor: Any, municipality_id: int) -> None:
    if actor is not None and (not can_manage(actor) or actor.municipality_id != municipality_id):
        raise PermissionDenied


def _check_target(
    *,
    municipality_id: int,
    audience: str,
    target_everyone: bool,
    units: Sequence[Unit],
    bodies: Sequence[Body],
    parties: Sequence[str],
) -> None:
    errors: dict[str, list[Any]] = {}
    if any(unit.municipality_id != municipality_id for unit in units):
        errors.setdefault("target_units", []).append(_("Choose units of your municipality."))
    if any(body.municipality_id != municipality_id for body in bodies):
        errors.setdefault("target_bodies", []).append(_("Choose bodies of your municipality."))
    if any(party not in Party.values for party in parties):
        errors.setdefault("target_parties", []).append(_("Choose among the listed parties."))
    if (
        audience == Survey.Audience.INVITED
        and not target_everyone
        and not (units or bodies or parties)
    ):
        errors.setdefault("target_everyone", []).append(
            _("Choose who is asked: everyone, or some units, bodies or parties.")
        )
    if errors:
        raise ValidationError(errors)


def _check_dates(opens_on: datetime.date | None, closes_on: datetime.date | None) -> None:
    if opens_on and closes_on and closes_on < opens_on:
        raise ValidationError({"closes_on": [_("The survey cannot close before it opens.")]})


QUESTION_MAX = 400
CHOICE_SEPARATOR = "|"


def parse_questions(lines: str) -> list[tuple[str, str, list[str]]]:
    """A municipality's own questions, one a line: a statement for the 1–5 scale, or
    ``Question | choice | choice …`` for one choice. Returns (kind, text, choices)."""
    questions: list[tuple[str, str, list[str]]] = []
    errors: list[Any] = []
    for number, raw in enumerate(lines.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        parts = [part.strip() for part in line.split(CHOICE_SEPARATOR)]
        text, choices = parts[0], [part for part in parts[1:] if part]
        if not text:
            errors.append(_("Line %(line)d has no question before the choices.") % {"line": number})
            continue
        if len(text) > QUESTION_MAX:
            errors.append(
                _("Line %(line)d is longer than %(max)d characters.")
                % {"line": number, "max": QUESTION_MAX}
            )
            continue
        if len(parts) > 1 and len(choices) < 2:
            errors.append(_("Line %(line)d needs at least two choices.") % {"line": number})
            continue
        kind = Question.Kind.CHOICE if choices else Question.Kind.SCALE
        questions.append((kind, text, choices))
    if errors:
        raise ValidationError({"questions": errors})
    if not questions:
        raise ValidationError({"questions": [_("Write at least one question.")]})
    return questions


def instrument_create(
    *,
    actor: Any,
    title: str,
    kind: str,
    questions: str,
    description: str = "",
    free_text: str = "",
) -> Instrument:
    """The municipality's own questionnaire. It cannot be changed later: rounds are
    compared question by question, so a new version is a new questionnaire."""
    _require_manager(actor, actor.municipality_id)
    parsed = parse_questions(questions)
    if kind not in (Instrument.Kind.EMPLOYEE, Instrument.Kind.USER, Instrument.Kind.OTHER):
        raise ValidationError({"kind": [_("Choose among the listed kinds.")]})
    with transaction.atomic():
        instrument = Instrument.objects.create(
            municipality_id=actor.municipality_id,
            kind=kind,
            title=title.strip(),
            description=description.strip(),
        )
        rows = [
            Question(
                instrument=instrument,
                position=position,
                kind=question_kind,
                text=text,
                choices=choices,
            )
            for position, (question_kind, text, choices) in enumerate(parsed, start=1)
        ]
        if free_text.strip():
            rows.append(
                Question(
                    instrument=instrument,
                    position=len(rows) + 1,
                    kind=Question.Kind.TEXT,
                    text=free_text.strip()[:QUESTION_MAX],
                    theme="fritekst",
                )
            )
        Question.objects.bulk_create(rows)
        audit_create(actor=actor, instance=instrument)
    return instrument


def survey_create(
    *,
    actor: Any,
    instrument: Instrument,
    title: str,
    round_label: str = "",
    audience: str = Survey.Audience.INVITED,
    opens_on: datetime.date | None = None,
    closes_on: datetime.date | None = None,
    target_everyone: bool = False,
    units: Sequence[Unit] = (),
    bodies: Sequence[Body] = (),
    parties: Sequence[str] = (),
) -> Survey:
    """A new round in DRAFT: nobody is asked until it is opened."""
    municipality_id = instrument.municipality_id
    _require_manager(actor, municipality_id)
    _check_dates(opens_on, closes_on)
    _check_target(
        municipality_id=municipality_id,
        audience=audience,
        target_everyone=target_everyone,
        units=units,
        bodies=bodies,
        parties=parties,
    )
    with transaction.atomic():
        survey = Survey.objects.create(
            municipality_id=municipality_id,
            instrument=instrument,
            title=title.strip(),
            round_label=round_label.strip(),
            audience=audience,
            opens_on=opens_on,
            closes_on=closes_on,
            target_everyone=target_everyone,
            target_parties=list(dict.fromkeys(parties)),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        survey.target_units.set(units)
        survey.target_bodies.set(bodies)
        audit_create(actor=actor, instance=survey)
    return survey


def survey_update(
    *,
    actor: Any,
    survey: Survey,
    version: int | None,
    instrument: Instrument,
    title: str,
    round_label: str = "",
    audience: str = Survey.Audience.INVITED,
    opens_on: datetime.date | None = None,
    closes_on: datetime.date | None = None,
    target_everyone: bool = False,
    units: Sequence[Unit] = (),
    bodies: Sequence[Body] = (),
    parties: Sequence[str] = (),
) -> Survey:
    """Change a DRAFT round. An opened round keeps its target: people are already asked."""
    _require_manager(actor, survey.municipality_id)
    if instrument.municipality_id != survey.municipality_id:
        raise ValidationError({"instrument": [_("Choose a questionnaire of your municipality.")]})
    _check_dates(opens_on, closes_on)
    _check_target(
        municipality_id=survey.municipality_id,
        audience=audience,
        target_everyone=target_everyone,
        units=units,
        bodies=bodies,
        parties=parties,
    )
    with transaction.atomic():
        current = _locked(survey, version)
        if current.status != Survey.Status.DRAFT:
            raise ValidationError(_("Only a draft survey can be changed."), code="not_draft")
        before = snapshot(current)
        current.instrument = instrument
        current.title = title.strip()
        current.round_label = round_label.strip()
        current.audience = audience
        current.opens_on = opens_on
        current.closes_on = closes_on
        current.target_everyone = target_everyone
        current.target_parties = list(dict.fromkeys(parties))
        current.version += 1
        current.save()
        current.target_units.set(units)
        current.target_bodies.set(bodies)
        audit_update(actor=actor, instance=current, before=before)
    survey.refresh_from_db()
    return survey


def survey_delete(*, actor: Any, survey: Survey) -> None:
    """Throw away a DRAFT round (nobody has been asked yet)."""
    _require_manager(actor, survey.municipality_id)
    with transaction.atomic():
        current = _locked(survey, None)
        if current.status != Survey.Status.DRAFT:
            raise ValidationError(_("Only a draft survey can be deleted."), code="not_draft")
        audit_delete(actor=actor, instance=current)
        current.delete()


def surveys_close_past(*, day: datetime.date | None = None) -> int:
    """Close every open round whose closing day has passed (a daily duty); returns how many."""
    day = day or timezone.localdate()
    closed = 0
    for survey in Survey.objects.filter(status=Survey.Status.OPEN, closes_on__lt=day):
        survey_close(actor=None, survey=survey)
        closed += 1
    return closed


@dataclass
class Target:
    """One person to invite, with the groups their answer will count in."""

    person: Person
    email: str
    language: str
    unit_id: int | None
    party: str
    body_id: int | None


@dataclass
class OpenResult:
    invited: int = 0
    # People in the target who could not be asked: no e-mail address.
    without_email: list[Person] = field(default_factory=list)
    # OPEN_LINK: the public link, shown once (only its hash is stored).
    open_link: str = ""
    # With ``send_email=False`` only (the demo, scripts): the new tokens, in memory, never
    # stored. Otherwise empty: the tokens exist only in the e-mails.
    tokens: list[str] = field(default_factory=list)


def unit_subtree_ids(*, municipality_id: int, roots: Iterable[int]) -> set[int]:
    """The given units and every unit under them."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Unit.objects.filter(municipality_id=municipality_id).values_list(
        "pk", "parent_id"
    ):
        children.setdefault(parent_id, []).append(pk)
    found: set[int] = set()
    stack = list(roots)
    while stack:
        pk = stack.pop()
        if pk in found:
            continue
        found.add(pk)
        stack.extend(children.get(pk, ()))
    return found


def _default_party(person: Person) -> str:
    if person.kind == Person.Kind.POLITICIAN:
        return Party.POLITICAL
    if person.kind == Person.Kind.CITIZEN:
        return Party.CITIZEN
    return Party.ADMINISTRATION if person.is_leader else Party.EMPLOYEE


def survey_targets(survey: Survey, *, day: datetime.date | None = None) -> list[Target]:
    """Everyone the round asks, once each, with their groups.

    - everyone: all employees and politicians of the municipality;
    - units: the employees of the chosen units and their sub-units (``Person.unit``);
    - bodies: everyone with a seat in a chosen body today;
    - parties: everyone with a seat for a chosen party in any body today.

    The party group is the party of their seat in a chosen body (else a seat for a chosen
    party), else politician → POLITICAL, leader → ADMINISTRATION, employee → EMPLOYEE.
    The body group is the first chosen body (by name) they sit in.
    """
    day = day or timezone.localdate()
    municipality_id = survey.municipality_id
    body_order = list(survey.target_bodies.order_by("name", "pk").values_list("pk", flat=True))
    parties = [p for p in survey.target_parties if p in Party.values]
    people = Person.objects.filter(municipality_id=municipality_id)
    chosen = Q(pk__in=[])
    if survey.target_everyone:
        chosen |= Q(kind__in=[Person.Kind.EMPLOYEE, Person.Kind.POLITICIAN])
    unit_roots = list(survey.target_units.values_list("pk", flat=True))
    if unit_roots:
        units = unit_subtree_ids(municipality_id=municipality_id, roots=unit_roots)
        chosen |= Q(unit_id__in=units, kind=Person.Kind.EMPLOYEE)
    seats = Membership.objects.filter(active_q(day), municipality_id=municipality_id).filter(
        Q(body_id__in=body_order) | Q(party__in=parties)
    )
    seat_rows = list(seats.order_by("pk").values_list("person_id", "body_id", "party"))
    chosen |= Q(pk__in={person_id for person_id, _body, _party in seat_rows})
    body_rank = {pk: rank for rank, pk in enumerate(body_order)}
    # person → (rank of the body, party) of their first chosen body; and a chosen party.
    in_body: dict[int, tuple[int, int, str]] = {}
    in_party: dict[int, str] = {}
    for person_id, seat_body_id, seat_party in seat_rows:
        if seat_body_id in body_rank:
            rank = body_rank[seat_body_id]
            if person_id not in in_body or rank < in_body[person_id][0]:
                in_body[person_id] = (rank, seat_body_id, seat_party)
        if seat_party in parties:
            in_party.setdefault(person_id, seat_party)
    targets = []
    for person in (
        people.filter(chosen).select_related("user", "municipality").order_by("pk").distinct()
    ):
        user = person.user
        email = person.email or (user.email if user is not None else "")
        language = reader_language(getattr(user, "language", ""), person.municipality.language)
        body_id: int | None = None
        if person.pk in in_body:
            _rank, body_id, party = in_body[person.pk]
        else:
            party = in_party.get(person.pk) or _default_party(person)
        targets.append(
            Target(
                person=person,
                email=email,
                language=language,
                unit_id=person.unit_id,
                party=party,
                body_id=body_id,
            )
        )
    return targets


def _locked(survey: Survey, version: int | None) -> Survey:
    current = Survey.objects.select_for_update().get(pk=survey.pk)
    if version is not None and current.version != version:
        raise ConcurrentEditError()
    return current


# Stands for the answer link while a message is rendered; replaced by each person's link.
_LINK_PLACEHOLDER = "https://trepart.invalid/link-placeholder/"


class _Letters:
    """Invitation e-mails for one round: the template is rendered once per language and
    kind, then each person's link is put in (thousands of people in one go)."""

    def __init__(self, survey: Survey) -> None:
        self.survey = survey
        self.rendered: dict[tuple[str, bool, bool], tuple[str, str]] = {}
        self.prefix = answer_link("TOKEN").removesuffix("TOKEN/")

    def message(
        self,
        *,
        target_email: str,
        language: str,
        token: str,
        again: bool = False,
        reminder: bool = False,
    ) -> Any:
        key = (language, again, reminder)
        if key not in self.rendered:
            self.rendered[key] = render(
                "invitation",
                {
                    "survey": self.survey,
                    "municipality": self.survey.municipality,
                    "link": _LINK_PLACEHOLDER,
                    "closes_on": self.survey.closes_on,
                    "again": again,
                    "reminder": reminder,
                },
                language,
                EMAIL_FOLDER,
            )
        subject, body = self.rendered[key]
        body = body.replace(_LINK_PLACEHOLDER, f"{self.prefix}{token}/")
        return message(email=target_email, language=language, subject=subject, body=body)


def _invitation_email(
    *,
    survey: Survey,
    target_email: str,
    language: str,
    token: str,
    again: bool = False,
    reminder: bool = False,
) -> Any:
    return _Letters(survey).message(
        target_email=target_email, language=language, token=token, again=again, reminder=reminder
    )


def _send_on_commit(messages: list[Any]) -> None:
    """Send once the invitations are stored. The links are never stored as notifications:
    the token must exist only in the e-mail."""
    if not messages:
        return

    def send() -> None:
        get_connection().send_messages(messages)

    transaction.on_commit(send)


def survey_open(
    *, actor: Any, survey: Survey, version: int | None = None, send_email: bool = True
) -> OpenResult:
    """Open a DRAFT round: invite its target (INVITED) or make its public link (OPEN_LINK).

    ``send_email=False`` (for the demo) sends nothing and returns the tokens instead."""
    _require_manager(actor, survey.municipality_id)
    result = OpenResult()
    with transaction.atomic():
        current = _locked(survey, version)
        if current.status != Survey.Status.DRAFT:
            raise ValidationError(_("Only a draft survey can be opened."), code="not_draft")
        before = snapshot(current)
        today = timezone.localdate()
        if current.closes_on is not None and current.closes_on < today:
            raise ValidationError(
                _("The survey's closing day has passed: choose a later one first."),
                code="closed_on",
            )
        if current.audience == Survey.Audience.OPEN_LINK:
            token, current.open_token_hash = new_token()
            result.open_link = open_link(token)
        else:
            invitations = []
            emails = []
            letters = _Letters(current)
            for target in survey_targets(current, day=today):
                if not target.email:
                    result.without_email.append(target.person)
                    continue
                token, token_hash = new_token()
                if not send_email:
                    result.tokens.append(token)
                invitations.append(
                    Invitation(
                        municipality_id=current.municipality_id,
                        survey=current,
                        person=target.person,
                        token_hash=token_hash,
                        sent_on=today,
                        unit_id=target.unit_id,
                        party=target.party,
                        body_id=target.body_id,
                    )
                )
                if send_email:
                    emails.append(
                        letters.message(
                            target_email=target.email, language=target.language, token=token
                        )
                    )
            if not invitations:
                raise ValidationError(
                    _("Nobody in the chosen target has an e-mail address: nobody can be asked."),
                    code="nobody",
                )
            Invitation.objects.bulk_create(invitations, batch_size=1000)
            result.invited = len(invitations)
            _send_on_commit(emails)
        current.status = Survey.Status.OPEN
        if current.opens_on is None or current.opens_on > today:
            current.opens_on = today
        current.version += 1
        current.save()
        audit_update(actor=actor, instance=current, before=before)
    survey.refresh_from_db()
    return result


def survey_new_link(*, actor: Any, survey: Survey) -> str:
    """A new public link for an open OPEN_LINK survey; the old one stops working."""
    _require_manager(actor, survey.municipality_id)
    with transaction.atomic():
        current = _locked(survey, None)
        if current.audience != Survey.Audience.OPEN_LINK or current.status != Survey.Status.OPEN:
            raise ValidationError(_("Only an open survey with a public link has a link to renew."))
        token, current.open_token_hash = new_token()
        current.save(update_fields=["open_token_hash"])
    survey.refresh_from_db()
    return open_link(token)


def survey_close(*, actor: Any, survey: Survey, version: int | None = None) -> Survey:
    """Close an open round: the links stop taking answers and the unused tokens are forgotten."""
    _require_manager(actor, survey.municipality_id)
    with transaction.atomic():
        current = _locked(survey, version)
        if current.status != Survey.Status.OPEN:
            raise ValidationError(_("Only an open survey can be closed."), code="not_open")
        before = snapshot(current)
        current.status = Survey.Status.CLOSED
        current.open_token_hash = ""
        today = timezone.localdate()
        if current.closes_on is None or current.closes_on > today:
            current.closes_on = today
        current.version += 1
        current.save()
        Invitation.objects.filter(survey=current).exclude(token_hash="").update(token_hash="")
        audit_update(actor=actor, instance=current, before=before)
    survey.refresh_from_db()
    return survey


def invitation_resend(*, user: Any, invitation: Invitation) -> None:
    """A new link, mailed to the invited person themself; the old link stops working."""
    person = getattr(user, "person", None)
    if person is None or invitation.person_id != person.pk:
        raise PermissionDenied
    with transaction.atomic():
        current = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("survey__municipality")
            .get(pk=invitation.pk)
        )
        if current.answered or not is_open(current.survey):
            raise ValidationError(_("This survey no longer takes your answer."))
        email = person.email or user.email
        if not email:
            raise ValidationError(_("You have no e-mail address to send the link to."))
        token, current.token_hash = new_token()
        current.sent_on = timezone.localdate()
        current.save(update_fields=["token_hash", "sent_on"])
        language = reader_language(
            getattr(user, "language", ""), current.survey.municipality.language
        )
        _send_on_commit(
            [
                _invitation_email(
                    survey=current.survey,
                    target_email=email,
                    language=language,
                    token=token,
                    again=True,
                )
            ]
        )


def survey_remind(*, actor: Any, survey: Survey) -> int:
    """Remind everyone who has not answered: each gets a new link (the old ones are only
    hashes, so they cannot be sent again) and the old links stop working. Returns how many."""
    _require_manager(actor, survey.municipality_id)
    with transaction.atomic():
        current = _locked(survey, None)
        if current.audience != Survey.Audience.INVITED or not is_open(current):
            raise ValidationError(_("Only an open survey with invitations can send reminders."))
        today = timezone.localdate()
        pending = list(
            # Only the invitations are locked: PostgreSQL cannot lock the nullable side of
            # the outer join to a person's user.
            Invitation.objects.select_for_update(of=("self",))
            .filter(survey=current, answered=False)
            .select_related("person__user", "person__municipality")
            .order_by("pk")
        )
        emails = []
        changed = []
        letters = _Letters(current)
        for invitation in pending:
            person = invitation.person
            user = person.user
            email = person.email or (user.email if user is not None else "")
            if not email:
                continue
            token, invitation.token_hash = new_token()
            invitation.sent_on = today
            changed.append(invitation)
            language = reader_language(getattr(user, "language", ""), person.municipality.language)
            emails.append(
                letters.message(
                    target_email=email, language=language, token=token, again=True, reminder=True
                )
            )
        Invitation.objects.bulk_update(changed, ["token_hash", "sent_on"], batch_size=1000)
        _send_on_commit(emails)
    return len(changed)


# ---------------------------------------------------------------------------------------
# Answering


def is_open(survey: Survey, *, day: datetime.date | None = None) -> bool:
    day = day or timezone.localdate()
    return survey.status == Survey.Status.OPEN and (
        survey.closes_on is None or survey.closes_on >= day
    )


def questions_of(survey: Survey) -> list[Question]:
    return list(Question.objects.filter(instrument_id=survey.instrument_id).order_by("position"))


def invitation_for_token(token: str) -> Invitation:
    """The unused invitation behind a link, or ``AnswerRefused`` saying why not."""
    if not token:
        raise AnswerRefused(AnswerRefused.UNKNOWN)
    invitation = (
        Invitation.objects.select_related("survey__municipality", "survey__instrument")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None or invitation.answered:
        raise AnswerRefused(AnswerRefused.UNKNOWN)
    if not is_open(invitation.survey):
        raise AnswerRefused(AnswerRefused.CLOSED)
    return invitation


def survey_for_open_token(token: str) -> Survey:
    if not token:
        raise AnswerRefused(AnswerRefused.UNKNOWN)
    survey = (
        Survey.objects.select_related("municipality", "instrument")
        .filter(open_token_hash=hash_token(token), audience=Survey.Audience.OPEN_LINK)
        .first()
    )
    if survey is None:
        raise AnswerRefused(AnswerRefused.UNKNOWN)
    if not is_open(survey):
        raise AnswerRefused(AnswerRefused.CLOSED)
    return survey


def clean_values(
    questions: Sequence[Question], values: Mapping[int, Any]
) -> dict[int, int | str | None]:
    """Each question's answer checked: SCALE 1–5 and CHOICE required, TEXT optional."""
    clean: dict[int, int | str | None] = {}
    errors: dict[str, list[Any]] = {}
    for question in questions:
        raw = values.get(question.pk)
        if question.kind == Question.Kind.TEXT:
            text = str(raw or "").strip()
            if len(text) > TEXT_MAX:
                errors[f"q{question.pk}"] = [
                    _("Please keep the answer under %(count)d characters.") % {"count": TEXT_MAX}
                ]
            clean[question.pk] = text
            continue
        try:
            number = int(raw) if raw is not None and raw != "" else None
        except (TypeError, ValueError):
            number = None
        if question.kind == Question.Kind.SCALE:
            low, high = SCALE_MIN, SCALE_MAX
        else:
            low, high = 0, len(question.choices) - 1
        if number is None or not low <= number <= high:
            errors[f"q{question.pk}"] = [_("Please choose an answer.")]
            continue
        clean[question.pk] = number
    if errors:
        raise ValidationError(errors)
    return clean


def _store(
    *,
    survey: Survey,
    questions: Sequence[Question],
    clean: Mapping[int, int | str | None],
    unit_id: int | None,
    party: str,
    body_id: int | None,
) -> Response:
    response = Response.objects.create(
        municipality_id=survey.municipality_id,
        survey=survey,
        unit_id=unit_id,
        party=party,
        body_id=body_id,
        answered_on=timezone.localdate(),
    )
    answers = []
    for question in questions:
        value = clean.get(question.pk)
        if question.kind == Question.Kind.TEXT:
            if not value:
                continue
            answers.append(
                Answer(
                    survey=survey,
                    response=response,
                    question=question,
                    unit_id=unit_id,
                    party=party,
                    body_id=body_id,
                    text=str(value),
                )
            )
        else:
            answers.append(
                Answer(
                    survey=survey,
                    response=response,
                    question=question,
                    unit_id=unit_id,
                    party=party,
                    body_id=body_id,
                    value=int(value),  # type: ignore[arg-type]
                )
            )
    Answer.objects.bulk_create(answers)
    return response


def answer_submit(*, token: str, values: Mapping[int, Any]) -> Response:
    """Store one invited person's answers and spend their link, in one transaction.

    ``values`` maps question ids to the chosen number (SCALE/CHOICE) or text (TEXT).
    Raises ``AnswerRefused`` for an unknown or used link or a survey that is not open, and
    ``ValidationError`` (keyed ``q<question id>``) for missing or bad answers.
    """
    if not token:
        raise AnswerRefused(AnswerRefused.UNKNOWN)
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().filter(token_hash=hash_token(token)).first()
        )
        if invitation is None or invitation.answered:
            raise AnswerRefused(AnswerRefused.UNKNOWN)
        survey = Survey.objects.get(pk=invitation.survey_id)
        if not is_open(survey):
            raise AnswerRefused(AnswerRefused.CLOSED)
        questions = questions_of(survey)
        clean = clean_values(questions, values)
        # Spend the link only if it is still unspent: with the row lock this is belt and
        # braces, and it keeps a database without SELECT … FOR UPDATE just as safe.
        spent = Invitation.objects.filter(
            pk=invitation.pk, answered=False, token_hash=invitation.token_hash
        ).update(answered=True, token_hash="")
        if spent != 1:
            raise AnswerRefused(AnswerRefused.UNKNOWN)
        return _store(
            survey=survey,
            questions=questions,
            clean=clean,
            unit_id=invitation.unit_id,
            party=invitation.party,
            body_id=invitation.body_id,
        )


def open_unit_choices(survey: Survey) -> list[Unit]:
    """The units a respondent through the public link may say they belong to."""
    roots = list(survey.target_units.values_list("pk", flat=True))
    if not roots:
        return []
    ids = unit_subtree_ids(municipality_id=survey.municipality_id, roots=roots)
    return list(Unit.objects.filter(pk__in=ids).order_by("name", "pk"))


def open_party(survey: Survey) -> str:
    return Party.SERVICE_USER if survey.instrument.kind == Instrument.Kind.USER else ""


def open_answer_submit(
    *, token: str, values: Mapping[int, Any], unit: Unit | None = None
) -> Response:
    """Store one answer given through an OPEN_LINK survey's public link."""
    with transaction.atomic():
        survey = survey_for_open_token(token)
        if unit is not None and unit.pk not in {u.pk for u in open_unit_choices(survey)}:
            raise ValidationError({"unit": [_("Choose one of the listed units.")]})
        questions = questions_of(survey)
        clean = clean_values(questions, values)
        return _store(
            survey=survey,
            questions=questions,
            clean=clean,
            unit_id=unit.pk if unit is not None else None,
            party=open_party(survey),
            body_id=None,
        )


# ---------------------------------------------------------------------------------------
# Reading


@dataclass
class RoundCounts:
    """Whole-round figures only: never per group (those go through the threshold)."""

    invited: int = 0
    answered: int = 0
    responses: int = 0

    @property
    def rate(self) -> float | None:
        return self.answered * 100 / self.invited if self.invited else None


def survey_queryset(*, municipality_id: int) -> Any:
    return Survey.objects.filter(municipality_id=municipality_id).select_related("instrument")


def round_counts(surveys: Iterable[Survey]) -> dict[int, RoundCounts]:
    from django.db.models import Count

    ids = [survey.pk for survey in surveys]
    counts = {pk: RoundCounts() for pk in ids}
    for row in (
        Invitation.objects.filter(survey_id__in=ids)
        .values("survey_id")
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(answered=True)))
        .order_by()
    ):
        counts[row["survey_id"]].invited = row["invited"]
        counts[row["survey_id"]].answered = row["answered"]
    for row in (
        Response.objects.filter(survey_id__in=ids)
        .values("survey_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[row["survey_id"]].responses = row["n"]
    return counts


def my_open_invitations(*, user: Any) -> list[Invitation]:
    """The logged-in person's unanswered invitations to rounds that still take answers."""
    person = getattr(user, "person", None)
    if person is None:
        return []
    return [
        invitation
        for invitation in Invitation.objects.filter(
            person=person,
            answered=False,
            survey__status=Survey.Status.OPEN,
            municipality_id=user.municipality_id,
        )
        .select_related("survey")
        .order_by("survey__closes_on", "survey_id")
        if is_open(invitation.survey)
    ]
