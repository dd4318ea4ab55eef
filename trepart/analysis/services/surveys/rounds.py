"""Survey rounds: make, change, open (inviting the target), close, and count them."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trepart.analysis.models import (
    Instrument,
    Invitation,
    Response,
    Survey,
)
from trepart.analysis.results_kept import results_keep
from trepart.analysis.services.surveys._common import (
    new_token,
    open_link,
    require_manager,
)
from trepart.analysis.services.surveys.invitations import Letters, send_on_commit, survey_targets
from trepart.audit.services import audit_create
from trepart.audit.writes import row_lock, versioned_delete, versioned_edit
from trepart.organisation.models import Body, Party, Person, Unit


def check_target(
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


def check_dates(opens_on: datetime.date | None, closes_on: datetime.date | None) -> None:
    if opens_on and closes_on and closes_on < opens_on:
        raise ValidationError({"closes_on": [_("The survey cannot close before it opens.")]})


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
    require_manager(actor, municipality_id)
    check_dates(opens_on, closes_on)
    check_target(
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
    require_manager(actor, survey.municipality_id)
    if instrument.municipality_id != survey.municipality_id:
        raise ValidationError({"instrument": [_("Choose a questionnaire of your municipality.")]})
    check_dates(opens_on, closes_on)
    check_target(
        municipality_id=survey.municipality_id,
        audience=audience,
        target_everyone=target_everyone,
        units=units,
        bodies=bodies,
        parties=parties,
    )
    with versioned_edit(survey, actor=actor, version=version) as current:
        if current.status != Survey.Status.DRAFT:
            raise ValidationError(_("Only a draft survey can be changed."), code="not_draft")
        current.instrument = instrument
        current.title = title.strip()
        current.round_label = round_label.strip()
        current.audience = audience
        current.opens_on = opens_on
        current.closes_on = closes_on
        current.target_everyone = target_everyone
        current.target_parties = list(dict.fromkeys(parties))
        current.target_units.set(units)
        current.target_bodies.set(bodies)
    survey.refresh_from_db()
    return survey


def survey_delete(*, actor: Any, survey: Survey) -> None:
    """Throw away a DRAFT round (nobody has been asked yet)."""
    require_manager(actor, survey.municipality_id)
    with transaction.atomic():
        current = row_lock(survey, version=None)
        if current.status != Survey.Status.DRAFT:
            raise ValidationError(_("Only a draft survey can be deleted."), code="not_draft")
        versioned_delete(current, actor=actor, version=None)


def surveys_close_past(*, day: datetime.date | None = None) -> int:
    """Close every open round whose closing day has passed (a daily duty); returns how many."""
    day = day or timezone.localdate()
    closed = 0
    for survey in Survey.objects.filter(status=Survey.Status.OPEN, closes_on__lt=day):
        survey_close(actor=None, survey=survey)
        closed += 1
    return closed


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


def survey_open(
    *, actor: Any, survey: Survey, version: int | None = None, send_email: bool = True
) -> OpenResult:
    """Open a DRAFT round: invite its target (INVITED) or make its public link (OPEN_LINK).

    ``send_email=False`` (for the demo) sends nothing and returns the tokens instead."""
    require_manager(actor, survey.municipality_id)
    result = OpenResult()
    with versioned_edit(survey, actor=actor, version=version) as current:
        if current.status != Survey.Status.DRAFT:
            raise ValidationError(_("Only a draft survey can be opened."), code="not_draft")
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
            letters = Letters(current)
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
            send_on_commit(emails)
        current.status = Survey.Status.OPEN
        if current.opens_on is None or current.opens_on > today:
            current.opens_on = today
    survey.refresh_from_db()
    return result


def survey_new_link(*, actor: Any, survey: Survey) -> str:
    """A new public link for an open OPEN_LINK survey; the old one stops working."""
    require_manager(actor, survey.municipality_id)
    with transaction.atomic():
        # A new link changes nothing a form shows (only its hash is stored, never audited),
        # so it leaves the version alone.
        current = row_lock(survey, version=None)
        if current.audience != Survey.Audience.OPEN_LINK or current.status != Survey.Status.OPEN:
            raise ValidationError(_("Only an open survey with a public link has a link to renew."))
        token, current.open_token_hash = new_token()
        current.save(update_fields=["open_token_hash"])
    survey.refresh_from_db()
    return open_link(token)


def survey_close(*, actor: Any, survey: Survey, version: int | None = None) -> Survey:
    """Close an open round: the links stop taking answers, the unused tokens are forgotten,
    and the results are computed once and kept (they are shown from now on)."""
    require_manager(actor, survey.municipality_id)
    with transaction.atomic():
        with versioned_edit(survey, actor=actor, version=version) as current:
            if current.status != Survey.Status.OPEN:
                raise ValidationError(_("Only an open survey can be closed."), code="not_open")
            current.status = Survey.Status.CLOSED
            current.open_token_hash = ""
            today = timezone.localdate()
            if current.closes_on is None or current.closes_on > today:
                current.closes_on = today
        Invitation.objects.filter(survey=current).exclude(token_hash="").update(token_hash="")
        # The round is locked, and answering locks it too: no answer can come in between.
        results_keep(survey=current)
    survey.refresh_from_db()
    return survey


@dataclass
class RoundCounts:
    """Whole-round figures only: never per group (those go through the threshold)."""

    invited: int = 0
    answered: int = 0
    responses: int = 0

    @property
    def rate(self) -> float | None:
        return self.answered * 100 / self.invited if self.invited else None


def survey_queryset(*, user: Any) -> Any:
    return Survey.objects.for_user(user).select_related("instrument")


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
