"""The built-in questionnaires, as code, made once per municipality on first use.

"Status i egen kommune" asks how the cooperation stands against the criteria of the KRD
presentation (likeverd, dialogue, collective responsibility: slides "Likeverd /
Dialogpreget kommunikasjon / Kollektivt ansvar") and Knut Stranden's five value dimensions
("Verdier og organisasjonsatferd"). Every criterion is a statement to agree with on a 1–5
scale, grouped by ``theme``, so results can be shown per theme and per party side by side.

The user survey is a short template for service users, answered through an open link.

Texts are English source strings marked for translation. An instrument is stored in the
language of the municipality when it is first made (``instrument_get_or_create``), together
with the source strings, so every page, CSV, chart and snapshot shows a built-in text in its
reader's language (``Question.shown_text``, ``Instrument.shown_title``) while the
municipality's own questionnaires keep the words they were written in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from trepart.analysis.models import Instrument, Question
from trepart.organisation.models import Municipality

SELF_ASSESSMENT = "status-i-egen-kommune"
USER_SURVEY = "brukerundersokelse"


class Theme:
    """The criterion or dimension a question measures (stored in ``Question.theme``)."""

    EQUALITY = "likeverd"
    DIALOGUE = "dialog"
    RESPONSIBILITY = "kollektivt-ansvar"
    VALUES = "verdier"
    SERVICE = "tjeneste"
    OPEN = "fritekst"


THEME_LABELS = {
    Theme.EQUALITY: _("Equal footing (likeverd)"),
    Theme.DIALOGUE: _("Dialogue (dialogpreget kommunikasjon)"),
    Theme.RESPONSIBILITY: _("Collective responsibility (kollektivt ansvar)"),
    Theme.VALUES: _("Values in the organisation (Stranden's five dimensions)"),
    Theme.SERVICE: _("The service"),
    Theme.OPEN: _("In your own words"),
}


def theme_label(theme: str) -> str:
    return str(THEME_LABELS.get(theme, theme))


@dataclass(frozen=True)
class BuiltinQuestion:
    kind: str
    text: object  # a lazy translation
    theme: str = ""
    choices: tuple[object, ...] = ()


@dataclass(frozen=True)
class BuiltinInstrument:
    key: str
    kind: str
    title: object
    description: object
    questions: tuple[BuiltinQuestion, ...] = field(default_factory=tuple)


def _scale(theme: str, text: object) -> BuiltinQuestion:
    return BuiltinQuestion(kind=Question.Kind.SCALE, text=text, theme=theme)


STATUS_I_EGEN_KOMMUNE = BuiltinInstrument(
    key=SELF_ASSESSMENT,
    kind=Instrument.Kind.SELF_ASSESSMENT,
    title=_("Status in our municipality (Status i egen kommune)"),
    description=_(
        "How is the foundation of the tripartite cooperation where we are? Say how much you "
        "agree with each statement, from 1 (strongly disagree) to 5 (strongly agree). The "
        "answers are anonymous: results are shown only for groups large enough that no one "
        "can be recognised."
    ),
    questions=(
        # Likeverd
        _scale(
            Theme.EQUALITY,
            _("All the parties get the same information at the same time."),
        ),
        _scale(Theme.EQUALITY, _("The parties trust each other.")),
        _scale(Theme.EQUALITY, _("Real decisions are made in the cooperation.")),
        _scale(Theme.EQUALITY, _("The parties treat each other with respect.")),
        _scale(
            Theme.EQUALITY,
            _("The parties take an interest in each other's views and perceptions."),
        ),
        # Dialogpreget kommunikasjon
        _scale(Theme.DIALOGUE, _("We listen to each other's views.")),
        _scale(Theme.DIALOGUE, _("All participants are involved in the discussions.")),
        _scale(Theme.DIALOGUE, _("The participants come well prepared.")),
        _scale(Theme.DIALOGUE, _("We take the time that dialogue needs.")),
        # Kollektivt ansvar
        _scale(Theme.RESPONSIBILITY, _("The participants are motivated to take part.")),
        _scale(
            Theme.RESPONSIBILITY,
            _("We take responsibility for the decisions we make."),
        ),
        _scale(
            Theme.RESPONSIBILITY,
            _("We take responsibility for following up what has been decided."),
        ),
        _scale(Theme.RESPONSIBILITY, _("The group is stable: the same people keep taking part.")),
        _scale(
            Theme.RESPONSIBILITY,
            _("The participants feel real ownership of the cooperation."),
        ),
        _scale(
            Theme.RESPONSIBILITY,
            _("The cooperation is made known outside the group."),
        ),
        _scale(
            Theme.RESPONSIBILITY,
            _("The representatives have legitimacy in their own ranks."),
        ),
        # Stranden: verdier og organisasjonsatferd
        _scale(
            Theme.VALUES,
            _("We agree on what the cooperation stands for and what it wants to achieve."),
        ),
        _scale(
            Theme.VALUES,
            _("The cooperation builds good relationships between the parties and the units."),
        ),
        _scale(
            Theme.VALUES,
            _("Everyone concerned takes part in how decisions and tasks are organised."),
        ),
        _scale(
            Theme.VALUES,
            _("We have clear procedures and methods for carrying out the work together."),
        ),
        _scale(
            Theme.VALUES,
            _("The cooperation's values are visible in how we meet the citizens."),
        ),
        BuiltinQuestion(
            kind=Question.Kind.TEXT,
            theme=Theme.OPEN,
            text=_("What would make the cooperation better where you are?"),
        ),
    ),
)

USER_SURVEY_TEMPLATE = BuiltinInstrument(
    key=USER_SURVEY,
    kind=Instrument.Kind.USER,
    title=_("User survey (brukerundersøkelse)"),
    description=_(
        "Tell us how you find the service you use. Say how much you agree with each "
        "statement, from 1 (strongly disagree) to 5 (strongly agree). You answer anonymously."
    ),
    questions=(
        _scale(Theme.SERVICE, _("I am satisfied with the service I get.")),
        _scale(Theme.SERVICE, _("I am listened to.")),
        _scale(Theme.SERVICE, _("I get the information I need.")),
        _scale(Theme.SERVICE, _("I am treated with respect.")),
        _scale(Theme.SERVICE, _("I have a say in how the service is given to me.")),
        _scale(Theme.SERVICE, _("All in all, the service is good.")),
        BuiltinQuestion(
            kind=Question.Kind.TEXT,
            theme=Theme.OPEN,
            text=_("Is there anything you want to tell us about the service?"),
        ),
    ),
)

BUILTINS: dict[str, BuiltinInstrument] = {
    STATUS_I_EGEN_KOMMUNE.key: STATUS_I_EGEN_KOMMUNE,
    USER_SURVEY_TEMPLATE.key: USER_SURVEY_TEMPLATE,
}

# The answer scale's labels, 1 to 5.
SCALE_LABELS = (
    pgettext_lazy("scale", "Strongly disagree"),
    pgettext_lazy("scale", "Disagree"),
    pgettext_lazy("scale", "Neither agree nor disagree"),
    pgettext_lazy("scale", "Agree"),
    pgettext_lazy("scale", "Strongly agree"),
)


def source(text: object) -> str:
    """The English source string of a lazy translation (its message id)."""
    with translation.override(None):
        return str(text)


def instrument_get_or_create(*, municipality: Municipality, key: str) -> Instrument:
    """The municipality's copy of a built-in instrument, made in its language on first use."""
    existing = Instrument.objects.filter(municipality=municipality, builtin_key=key).first()
    if existing is not None:
        return existing
    builtin = BUILTINS[key]
    try:
        with transaction.atomic(), translation.override(municipality.language):
            instrument = Instrument.objects.create(
                municipality=municipality,
                kind=builtin.kind,
                title=str(builtin.title),
                description=str(builtin.description),
                builtin_key=builtin.key,
                source_title=source(builtin.title),
                source_description=source(builtin.description),
            )
            Question.objects.bulk_create(
                Question(
                    instrument=instrument,
                    position=position,
                    kind=question.kind,
                    text=str(question.text),
                    source_text=source(question.text),
                    theme=question.theme,
                    choices=[str(choice) for choice in question.choices],
                )
                for position, question in enumerate(builtin.questions, start=1)
            )
    except IntegrityError:
        # Made at the same moment by someone else: theirs is as good as ours.
        return Instrument.objects.get(municipality=municipality, builtin_key=key)
    return instrument


def builtins_for(municipality: Municipality) -> list[Instrument]:
    """Every built-in instrument of the municipality, making any that are missing."""
    return [instrument_get_or_create(municipality=municipality, key=key) for key in BUILTINS]
