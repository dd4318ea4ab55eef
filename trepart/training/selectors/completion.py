"""Completion figures: of the people the course is mandatory for, the share who have
completed it, by unit (in the unit tree, sectors at the top), by party of the cooperation
and by political party. Small groups are hidden through ``training.privacy``; only counts
leave this module. Kept in the figure cache until the municipality's data change."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from trepart.audit.cache import cached_figure
from trepart.organisation.models import Municipality, Party, Person
from trepart.organisation.selectors import today, unit_tree
from trepart.training import privacy
from trepart.training.selectors.audience import completed_exists, mandatory_people, setting_of


@dataclass(frozen=True)
class Group:
    key: str
    name: str
    people: int
    completed: int
    depth: int = 0

    @property
    def share(self) -> float:
        return round(100 * self.completed / self.people, 1) if self.people else 0.0


@dataclass(frozen=True)
class Figures:
    mandatory: bool
    audiences: list[str]
    threshold: int
    whole: Group | None  # None: fewer than the threshold in all
    sectors: list[Group] = field(default_factory=list)
    units: list[Group] = field(default_factory=list)
    parties: list[Group] = field(default_factory=list)
    political_parties: list[Group] = field(default_factory=list)
    hidden: int = 0  # groups left out of the tables


def _party(kind: str, is_leader: bool) -> str:
    if kind == Person.Kind.POLITICIAN:
        return Party.POLITICAL.value
    return Party.ADMINISTRATION.value if is_leader else Party.EMPLOYEE.value


def _counts(municipality_id: int) -> list[tuple[int | None, str, bool, str, bool, int]]:
    """(unit, kind, leader, political party, completed, people), grouped in one query."""
    rows = (
        mandatory_people(municipality_id=municipality_id, day=today())
        .annotate(done=completed_exists())
        .order_by()
        .values_list("unit_id", "kind", "is_leader", "political_party", "done")
        .annotate(n=Count("pk"))
    )
    return list(rows)


def _partition(
    people: Counter[str],
    done: Counter[str],
    names: dict[str, str],
    *,
    unplaced: int,
    threshold: int,
) -> tuple[list[Group], int]:
    hidden = privacy.hidden_in_partition(dict(people), unplaced=unplaced, threshold=threshold)
    shown = [
        Group(key=key, name=names.get(key, key), people=count, completed=done[key])
        for key, count in sorted(people.items(), key=lambda item: names.get(item[0], item[0]))
        if count and key not in hidden
    ]
    return shown, len([key for key, count in people.items() if count and key in hidden])


def _compute(municipality_id: int) -> Figures:
    municipality = Municipality.objects.get(pk=municipality_id)
    threshold = privacy.figure_threshold(
        survey_threshold=municipality.survey_threshold,
        absence_threshold=municipality.absence_threshold,
    )
    setting = setting_of(municipality_id)
    audiences = [str(audience.label) for audience in setting.audiences]
    rows = _counts(municipality_id)
    total = sum(row[5] for row in rows)
    total_done = sum(row[5] for row in rows if row[4])
    whole = Group("all", _("Everyone"), total, total_done) if total >= threshold else None
    if whole is None:
        return Figures(setting.mandatory, audiences, threshold, None)
    tree = unit_tree(municipality_id=municipality_id)
    own: Counter[int] = Counter()
    own_done: Counter[int] = Counter()
    unplaced = 0
    parties: Counter[str] = Counter()
    parties_done: Counter[str] = Counter()
    political: Counter[str] = Counter()
    political_done: Counter[str] = Counter()
    no_party = 0
    for unit_id, kind, leader, party_name, done, n in rows:
        if unit_id is None or unit_id not in tree:
            unplaced += n
        else:
            own[unit_id] += n
            own_done[unit_id] += n if done else 0
        party = _party(kind, leader)
        parties[party] += n
        parties_done[party] += n if done else 0
        if kind == Person.Kind.POLITICIAN:
            if party_name:
                political[party_name] += n
                political_done[party_name] += n if done else 0
            else:
                no_party += n
    hidden_units = privacy.hidden_in_tree(
        dict(own), parents=tree.parents, unplaced=unplaced, threshold=threshold
    )
    people_in = tree.rollup(dict(own), zero=0)
    done_in = tree.rollup(dict(own_done), zero=0)
    units = [
        Group(str(pk), tree.unit(pk).name, people_in[pk], done_in[pk], depth=tree.depth(pk))
        for pk in tree.subtree(None)
        if people_in.get(pk) and pk not in hidden_units
    ]
    sectors = [group for group in units if group.depth == 0]
    party_names = {party.value: str(party.label) for party in Party}
    shown_parties, hidden_parties = _partition(
        parties, parties_done, party_names, unplaced=0, threshold=threshold
    )
    politicians = sum(political.values()) + no_party
    shown_political: list[Group] = []
    hidden_political = 0
    if politicians >= threshold:
        shown_political, hidden_political = _partition(
            political, political_done, {}, unplaced=no_party, threshold=threshold
        )
    hidden_count = len([pk for pk in hidden_units if people_in.get(pk)])
    return Figures(
        mandatory=setting.mandatory,
        audiences=audiences,
        threshold=threshold,
        whole=whole,
        sectors=sectors,
        units=units,
        parties=shown_parties,
        political_parties=shown_political,
        hidden=hidden_count + hidden_parties + hidden_political,
    )


def completion_figures(*, user: Any) -> Figures:
    """The user's municipality's completion figures, suppressed."""
    municipality_id = user.municipality_id
    return cached_figure(
        topic="training-completion",
        key=f"{today().isoformat()}",
        municipality_id=municipality_id,
        compute=lambda: _compute(municipality_id),
    )
