"""Who is asked, and the letters with their one-time links (invitations, new links, reminders)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trepart.analysis.models import (
    Invitation,
    Survey,
)
from trepart.analysis.services.surveys._common import (
    EMAIL_FOLDER,
    answer_link,
    is_open,
    new_token,
    require_manager,
)
from trepart.audit.writes import row_lock
from trepart.organisation.models import Membership, Party, Person
from trepart.organisation.selectors import active_q, unit_tree
from trepart.platform.mail import message, reader_language, render


@dataclass
class Target:
    """One person to invite, with the groups their answer will count in."""

    person: Person
    email: str
    language: str
    unit_id: int | None
    party: str
    body_id: int | None


def default_party(person: Person) -> str:
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
        units = unit_tree(municipality_id=municipality_id).subtree_ids(unit_roots)
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
            party = in_party.get(person.pk) or default_party(person)
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


# Stands for the answer link while a message is rendered; replaced by each person's link.
LINK_PLACEHOLDER = "https://trepart.invalid/link-placeholder/"


class Letters:
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
                    "link": LINK_PLACEHOLDER,
                    "closes_on": self.survey.closes_on,
                    "again": again,
                    "reminder": reminder,
                },
                language,
                folder=EMAIL_FOLDER,
            )
        subject, body = self.rendered[key]
        body = body.replace(LINK_PLACEHOLDER, f"{self.prefix}{token}/")
        return message(email=target_email, language=language, subject=subject, body=body)


def invitation_email(
    *,
    survey: Survey,
    target_email: str,
    language: str,
    token: str,
    again: bool = False,
    reminder: bool = False,
) -> Any:
    return Letters(survey).message(
        target_email=target_email, language=language, token=token, again=again, reminder=reminder
    )


def send_on_commit(messages: list[Any]) -> None:
    """Send once the invitations are stored. The links are never stored as notifications:
    the token must exist only in the e-mail."""
    if not messages:
        return

    def send() -> None:
        get_connection().send_messages(messages)

    transaction.on_commit(send)


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
        send_on_commit(
            [
                invitation_email(
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
    require_manager(actor, survey.municipality_id)
    with transaction.atomic():
        current = row_lock(survey, version=None)
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
        letters = Letters(current)
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
        send_on_commit(emails)
    return len(changed)


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
        )
        .for_user(user)
        .select_related("survey")
        .order_by("survey__closes_on", "survey_id")
        if is_open(invitation.survey)
    ]
