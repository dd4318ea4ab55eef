"""The municipality's valuation of dugnad: annual hours per FTE and the rate per hour."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from trepart.audit.writes import versioned_edit
from trepart.community import privacy
from trepart.community.models import CommunitySettings


def community_settings_ensure(*, municipality_id: int) -> CommunitySettings:
    """The municipality's settings, made with the defaults the first time they are asked for."""
    row, _made = CommunitySettings.objects.get_or_create(municipality_id=municipality_id)
    return row


def community_settings_update(
    *, actor: Any, settings: CommunitySettings, version: int, hours_per_fte: int, hourly_rate: int
) -> CommunitySettings:
    """Change the valuation if nobody saved it since ``version``."""
    if not privacy.can_manage(actor) or actor.municipality_id != settings.municipality_id:
        raise PermissionDenied
    changes = {"hours_per_fte": hours_per_fte, "hourly_rate": hourly_rate}
    with versioned_edit(settings, actor=actor, version=version, changes=changes) as row:
        pass
    return row
