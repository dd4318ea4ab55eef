"""Surveys: instruments of questions, rounds sent to a target, and anonymous answers.

Anonymity is structural. An ``Invitation`` knows the person and whether they have answered,
never what. A ``Response`` knows the groups the answer counts in (unit, party, body) and
the day, never the person, the invitation or a time finer than the day. Nothing else links
the two: answering marks the invitation used and forgets its token in the same transaction
that stores the response.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trepart.organisation.models import Body, Municipality, Party, Person, Unit
from trepart.platform.tenancy import TenantQuerySet

SCALE_MIN = 1
SCALE_MAX = 5

# Responses and answers get random ids from [2**40, 2**63): ids that count up would tell the
# order in which people answered, and the order of answering is in the order invitations
# were marked used. Far above any id a sequence gave before, so renumbering old rows never
# meets an id still in use.
RANDOM_ID_LOW = 2**40
RANDOM_ID_HIGH = 2**63 - 1


def new_random_id() -> int:
    """A random 63-bit id: its order says nothing of when its row was written."""
    return RANDOM_ID_LOW + secrets.randbelow(RANDOM_ID_HIGH - RANDOM_ID_LOW)


class RandomIdField(models.BigIntegerField):  # type: ignore[type-arg]
    """A 64-bit primary key filled with ``new_random_id``.

    On SQLite the column is declared INTEGER so it is the table's rowid: a BIGINT primary
    key would leave a hidden rowid that counts up, and SQLite keeps rows in rowid order.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", new_random_id)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def db_type(self, connection: Any) -> str | None:
        if connection.vendor == "sqlite":
            return "integer"
        return super().db_type(connection)

    def rel_db_type(self, connection: Any) -> str | None:
        return self.db_type(connection)


def in_readers_language(source: str, stored: str) -> str:
    """A built-in text in the reader's language; the municipality's own text as written.

    ``source`` is the English source string of a built-in questionnaire's text (a message
    of the catalogues), empty for the municipality's own questionnaires. A source the
    catalogues no longer hold (the built-in text changed since) falls back to the text
    stored when the questionnaire was made.
    """
    if not source:
        return stored
    shown = gettext(source)
    if shown == source and not (translation.get_language() or "").startswith("en"):
        return stored or source
    return shown


class Instrument(models.Model):
    """A questionnaire: the built-in self-assessment and user survey, or the municipality's own."""

    class Kind(models.TextChoices):
        SELF_ASSESSMENT = "SELF_ASSESSMENT", _("Self-assessment of the cooperation")
        EMPLOYEE = "EMPLOYEE", _("Employee survey")
        USER = "USER", _("User survey")
        OTHER = "OTHER", _("Other survey")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="instruments"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("introduction"), blank=True)
    # Built-in instruments are made from code (``analysis.instruments``) once per
    # municipality; the key finds them again.
    builtin_key = models.CharField(max_length=40, blank=True, editable=False)
    # Built-in only: the English source strings of the title and introduction, shown in
    # each reader's language (``title`` and ``description`` keep the text as first made).
    source_title = models.CharField(max_length=200, blank=True, editable=False)
    source_description = models.TextField(blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "builtin_key"],
                condition=~Q(builtin_key=""),
                name="instrument_builtin_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.shown_title

    @property
    def shown_title(self) -> str:
        return in_readers_language(self.source_title, self.title)

    @property
    def shown_description(self) -> str:
        return in_readers_language(self.source_description, self.description)


class QuestionQuerySet(TenantQuerySet["Question"]):
    """Question rows reach their municipality through ``instrument``."""

    tenant_field = "instrument__municipality"


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "SCALE", _("Scale 1–5")
        CHOICE = "CHOICE", _("One choice")
        TEXT = "TEXT", _("Free text")

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=400)
    # The criterion or dimension the question measures ("likeverd", "dialog", …): results
    # are also shown per theme.
    theme = models.CharField(_("theme"), max_length=40, blank=True)
    # For CHOICE: the labels, in order; an answer stores the label's index.
    choices = models.JSONField(_("choices"), default=list, blank=True)
    # Built-in questions only: the English source string of ``text``, shown in each
    # reader's language; the municipality's own questions have none and show ``text``.
    source_text = models.CharField(max_length=400, blank=True, editable=False)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["instrument_id", "position", "pk"]

    def __str__(self) -> str:
        return self.shown_text

    @property
    def shown_text(self) -> str:
        return in_readers_language(self.source_text, self.text)


class Survey(models.Model):
    """One round of an instrument, sent to a target."""

    class Status(models.TextChoices):
        DRAFT = "DRAFT", _("Draft")
        OPEN = "OPEN", _("Open for answers")
        CLOSED = "CLOSED", _("Closed")

    class Audience(models.TextChoices):
        INVITED = "INVITED", _("Invited people, one answer link each")
        OPEN_LINK = "OPEN_LINK", _("Anyone with the survey's link (e.g. service users)")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="surveys")
    instrument = models.ForeignKey(
        Instrument,
        on_delete=models.PROTECT,
        related_name="surveys",
        verbose_name=_("questionnaire"),
    )
    title = models.CharField(_("title"), max_length=200)
    round_label = models.CharField(_("round"), max_length=60, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    audience = models.CharField(
        _("who answers"), max_length=10, choices=Audience.choices, default=Audience.INVITED
    )
    opens_on = models.DateField(_("opens"), null=True, blank=True)
    closes_on = models.DateField(_("closes"), null=True, blank=True)
    # The target: everyone, or the union of the chosen units (with their sub-units),
    # bodies and parties.
    target_everyone = models.BooleanField(_("everyone in the municipality"), default=False)
    target_units = models.ManyToManyField(
        Unit, blank=True, related_name="+", verbose_name=_("units")
    )
    target_bodies = models.ManyToManyField(
        Body, blank=True, related_name="+", verbose_name=_("bodies")
    )
    target_parties = models.JSONField(_("parties"), default=list, blank=True)
    # The audit log names the parties in a list field by these labels.
    audit_item_choices = {"target_parties": Party.choices}
    # OPEN_LINK surveys: the public link's unguessable part (only its hash is stored).
    open_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "instrument"])]

    def __str__(self) -> str:
        return f"{self.title} {self.round_label}".strip()


class Invitation(models.Model):
    """That a person may answer once, and whether they have: never what they answered."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    # SHA-256 of the one-time answer link's token; emptied when the answer is stored.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    answered = models.BooleanField(default=False)
    sent_on = models.DateField(null=True, blank=True)
    # The groups the answer will be counted in, fixed when the invitation is made.
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    party = models.CharField(max_length=14, choices=Party.choices, blank=True)
    body = models.ForeignKey(
        Body, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["survey", "person"], name="invitation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}: {self.person_id}"


class Response(models.Model):
    """One person's answers, anonymous: the groups and the day, nothing pointing to them."""

    id = RandomIdField(primary_key=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    party = models.CharField(max_length=14, choices=Party.choices, blank=True)
    body = models.ForeignKey(
        Body, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_on = models.DateField()

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [
            models.Index(fields=["survey", "unit"]),
            models.Index(fields=["survey", "party"]),
            models.Index(fields=["survey", "body"]),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}: {self.answered_on}"


class AnswerQuerySet(TenantQuerySet["Answer"]):
    """Answer rows reach their municipality through ``survey``."""

    tenant_field = "survey__municipality"


class Answer(models.Model):
    """One answer to one question. The response's groups are copied in, so results are one
    indexed GROUP BY without a join (a million answers aggregate in a fraction of a second)."""

    id = RandomIdField(primary_key=True)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    party = models.CharField(max_length=14, blank=True)
    body = models.ForeignKey(
        Body, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # SCALE: 1–5; CHOICE: the choice's index; TEXT: empty, the words are in ``text``.
    value = models.SmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(99)]
    )
    text = models.TextField(blank=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [
            models.Index(fields=["survey", "question", "unit", "value"], name="answer_by_unit"),
            models.Index(fields=["survey", "question", "party", "value"], name="answer_by_party"),
            models.Index(fields=["survey", "question", "body", "value"], name="answer_by_body"),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}: {self.question_id}"


class KeptResultsQuerySet(TenantQuerySet["KeptResults"]):
    """KeptResults rows reach their municipality through ``survey``."""

    tenant_field = "survey__municipality"


class KeptResults(models.Model):
    """A closed round's results by one dimension, computed once when it closed.

    Only what the threshold and secondary suppression let through is kept (the shown
    groups' figures and free text, the hidden groups' names): a closed round takes no more
    answers, so its results never change and are read from here.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="kept_results")
    by = models.CharField(max_length=8)
    data = models.JSONField()
    made_on = models.DateField()

    objects = KeptResultsQuerySet.as_manager()

    class Meta:
        verbose_name = _("kept survey results")
        verbose_name_plural = _("kept survey results")
        constraints = [
            models.UniqueConstraint(fields=["survey", "by"], name="kept_results_once"),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}: {self.by}"
