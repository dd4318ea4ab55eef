"""Checking a portfolio CSV file before anything is written: one row per task and level.

Pure: the parsed table, the municipality's unit codes and the tasks already in the
portfolio go in; the tasks with their levels, or every problem, come out. Columns
(Norwegian headings, English accepted, any order)::

    oppgave;kode;nivå;årskostnad;årsverk;kvalitet;lovpålagt_minimum;enhet;volum;beskrivelse
    Brøyting;VP-1;beholde;2400000;3,5;8;;1200;85 km;Som i dag
    Brøyting;VP-1;senke;1900000;2,8;6;;;;Brøyting ved 10 cm snø
    Gatelys;VP-2;beholde;900000;1;7;senke;;;

A task is its rows (by code, or by name when it has no code); its ``beholde`` (KEEP) row is
the task as done today and gives the task's cost and FTEs. ``lovpålagt_minimum`` makes the
task statutory with that lowest level.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trepart.development.imports import cells
from trepart.development.models import LevelKind
from trepart.organisation.imports.parsing import Table
from trepart.organisation.imports.validation.cells import Column, text
from trepart.organisation.imports.validation.sheet import Checked, RowError, Sheet, check_table

MAX_COST = Decimal(10**12)
MAX_FTES = Decimal(99999)

COLUMNS = (
    Column(
        "name",
        ("oppgave", "task"),
        text(200, required=True),
        required=True,
        description=gettext_lazy("The task's name."),
    ),
    Column(
        "code",
        ("kode", "code"),
        text(40),
        description=gettext_lazy(
            "The task's code (optional): rows with the same code are one task."
        ),
    ),
    Column(
        "kind",
        ("nivå", "level"),
        cells.level(),
        required=True,
        description=gettext_lazy("The ambition level: fjerne, senke, beholde or heve."),
    ),
    Column(
        "cost",
        ("årskostnad", "yearly_cost"),
        cells.number(places=0, maximum=MAX_COST),
        required=True,
        description=gettext_lazy("Yearly cost at this level, whole kroner."),
    ),
    Column(
        "ftes",
        ("årsverk", "ftes"),
        cells.number(places=2, maximum=MAX_FTES),
        required=True,
        description=gettext_lazy("FTEs at this level."),
    ),
    Column(
        "quality",
        ("kvalitet", "quality"),
        cells.number(places=0, maximum=Decimal(10)),
        required=True,
        description=gettext_lazy("Quality score at this level, 0 to 10."),
    ),
    Column(
        "minimum",
        ("lovpålagt_minimum", "statutory_minimum"),
        cells.level(optional=True),
        description=gettext_lazy("For a statutory task: the lowest level the law allows."),
    ),
    Column(
        "unit",
        ("enhet", "unit"),
        text(40),
        description=gettext_lazy("The unit's code, as registered (optional)."),
    ),
    Column(
        "volume",
        ("volum", "volume"),
        text(120),
        description=gettext_lazy("The task's volume (optional)."),
    ),
    Column(
        "description",
        ("beskrivelse", "description"),
        text(2000),
        description=gettext_lazy("What the level means (optional)."),
    ),
)

EXAMPLE = """\
oppgave;kode;nivå;årskostnad;årsverk;kvalitet;lovpålagt_minimum;enhet;volum;beskrivelse
Brøyting;VP-1;beholde;2400000;3,5;8;;;85 km;Som i dag
Brøyting;VP-1;senke;1900000;2,8;6;;;;Brøyting ved 10 cm snø
Brøyting;VP-1;fjerne;0;0;0;;;;
Gatelys;VP-2;beholde;900000;1;7;beholde;;;Lovpålagt
Gatelys;VP-2;heve;1100000;1,2;9;;;;LED i hele kommunen
"""


@dataclass
class TaskLevelRow:
    line: int
    kind: str
    cost: int
    ftes: Decimal
    quality: int
    description: str


@dataclass
class ImportedTask:
    key: str
    name: str
    code: str
    unit_code: str = ""
    volume: str = ""
    minimum: str = ""
    line: int = 0
    levels: dict[str, TaskLevelRow] = field(default_factory=dict)


@dataclass
class CheckedPortfolio:
    tasks: list[ImportedTask] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def check_portfolio(table: Table, *, unit_codes: set[str], existing: set[str]) -> CheckedPortfolio:
    """Every problem in the file; the tasks when there are none. ``existing``: the codes and
    (lower-case) names of the tasks already in the portfolio, which the file cannot add again."""
    tasks: dict[str, ImportedTask] = {}

    def rules(sheet: Sheet) -> None:
        for row in sheet.rows:
            values = row.values
            code, name = values.get("code", ""), values.get("name", "")
            unit = values.get("unit", "")
            if unit and unit not in unit_codes:
                sheet.reject(
                    row,
                    "unit",
                    "unknown_unit",
                    _("There is no unit with the code “%(code)s”.") % {"code": unit},
                )
            if not row.valid:
                continue
            key = code or name.lower()
            if key in existing or name.lower() in existing:
                sheet.reject(
                    row,
                    "name",
                    "exists",
                    _("“%(task)s” is already in the portfolio.") % {"task": name},
                )
                continue
            task = tasks.setdefault(key, ImportedTask(key=key, name=name, code=code, line=row.line))
            if task.name != name:
                sheet.reject(
                    row,
                    "name",
                    "name_differs",
                    _("The code %(code)s has the name “%(other)s” on line %(line)s.")
                    % {"code": code, "other": task.name, "line": task.line},
                )
                continue
            kind = values["kind"]
            if kind in task.levels:
                sheet.reject(
                    row,
                    "kind",
                    "duplicate",
                    _("%(task)s has this level on line %(line)s already.")
                    % {"task": name, "line": task.levels[kind].line},
                )
                continue
            task.levels[kind] = TaskLevelRow(
                line=row.line,
                kind=kind,
                cost=int(values["cost"]),
                ftes=values["ftes"],
                quality=int(values["quality"]),
                description=values.get("description", ""),
            )
            for attr, column in (
                ("unit_code", "unit"),
                ("volume", "volume"),
                ("minimum", "minimum"),
            ):
                if values.get(column):
                    setattr(task, attr, values[column])
        for task in tasks.values():
            if LevelKind.KEEP not in task.levels:
                sheet.errors.append(
                    RowError(
                        task.line,
                        sheet.heading("kind"),
                        "no_keep",
                        _("%(task)s has no row with the level “beholde”: the task as done today.")
                        % {"task": task.name},
                    )
                )
            if task.minimum == LevelKind.REMOVE:
                sheet.errors.append(
                    RowError(
                        task.line,
                        sheet.heading("minimum"),
                        "minimum",
                        _("The lowest level the law allows cannot be “fjerne”."),
                    )
                )
            elif task.minimum and task.minimum not in task.levels:
                sheet.errors.append(
                    RowError(
                        task.line,
                        sheet.heading("minimum"),
                        "minimum",
                        _("%(task)s has no row for the level the law requires.")
                        % {"task": task.name},
                    )
                )

    checked: Checked = check_table(table, COLUMNS, unique="", duplicate="", rules=rules)
    checked.errors.sort(key=lambda e: e.line)
    if checked.errors:
        return CheckedPortfolio(errors=checked.errors)
    return CheckedPortfolio(tasks=list(tasks.values()))
