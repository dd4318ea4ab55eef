"""Making a survey round, sending its answer links, and storing anonymous answers.

The functions a demo or a script uses:

- ``instrument_create(actor=, title=, kind=, questions=, …)`` — the municipality's own
  questionnaire (built-in ones come from ``analysis.instruments``);
- ``survey_create(actor=, instrument=, title=, …)`` — a round in DRAFT with its target;
- ``survey_open(actor=, survey=)`` — INVITED: one ``Invitation`` per person in the target,
  each mailed a one-time link when the transaction commits; OPEN_LINK: a public link
  (``OpenResult.open_link``; only its hash is kept, so it is shown once). A demo passes
  ``send_email=False`` and gets the tokens in ``OpenResult.tokens`` to answer with;
- ``survey_new_link(actor=, survey=)`` — a new public link for an OPEN_LINK survey;
- ``survey_close(actor=, survey=)``;
- ``answer_submit(token=, values=)`` — one invited answer; ``open_answer_submit(token=,
  unit=, values=)`` — one answer through the public link;
- ``invitation_resend(user=, invitation=)`` — a new link for someone who lost theirs;
- ``survey_remind(actor=, survey=)`` — new links to everyone who has not answered;
- ``survey_update(…)`` / ``survey_delete(…)`` — change or drop a DRAFT round;
- ``surveys_close_past(day=)`` — a daily duty: close rounds past their closing day.

Anonymity: an answer is stored in the same transaction that marks the invitation used and
forgets its token. The response carries the groups fixed on the invitation and the day,
nothing else. Tokens live only in the e-mail (sent directly, never stored as a
notification) and, hashed, on the invitation until it is used. Nothing here logs answers.
"""

# ruff: noqa: F401 (re-exported)

from trepart.analysis.services.surveys._common import (
    EMAIL_FOLDER,
    TEXT_MAX,
    AnswerRefused,
    answer_link,
    hash_token,
    is_open,
    new_token,
    open_link,
    questions_of,
    require_manager,
)
from trepart.analysis.services.surveys.answers import (
    answer_submit,
    clean_values,
    invitation_for_token,
    open_answer_submit,
    open_party,
    open_unit_choices,
    store_answers,
    survey_for_open_token,
)
from trepart.analysis.services.surveys.instruments import (
    CHOICE_SEPARATOR,
    QUESTION_MAX,
    instrument_create,
    parse_questions,
)
from trepart.analysis.services.surveys.invitations import (
    LINK_PLACEHOLDER,
    Letters,
    Target,
    default_party,
    invitation_email,
    invitation_resend,
    my_open_invitations,
    send_on_commit,
    survey_remind,
    survey_targets,
)
from trepart.analysis.services.surveys.rounds import (
    OpenResult,
    RoundCounts,
    check_dates,
    check_target,
    round_counts,
    survey_close,
    survey_create,
    survey_delete,
    survey_new_link,
    survey_open,
    survey_queryset,
    survey_update,
    surveys_close_past,
)
