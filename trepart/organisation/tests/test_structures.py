"""Structure templates: the Øvre Eiker and Lunner models, applied as data."""

import pytest

from trepart.accounts.tests.factories import MunicipalityFactory
from trepart.organisation.models import Body, CompositionRule
from trepart.organisation.structures import structure_template_apply, structure_templates
from trepart.organisation.tests.factories import BodyFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipality():
    municipality = MunicipalityFactory.create(language="nn")
    sector = UnitFactory.create(municipality=municipality, kind="SECTOR", name="Oppvekst")
    for name in ("Skule A", "Skule B", "Barnehage C"):
        UnitFactory.create(municipality=municipality, parent=sector, name=name)
    return municipality


def test_templates_are_data_files():
    assert set(structure_templates()) >= {"ovre-eiker", "lunner"}


def test_ovre_eiker_creates_joint_committee_coordination_and_one_lmu_per_unit(municipality):
    result = structure_template_apply(actor=None, municipality=municipality, key="ovre-eiker")
    kinds = sorted(body.kind for body in result.created)
    assert kinds == ["COORDINATION", "LMU", "LMU", "LMU", "TRIPARTITE"]
    committee = Body.objects.get(kind="TRIPARTITE")
    assert committee.is_statutory_5_11
    assert committee.name == "Partssamansett utval"  # the municipality writes nynorsk
    assert committee.rules.get().kind == CompositionRule.Kind.STATUTORY_5_11
    coordination = Body.objects.get(kind="COORDINATION")
    assert coordination.parent == committee
    lmus = Body.objects.filter(kind="LMU")
    assert {lmu.unit.name for lmu in lmus if lmu.unit} == {"Skule A", "Skule B", "Barnehage C"}
    assert all(lmu.parent == coordination for lmu in lmus)
    assert all(lmu.rules.get().kind == "LMU_ROLES" for lmu in lmus)
    municipality.refresh_from_db()
    assert municipality.citizen_committees_enabled


def test_applying_twice_changes_nothing(municipality):
    structure_template_apply(actor=None, municipality=municipality, key="ovre-eiker")
    before = list(Body.objects.values_list("pk", "name", "kind", "parent_id"))
    again = structure_template_apply(actor=None, municipality=municipality, key="ovre-eiker")
    assert again.created == []
    assert again.skipped == 5
    assert list(Body.objects.values_list("pk", "name", "kind", "parent_id")) == before


def test_existing_bodies_are_not_overwritten(municipality):
    unit = municipality.units.get(name="Skule A")
    own = BodyFactory.create(municipality=municipality, kind="LMU", unit=unit, name="Vårt eige LMU")
    structure_template_apply(actor=None, municipality=municipality, key="ovre-eiker")
    own.refresh_from_db()
    assert own.name == "Vårt eige LMU"
    assert Body.objects.filter(kind="LMU", unit=unit).count() == 1


def test_lunner_creates_three_plus_three_plus_three_body_and_redeployment_bank(municipality):
    structure_template_apply(actor=None, municipality=municipality, key="lunner")
    tripartite = Body.objects.get(kind="TRIPARTITE")
    rule = tripartite.rules.get()
    assert (rule.kind, rule.seats_per_party) == ("PARITY", 3)
    assert Body.objects.get(kind="REDEPLOYMENT").parent == tripartite


def test_both_models_can_live_in_one_municipality(municipality):
    structure_template_apply(actor=None, municipality=municipality, key="ovre-eiker")
    structure_template_apply(actor=None, municipality=municipality, key="lunner")
    assert Body.objects.filter(kind="TRIPARTITE").count() == 2
    assert MunicipalityFactory.create().bodies.count() == 0
