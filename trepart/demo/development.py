"""The demo's development work, told through the development services.

Vei og park is a finished service review: the joint body gave the mandate, the group (the
finance chief leading, the employees broadly represented, the politicians kept informed)
weighed every task, chose a plan, the joint body recommended it and the council adopted it
unanimously; its net saving is in the ledger, the raised tasks as added cost. Tjenesteoptimal
in oppvekst is under way with a 4–6 MNOK target: the administration and the employees have
weighed, the politicians (the mayor's login) have not finished. Balanse 2010 is a ledger of
16 MNOK realised, mostly through natural attrition. A Lea'n project in home care has an
improvement board and no target, and Ormåsen is a public development project with parents
in the group.

``bulk`` (the ``generate`` presets) adds the large portfolios the benchmark measures.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from trepart.demo.development_bulk import development_bulk_build
from trepart.demo.development_data import (
    BALANSE_2010,
    LEAN_BOARD,
    LEAN_MANDATE,
    OPPVEKST,
    OPPVEKST_MANDATE,
    OPPVEKST_TARGET,
    ORMAASEN_MANDATE,
    VEI_OG_PARK,
    VEI_OG_PARK_MANDATE,
    VEI_OG_PARK_RECOMMENDATION,
    VEI_OG_PARK_TARGET,
)
from trepart.demo.development_tools import Missing, StoryTools
from trepart.development.models import Project, ProjectKind, Workforce
from trepart.development.services.decision import (
    decision_record,
    plan_snapshot,
    project_recommendation_note,
)
from trepart.development.services.lean import improvement_add, improvement_update
from trepart.development.services.ledger import YearFigures, measure_create
from trepart.development.services.plans import plan_choose, plan_defaults, plan_make
from trepart.development.services.projects import phase_mark_done, project_create
from trepart.development.services.reports import status_report_send
from trepart.organisation.models import Body, Municipality, Party, Unit


def development_build(*, municipality: Municipality, bulk: bool) -> None:
    today = timezone.localdate()
    users = {
        user.username: user
        for user in get_user_model()
        .objects.filter(municipality=municipality)
        .filter(username__in=["admin", "ordforer", "personalsjef", "hovedtillitsvalgt"])
        .select_related("person")
    }
    joint = Body.objects.filter(
        municipality=municipality, template_slot="lunner:trepartsorgan"
    ).first()
    if joint is None or len(users) < 4:
        return
    story = _Story(municipality=municipality, joint=joint, users=users, today=today)
    for tell in (story.vei_og_park, story.oppvekst, story.balanse, story.lean, story.ormaasen):
        try:
            with transaction.atomic():
                tell()
        except Missing:
            continue  # a tiny made-up municipality lacks the story's units or people
    if bulk:
        development_bulk_build(municipality=municipality, today=today)


class _Story(StoryTools):
    """The five stories, each told through the services as the people in it would."""

    def vei_og_park(self) -> Project:
        unit = self.unit("Vei og park")
        finance = self.unit("Økonomi")
        chief = self.lead(finance)
        mandate = self.item(VEI_OG_PARK_MANDATE)
        recommendation = self.item(VEI_OG_PARK_RECOMMENDATION)
        members = [(person, Party.ADMINISTRATION) for person in self.staff(unit, 1, leaders=True)]
        members += [(person, Party.EMPLOYEE) for person in self.staff(unit, 5)]
        project = project_create(
            actor=self.admin,
            kind=ProjectKind.SERVICE_REVIEW,
            title="Tjenestegjennomgang Vei og park",
            summary="Alle oppgavene i Vei og park er vektet mot hverandre og mot en ønsket "
            "standard.",
            mandating_body=self.joint,
            mandate=mandate.outcome_text,
            mandate_item=mandate,
            leader=chief,
            leader_party=Party.ADMINISTRATION,
            members=members,
            informed=self.politicians(3),
            units=[unit],
            starts_on=self.day(mandate, 7),
            ends_on=self.day(recommendation, -7),
            visibility=Project.Visibility.PUBLIC,
            savings_target=VEI_OG_PARK_TARGET,
        )
        for phase in project.phases.all():
            phase_mark_done(
                actor=self.admin, phase=phase, version=phase.version, done_on=phase.ends_on
            )
        Workforce.objects.create(
            municipality=self.municipality,
            unit=unit,
            year=project.starts_on.year,
            ftes=Decimal("12.0"),
            turnover_percent=Decimal("8.0"),
            retiring_ftes=Decimal("1.0"),
        )
        tasks = self.tasks(project, VEI_OG_PARK, unit)
        self.weigh(project, tasks, VEI_OG_PARK, finished=(Party.ADMINISTRATION, Party.EMPLOYEE))
        self.agree(project, tasks, VEI_OG_PARK)
        plan = plan_make(actor=self.admin, project=project, inputs=plan_defaults(project))
        plan_choose(actor=self.admin, plan=plan)
        # The innstilling the joint body agreed on carries the chosen plan, frozen.
        recommendation.snapshot = plan_snapshot(actor=self.admin, project=project)
        recommendation.save(update_fields=["snapshot"])
        Project.objects.filter(pk=project.pk).update(recommendation_item=recommendation)
        project.refresh_from_db()
        project = project_recommendation_note(actor=self.admin, project=project)
        return decision_record(
            actor=self.admin,
            project=project,
            version=project.version,
            decision_maker="COUNCIL",
            adopted=True,
            text="Kommunestyret vedtar innstillingen fra trepartsorganet om Vei og park.",
            votes="Enstemmig",
            decided_on=min(self.day(recommendation, 21), self.today),
        )

    def oppvekst(self) -> Project:
        sector = self.unit("Oppvekst")
        mandate = self.item(OPPVEKST_MANDATE)
        hr, union, mayor = (
            self.users[name].person for name in ("personalsjef", "hovedtillitsvalgt", "ordforer")
        )
        project = project_create(
            actor=self.admin,
            kind=ProjectKind.SERVICE_REVIEW,
            title="Tjenesteoptimal: pilot i oppvekst",
            summary="Partene, også sektorpolitikerne, går gjennom tjenestene i oppvekst sammen.",
            mandating_body=self.joint,
            mandate=mandate.outcome_text + " Målet er 4–6 millioner kroner.",
            mandate_item=mandate,
            leader=hr,
            leader_party=Party.ADMINISTRATION,
            members=[
                (union, Party.EMPLOYEE),
                (mayor, Party.POLITICAL),
                *((p, Party.SERVICE_USER) for p in self.citizens(1)),
            ],
            units=list(Unit.objects.filter(parent=sector).order_by("pk")[:6]),
            starts_on=self.day(mandate, 14),
            ends_on=self.today + datetime.timedelta(days=120),
            savings_target=OPPVEKST_TARGET,
        )
        done = list(project.phases.order_by("position")[:2])
        for phase in done:
            phase_mark_done(
                actor=self.admin,
                phase=phase,
                version=phase.version,
                done_on=min(phase.ends_on, self.today),
            )
        for unit in project.units.all():
            Workforce.objects.create(
                municipality=self.municipality,
                unit=unit,
                year=self.today.year,
                ftes=Decimal(max(unit.employee_count, 10)) * Decimal("0.8"),
                turnover_percent=Decimal("7.5"),
                retiring_ftes=Decimal("0.5"),
            )
        tasks = self.tasks(project, OPPVEKST, sector)
        self.weigh(project, tasks, OPPVEKST, finished=(Party.ADMINISTRATION, Party.EMPLOYEE))
        meeting = self.next_meeting()
        if meeting is not None:
            status_report_send(
                actor=self.admin,
                project=project,
                meeting=meeting,
                text="Nå-situasjonen er beskrevet og brukerundersøkelsen er gjennomført. "
                "Administrasjonen og de ansatte har vektet alle oppgavene; politikerne "
                "vekter før neste samling.",
            )
        return project

    def balanse(self) -> Project:
        """Balanse 2010 came before the platform: the project is recorded as history and its
        measures entered in the ledger by hand."""
        finance = self.unit("Økonomi")
        chief = self.lead(finance)
        group = Body.objects.create(
            municipality=self.municipality,
            name="Prosjektgruppe: Balanse 2010",
            kind=Body.Kind.PROJECT_GROUP,
            parent=self.joint,
            established=datetime.date(2008, 1, 15),
        )
        project = Project.objects.create(
            municipality=self.municipality,
            kind=ProjectKind.SAVINGS_PROGRAMME,
            title="Balanse 2010",
            summary="Hver stein ble snudd for å spare penger; besparelsen ble i hovedsak tatt ut "
            "som færre årsverk ved naturlig avgang.",
            status=Project.Status.CLOSED,
            visibility=Project.Visibility.PUBLIC,
            mandating_body=self.joint,
            mandate="Kommunestyrets vedtak om Balanse 2010 (2008): finn varige innsparinger "
            "sammen.",
            leader=chief,
            group=group,
            starts_on=datetime.date(2008, 1, 15),
            ends_on=datetime.date(2009, 10, 31),
            savings_target=16_000_000,
            decision_maker="COUNCIL",
            decision_adopted=True,
            decision_text="Kommunestyret vedtok tiltakene i Balanse 2010.",
            decided_on=datetime.date(2008, 12, 11),
        )
        units = [
            self.unit(name)
            for name in (
                "Hjemmetjenesten",
                "Oppvekst",
                "Økonomi",
                "Storkjøkkenet",
                "Eiendomsdrift",
                "Vei og park",
                "Økonomi",
            )
        ]
        for measure, unit in zip(BALANSE_2010, units, strict=True):
            measure_create(
                actor=self.admin,
                unit=unit,
                title=measure.title,
                realisation=measure.realisation,
                fte_effect=Decimal(str(measure.fte_effect)),
                status="REALISED",
                project=project,
                years=[
                    YearFigures(year=year, planned=planned, realised=realised)
                    for year, (planned, realised) in measure.years.items()
                ],
            )
        return project

    def lean(self) -> Project:
        unit = self.unit("Hjemmetjenesten")
        mandate = self.item(LEAN_MANDATE)
        leader = self.lead(unit)
        employees = self.staff(unit, 4)
        project = project_create(
            actor=self.admin,
            kind=ProjectKind.LEAN,
            title="Lea'n i hjemmetjenesten",
            summary="Forenkling og forbedring av arbeidsprosessene, ikke innsparing.",
            mandating_body=self.joint,
            mandate=mandate.outcome_text,
            mandate_item=mandate,
            leader=leader,
            leader_party=Party.ADMINISTRATION,
            members=[(person, Party.EMPLOYEE) for person in employees[:2]],
            units=[unit],
            starts_on=self.day(mandate, 7),
            ends_on=self.today + datetime.timedelta(days=200),
        )
        for number, card in enumerate(LEAN_BOARD):
            improvement = improvement_add(
                actor=self.admin,
                project=project,
                kind=card.kind,
                title=card.title,
                unit=unit,
                owner=employees[number % len(employees)] if employees else None,
            )
            improvement_update(
                actor=self.admin,
                improvement=improvement,
                version=improvement.version,
                step=card.step,
                hours_saved_per_month=Decimal(str(card.hours)),
                errors_avoided_per_month=card.errors,
                waiting_days_avoided=Decimal(str(card.waiting)),
            )
        return project

    def ormaasen(self) -> Project:
        # The demo's first kindergarten plays Ormåsen.
        unit = (
            Unit.objects.filter(municipality=self.municipality, name__endswith="barnehage")
            .order_by("pk")
            .first()
        )
        if unit is None:
            raise Missing("barnehage")
        mandate = self.item(ORMAASEN_MANDATE)
        staff = self.staff(unit, 3)
        leader = self.lead(unit)
        project = project_create(
            actor=self.admin,
            kind=ProjectKind.DEVELOPMENT,
            title="Ormåsen: naturen som grunnlag for lek og læring",
            summary="Et tilbud til 3–6-åringer der naturen er basis for det pedagogiske "
            "opplegget, utviklet av ledere, ansatte og foreldre sammen.",
            mandating_body=self.joint,
            mandate=mandate.outcome_text,
            mandate_item=mandate,
            leader=leader,
            leader_party=Party.ADMINISTRATION,
            members=[
                *((p, Party.EMPLOYEE) for p in staff if p.pk != leader.pk),
                *((p, Party.SERVICE_USER) for p in self.citizens(3)[1:]),
            ],
            informed=self.politicians(5)[3:],
            units=[unit],
            starts_on=self.day(mandate, 10),
            ends_on=self.today + datetime.timedelta(days=300),
            visibility=Project.Visibility.PUBLIC,
        )
        first = project.phases.order_by("position").first()
        if first is not None and first.ends_on <= self.today:
            phase_mark_done(
                actor=self.admin, phase=first, version=first.version, done_on=first.ends_on
            )
        return project
