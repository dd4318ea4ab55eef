"""Releasing a vacancy for external advertising, once the stillingsbank has considered it.

Before release the people with a right to the vacancy are found (the bank's own people and
the § 14-2 and § 14-3 registers, by the engine's suitability rules): releasing past someone
suitable needs a reason, and the vacancy is flagged with it."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trepart.audit.writes import versioned_edit
from trepart.redeployment import privacy
from trepart.redeployment.models import Vacancy
from trepart.redeployment.selectors.inputs import right_holders


@transaction.atomic
def vacancy_release(
    *,
    actor: Any,
    vacancy: Vacancy,
    version: int | None,
    reason: str = "",
    today: datetime.date | None = None,
) -> Vacancy:
    """Release a considered vacancy for external advertising (flagged, with the reason,
    when someone with a right to it is suitable)."""
    if not privacy.can_edit_vacancy(actor, vacancy):
        raise PermissionDenied
    day = today or timezone.localdate()
    reason = reason.strip()
    with versioned_edit(vacancy, actor=actor, version=version) as current:
        if current.status == Vacancy.Status.HELD:
            raise ValidationError(
                _(
                    "The stillingsbank has not yet considered this vacancy at a weekly "
                    "meeting: it is held until then."
                )
            )
        if current.status != Vacancy.Status.CONSIDERED:
            raise ValidationError(
                _("Only a vacancy the stillingsbank has considered can be released (%(status)s).")
                % {"status": current.get_status_display()}
            )
        waiting = right_holders(vacancy=current, day=day)
        if waiting and not reason:
            raise ValidationError(
                {
                    "reason": [
                        _(
                            "Someone with a right to this vacancy is suitable for it: give the "
                            "reason for releasing it all the same."
                        )
                    ]
                }
            )
        current.status = Vacancy.Status.RELEASED
        current.released_on = day
        current.flagged = bool(waiting)
        current.flag_note = reason if waiting else ""
    return current
