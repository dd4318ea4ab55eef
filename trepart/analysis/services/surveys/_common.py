"""What the survey services share: tokens and links, the manager check."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from trepart.analysis.models import (
    Question,
    Survey,
)
from trepart.analysis.permissions import can_manage
from trepart.platform.urls import absolute_url

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


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh unguessable token and the hash that is stored."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def answer_link(token: str) -> str:
    return absolute_url(reverse("analysis:survey-answer", args=[token]))


def open_link(token: str) -> str:
    return absolute_url(reverse("analysis:survey-open-answer", args=[token]))


def require_manager(actor: Any, municipality_id: int) -> None:
    if actor is not None and (not can_manage(actor) or actor.municipality_id != municipality_id):
        raise PermissionDenied


def is_open(survey: Survey, *, day: datetime.date | None = None) -> bool:
    day = day or timezone.localdate()
    return survey.status == Survey.Status.OPEN and (
        survey.closes_on is None or survey.closes_on >= day
    )


def questions_of(survey: Survey) -> list[Question]:
    return list(Question.objects.filter(instrument_id=survey.instrument_id).order_by("position"))
