"""Reading vacancies: members see every vacancy, a hiring authority those of their units."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from trepart.organisation.selectors import unit_tree
from trepart.redeployment import privacy
from trepart.redeployment.models import Vacancy


def vacancy_list(*, user: Any, status: str = "", unit_id: int | None = None) -> QuerySet[Vacancy]:
    rows = privacy.vacancies_for(user).select_related("unit", "location")
    if status:
        rows = rows.filter(status=status)
    if unit_id:
        below = unit_tree(municipality_id=user.municipality_id).subtree_ids([unit_id])
        rows = rows.filter(unit_id__in=below)
    return rows.order_by("starts_on", "pk")


def vacancy_get(*, user: Any, pk: int) -> Vacancy:
    """A vacancy the user may see; anything else is a 404."""
    vacancy = privacy.vacancies_for(user).select_related("unit", "location").filter(pk=pk).first()
    if vacancy is None:
        raise Http404
    return vacancy
