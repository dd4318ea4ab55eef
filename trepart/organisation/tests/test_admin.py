"""The Django admin for municipal administrators: scoped and audited."""

import pytest
from django.contrib.admin import site
from django.forms import Form
from django.urls import reverse

from trepart.accounts.tests.factories import MunicipalityFactory, UserFactory
from trepart.audit.models import AuditEntry
from trepart.audit.writes import ConcurrentEditError
from trepart.organisation.models import Membership, Unit
from trepart.organisation.tests.factories import BodyFactory, PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    municipality = MunicipalityFactory.create(require_mfa_for_admins=False)
    user = UserFactory.create(municipality=municipality, is_municipal_admin=True)
    client.force_login(user)
    client.user = user
    return client


def test_municipal_admin_sees_only_own_units(admin_client):
    own = UnitFactory.create(municipality=admin_client.user.municipality, name="Vår skole")
    UnitFactory.create(municipality=MunicipalityFactory.create(), name="Naboens skole")
    html = admin_client.get(reverse("admin:organisation_unit_changelist")).content.decode()
    assert own.name in html
    assert "Naboens skole" not in html


def test_membership_added_in_the_admin_is_audited(admin_client):
    municipality = admin_client.user.municipality
    body = BodyFactory.create(municipality=municipality)
    person = PersonFactory.create(municipality=municipality)
    url = reverse("admin:organisation_body_change", args=[body.pk])
    data = {
        "name": body.name,
        "kind": body.kind,
        "established": "2020-01-01",
        "answer_deadline_days": "30",
        "agenda_days_before": "7",
        "mandate": "",
        "rules-TOTAL_FORMS": "0",
        "rules-INITIAL_FORMS": "0",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-0-person": person.pk,
        "memberships-0-party": "EMPLOYEE",
        "memberships-0-role": "MEMBER",
        "memberships-0-capacity": "SAFETY_REP",
        "memberships-0-voting": "on",
        "memberships-0-start": "2025-01-01",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    membership = Membership.objects.get(body=body)
    assert membership.municipality_id == municipality.pk
    entry = AuditEntry.objects.get(object_type="organisation.Membership")
    assert entry.actor == admin_client.user
    assert entry.changes["capacity"] == [None, "SAFETY_REP"]


def test_municipal_admin_cannot_open_another_municipalitys_body(admin_client):
    foreign = BodyFactory.create(municipality=MunicipalityFactory.create())
    response = admin_client.get(reverse("admin:organisation_body_change", args=[foreign.pk]))
    assert response.status_code in (302, 404)


def test_stale_admin_edit_is_refused(admin_client):
    unit = UnitFactory.create(municipality=admin_client.user.municipality, name="Før")
    url = reverse("admin:organisation_unit_change", args=[unit.pk])
    form = {
        "code": unit.code,
        "name": "Min endring",
        "kind": "UNIT",
        "employee_count": "3",
        "edit_version": str(unit.version),
    }
    assert admin_client.post(url, form).status_code == 302
    unit.refresh_from_db()
    assert (unit.name, unit.version) == ("Min endring", 2)
    stale = {**form, "name": "Gammel fane"}  # still says version 1
    response = admin_client.post(url, stale)
    assert response.status_code == 200
    assert "Someone else saved this" in response.content.decode()
    unit.refresh_from_db()
    assert unit.name == "Min endring"


def test_a_save_that_passed_the_forms_check_is_refused_if_someone_saved_since(rf):
    """The form checks the version before the row is locked; another save can land between
    that check and this one, and must not be overwritten."""
    user = UserFactory.create(is_municipal_admin=True)
    unit = UnitFactory.create(municipality=user.municipality, name="Nordby skole")
    Unit.objects.filter(pk=unit.pk).update(name="Saved by someone else", version=2)
    form = Form()
    form.cleaned_data = {"edit_version": 1}  # what the form was opened at, and checked
    request = rf.post("/")
    request.user = user
    unit.name = "Stale edit"
    with pytest.raises(ConcurrentEditError):
        site._registry[Unit].save_model(request, unit, form, change=True)
    assert Unit.objects.get(pk=unit.pk).name == "Saved by someone else"
