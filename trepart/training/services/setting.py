"""The municipality's course setting: whether the course is mandatory, and for whom."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from trepart.audit.services import audit_create
from trepart.audit.writes import versioned_edit
from trepart.training.models import CourseSetting


def setting_update(
    *,
    actor: Any,
    version: int,
    mandatory: bool,
    for_employees: bool,
    for_leaders: bool,
    for_permanent: bool,
    for_politicians: bool,
    remind_every_days: int = 30,
) -> CourseSetting:
    """Save the setting (made on first save). Mandatory for nobody is refused."""
    if mandatory and not (for_employees or for_leaders or for_permanent or for_politicians):
        raise ValidationError({"mandatory": [_("Say whom the course is mandatory for.")]})
    changes = {
        "mandatory": mandatory,
        "for_employees": for_employees,
        "for_leaders": for_leaders,
        "for_permanent": for_permanent,
        "for_politicians": for_politicians,
        "remind_every_days": remind_every_days,
    }
    with transaction.atomic():
        current = CourseSetting.objects.filter(municipality_id=actor.municipality_id).first()
        if current is None:
            if version not in (None, 1):
                raise ValidationError(_("The setting was removed while you were editing."))
            created = CourseSetting.objects.create(municipality_id=actor.municipality_id, **changes)
            audit_create(actor=actor, instance=created)
            return created
        with versioned_edit(current, actor=actor, version=version, changes=changes) as row:
            pass
    return row
