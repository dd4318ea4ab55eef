"""``trepart demo`` and ``trepart generate`` against a real database."""

import io

import pytest
from django.core.management import CommandError, call_command

from trepart.accounts.models import User
from trepart.demo.analysis_meeting import SELF_ASSESSMENT_TITLE, SICK_LEAVE_TITLE
from trepart.demo.builder import (
    DEMO_ORGANISATION_NUMBER,
    municipality_build,
    municipality_delete,
)
from trepart.demo.models import DemoInfo
from trepart.demo.plan import PRESETS
from trepart.demo.seats import LOGINS
from trepart.meetings.models import AgendaItem, Meeting
from trepart.organisation.models import Body, Membership, Municipality, Person, Unit
from trepart.organisation.selectors import active_q, body_statuses, today

pytestmark = pytest.mark.django_db

TINY = PRESETS["small"].resized(units=8, employees=140)


def run(*args, **options):
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def seats_of(username):
    person = Person.objects.get(user__username=username)
    return list(Membership.objects.filter(active_q(today()), person=person).select_related("body"))


def seat_keys(username):
    return {(m.body.kind, m.body.unit_id, m.party, m.capacity, m.role) for m in seats_of(username)}


def table_sizes():
    return [
        model.objects.count()
        for model in (Municipality, Unit, Person, Body, Membership, User, DemoInfo)
    ]


def test_demo_builds_the_municipality_and_prints_the_logins():
    output = run("demo")
    municipality = Municipality.objects.get(organisation_number=DEMO_ORGANISATION_NUMBER)
    assert not municipality.require_mfa_for_admins
    assert Unit.objects.filter(municipality=municipality, kind="UNIT").count() == 40
    assert Person.objects.filter(municipality=municipality, kind="EMPLOYEE").count() == 1_000
    assert "demo-passord-2026" in output  # TREPART_DEMO_PASSWORD, set for the tests
    for username in LOGINS:
        assert username in output
        user = User.objects.get(username=username)
        assert user.municipality == municipality
        assert user.person.municipality == municipality
        assert user.check_password("demo-passord-2026")
    admin = User.objects.get(username="admin")
    assert admin.is_municipal_admin and admin.is_staff


def test_demo_logins_sit_where_their_names_say():
    run("demo")
    unit_id = Person.objects.get(user__username="leder").unit_id
    assert Person.objects.get(user__username="ansatt").unit_id == unit_id
    assert ("LMU", unit_id, "ADMINISTRATION", "LEADER", "CHAIR") in seat_keys("leder")
    assert ("LMU", unit_id, "EMPLOYEE", "UNION_REP", "MEMBER") in seat_keys("tillitsvalgt")
    assert ("LMU", unit_id, "EMPLOYEE", "SAFETY_REP", "MEMBER") in seat_keys("verneombud")
    mayor = {(kind, role) for kind, _u, _p, _c, role in seat_keys("ordforer")}
    assert {("COUNCIL", "CHAIR"), ("TRIPARTITE", "CHAIR")} <= mayor
    for username, party in (
        ("kommunedirektor", "ADMINISTRATION"),
        ("hovedtillitsvalgt", "EMPLOYEE"),
    ):
        slots = {m.body.template_slot for m in seats_of(username) if m.party == party}
        assert {"lunner:trepartsorgan", "ovre-eiker:partssammensatt-utvalg"} <= slots


def test_demo_has_a_broken_lmu_a_sound_tripartite_body_and_some_changes():
    run("demo")
    municipality = Municipality.objects.get()
    bodies = list(Body.objects.for_municipality(municipality).select_related("unit"))
    statuses = body_statuses(bodies)
    by_slot = {body.template_slot: body for body in bodies}
    lmus = [body for body in bodies if body.kind == "LMU"]
    broken = [body for body in lmus if not statuses[body.pk].composition.ok]
    assert 1 <= len(broken) <= 2
    assert len(lmus) == 40
    for slot in ("lunner:trepartsorgan", "ovre-eiker:partssammensatt-utvalg"):
        assert statuses[by_slot[slot].pk].composition.ok, statuses[by_slot[slot].pk]

    def changed(body):
        continuity = statuses[body.pk].continuity
        return continuity.stable < continuity.seats

    assert any(changed(body) for body in lmus)
    assert changed(by_slot["lunner:trepartsorgan"])


def test_running_demo_again_changes_nothing():
    run("demo")
    before = table_sizes()
    output = run("demo")
    assert "nothing changed" in output and "ordforer" in output
    assert table_sizes() == before


def test_without_a_configured_password_one_is_made_and_kept(settings):
    settings.TREPART_DEMO_PASSWORD = ""
    first = run("demo")
    password = DemoInfo.objects.get().password
    assert len(password) >= 16 and password in first
    assert User.objects.get(username="leder").check_password(password)
    assert password in run("demo")


def test_the_same_seed_builds_the_same_municipality():
    def build(seed):
        municipality_build(preset=TINY, seed=seed, password="x")
        names = sorted(
            Person.objects.values_list("first_name", "last_name", "unit__code", "position"), key=str
        )
        seats = sorted(
            Membership.objects.values_list(
                "body__name", "person__last_name", "role", "start", "end"
            ),
            key=str,
        )
        municipality_delete(organisation_number=DEMO_ORGANISATION_NUMBER)
        assert not Person.objects.exists() and not User.objects.exists()
        return names, seats

    first = build(3)
    assert build(3) == first
    assert build(4) != first


def test_generate_builds_a_preset_and_refuses_to_build_twice():
    output = run("generate", preset="small", seed=7)
    assert "40 units" in output and "1000 employees" in output
    assert Person.objects.filter(kind="EMPLOYEE").count() == 1_000
    with pytest.raises(CommandError, match="already exists"):
        run("generate", preset="small", seed=8)
    names = set(Person.objects.values_list("last_name", flat=True)[:50])
    output = run("generate", preset="small", seed=8, replace=True)
    assert "Deleted" in output
    assert Municipality.objects.count() == 1
    assert set(Person.objects.values_list("last_name", flat=True)[:50]) != names


def test_the_demos_next_joint_meeting_holds_the_shared_facts_as_snapshots():
    run("demo")
    item = AgendaItem.objects.get(title=SICK_LEAVE_TITLE)
    assert item.meeting.body.template_slot == "lunner:trepartsorgan"
    assert item.meeting.status == Meeting.Status.PLANNED
    assert item.snapshot is not None and item.snapshot["key"] == "absence-dashboard"
    assert any(chart["key"].endswith("absence-units") for chart in item.snapshot["charts"])
    beside = AgendaItem.objects.get(title=SELF_ASSESSMENT_TITLE)
    assert beside.meeting == item.meeting
    assert beside.snapshot is not None and beside.snapshot["key"] == "survey-results"
