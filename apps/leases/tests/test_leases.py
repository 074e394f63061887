"""Lease routes: create, list, detail, update, delete (spec 05 L1-L8), with scoping."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.leases.models import Lease, LeaseStatus
from apps.leases.tests.factories import LeaseFactory, active_lease, day

pytestmark = pytest.mark.django_db

NOW = "2026-03-10T12:00:00Z"


def body(unit, tenant_org, **extra):
    data = {
        "unit": str(unit.pk),
        "tenant": str(tenant_org.pk),
        "startDate": "2026-04-01",
        "endDate": "2027-03-31",
        "rentAmount": 1200.5,
        "paymentCycle": "MONTHLY",
        "isSecurityDeposit": True,
        "securityDepositAmount": 2400,
    }
    data.update(extra)
    return data


@time_machine.travel(NOW, tick=False)
def test_create_lease_completes_the_cycle_and_keeps_money_exact(auth_client, admin, unit, tenant_org):
    response = auth_client(admin).post("/leases", body(unit, tenant_org), format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "DRAFT"
    assert data["endDate"] == "2027-03-31T00:00:00.000Z"
    assert data["rentAmount"] == 1200.5
    lease = Lease.objects.get(pk=data["_id"])
    assert lease.rent_amount == Decimal("1200.50")
    assert lease.landlord_id == unit.landlord_id


@time_machine.travel(NOW, tick=False)
def test_create_refuses_active_status_and_overlap(auth_client, admin, unit, tenant_org):
    client = auth_client(admin)
    response = client.post("/leases", body(unit, tenant_org, status="ACTIVE"), format="json")
    assert response.status_code == 422
    assert "Cannot create a lease with ACTIVE status" in response.json()["message"]
    assert client.post("/leases", body(unit, tenant_org), format="json").status_code == 201
    response = client.post("/leases", body(unit, tenant_org, startDate="2026-06-01"), format="json")
    assert response.status_code == 422
    assert response.json()["message"].startswith(
        "Unit already has a draft lease for the period 2026-04-01 to 2027-03-31"
    )
    assert Lease.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_create_validation(auth_client, admin, unit, tenant_org):
    client = auth_client(admin)
    response = client.post("/leases", {"rentAmount": 5}, format="json")
    assert response.status_code == 400
    assert isinstance(response.json()["message"], list)
    response = client.post(
        "/leases", body(unit, tenant_org, endDate="2026-01-01", startDate="2025-01-01"), format="json"
    )
    assert response.status_code == 400
    assert "End date must be in the future" in response.json()["message"]
    response = client.post("/leases", body(unit, tenant_org, landlord="x"), format="json")
    assert response.status_code == 400
    response = client.post(
        "/leases", body(unit, tenant_org, rentIncrease={"type": "PERCENTAGE", "amount": 150}), format="json"
    )
    assert response.status_code == 400
    assert Lease.objects.count() == 0


@time_machine.travel(NOW, tick=False)
def test_create_with_foreign_unit_or_tenant_is_404(auth_client, admin, unit, tenant_org):
    from apps.accounts.tests.factories import TenantOrgFactory
    from apps.properties.tests.factories import UnitFactory

    other_unit = UnitFactory()
    other_tenant = TenantOrgFactory()
    client = auth_client(admin)
    response = client.post("/leases", body(other_unit, tenant_org), format="json")
    assert response.status_code == 404
    assert response.json()["message"] == "Unit not found in your organization"
    response = client.post("/leases", body(unit, other_tenant), format="json")
    assert response.status_code == 404
    assert response.json()["message"] == "Tenant not found"
    assert Lease.objects.count() == 0


def test_roles(auth_client, admin, staff, tenant_user, unit, tenant_org):
    from apps.accounts.tests.factories import ContractorUserFactory, TenantUserFactory

    lease = LeaseFactory(unit=unit, tenant=tenant_org)
    other = LeaseFactory()
    assert auth_client(staff).get("/leases").status_code == 200
    listed = auth_client(tenant_user).get("/leases").json()
    assert [item["_id"] for item in listed["data"]] == [str(lease.pk)]
    assert auth_client(tenant_user).get(f"/leases/{other.pk}").status_code == 404
    assert (
        auth_client(tenant_user).patch(f"/leases/{lease.pk}", {"terms": "x"}, format="json").status_code
        == 403
    )
    orphan = TenantUserFactory(organization_id=None)
    assert auth_client(orphan).get("/leases").status_code == 403
    assert auth_client(ContractorUserFactory()).get("/leases").status_code == 403
    assert auth_client(admin).get("/leases/not-an-id").status_code == 400
    from rest_framework.test import APIClient

    assert APIClient().get("/leases").status_code == 401


def test_list_filters_sort_and_constant_queries(auth_client, admin, unit, tenant_org, prop):
    from apps.properties.tests.factories import UnitFactory

    for months in range(3):
        start = day("2026-01-01") + timedelta(days=40 * months)
        LeaseFactory(unit=UnitFactory(property=prop), tenant=tenant_org, start_date=start)
    LeaseFactory()  # another landlord's
    client = auth_client(admin)
    data = client.get("/leases?sortBy=startDate&sortOrder=desc").json()
    assert data["total"] == 3
    starts = [item["startDate"] for item in data["data"]]
    assert starts == sorted(starts, reverse=True)
    assert data["data"][0]["unit"]["property"]["name"] == "Elm Court"
    assert data["data"][0]["tenant"]["name"] == "The Smiths"
    assert client.get(f"/leases?propertyId={prop.pk}").json()["total"] == 3
    assert client.get("/leases?status=ACTIVE").json()["total"] == 0
    with CaptureQueriesContext(connection) as small:
        client.get("/leases?limit=1")
    with CaptureQueriesContext(connection) as large:
        client.get("/leases?limit=100")
    assert len(small.captured_queries) == len(large.captured_queries)


def test_detail_uses_active_period_values(auth_client, admin, unit, tenant_org):
    lease = active_lease(unit=unit, tenant=tenant_org)
    data = auth_client(admin).get(f"/leases/{lease.pk}").json()
    assert data["unit"]["size"] == unit.size
    assert data["rentAmount"] == 1000.0
    assert auth_client(admin).get(f"/leases/{LeaseFactory().pk}").status_code == 404


def test_patch_transitions(auth_client, admin, unit, tenant_org):
    lease = LeaseFactory(unit=unit, tenant=tenant_org)
    client = auth_client(admin)
    response = client.patch(f"/leases/{lease.pk}", {"status": "ACTIVE"}, format="json")
    assert response.status_code == 422
    assert response.json()["message"].startswith("Cannot directly activate a draft lease")
    assert client.patch(f"/leases/{lease.pk}", {}, format="json").status_code == 422
    response = client.patch(f"/leases/{lease.pk}", {"status": "PENDING_SIGNATURE"}, format="json")
    assert response.status_code == 200
    response = client.patch(f"/leases/{lease.pk}", {"status": "EXPIRED"}, format="json")
    assert response.status_code == 422
    assert response.json()["message"] == (
        "Invalid status transition from PENDING_SIGNATURE to EXPIRED. Allowed transitions: DRAFT, TERMINATED"
    )
    lease.refresh_from_db()
    assert lease.status == LeaseStatus.PENDING_SIGNATURE


def test_patch_ended_lease_allows_nothing(auth_client, admin, unit, tenant_org):
    lease = LeaseFactory(unit=unit, tenant=tenant_org, status=LeaseStatus.TERMINATED)
    response = auth_client(admin).patch(f"/leases/{lease.pk}", {"status": "DRAFT"}, format="json")
    assert response.status_code == 422
    assert response.json()["message"].endswith("Allowed transitions: none")


def test_delete_only_drafts(auth_client, admin, unit, tenant_org):
    lease = active_lease(unit=unit, tenant=tenant_org)
    client = auth_client(admin)
    response = client.delete(f"/leases/{lease.pk}")
    assert response.status_code == 422
    assert response.json()["message"] == "Only draft leases can be deleted"
    draft = LeaseFactory(unit__property=unit.property, unit__landlord=unit.landlord)
    assert client.delete(f"/leases/{draft.pk}").status_code == 204
    assert Lease.objects.including_deleted().get(pk=draft.pk).deleted
    assert not Lease.objects.including_deleted().get(pk=lease.pk).deleted


@time_machine.travel(NOW, tick=False)
def test_multipart_create_with_documents_and_patch_keeps_listed_ones(auth_client, admin, unit, tenant_org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from apps.media.models import Media

    def pdf(name):
        return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")

    data = body(unit, tenant_org, rentIncrease='{"type": "VALUE", "amount": 25}', isSecurityDeposit="true")
    data["documents"] = [pdf("a.pdf"), pdf("b.pdf")]
    client = auth_client(admin)
    response = client.post("/leases", data, format="multipart")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["rentIncrease"] == {"type": "VALUE", "amount": 25.0, "reason": None}
    docs = list(Media.objects.unscoped().filter(model_id=created["_id"], collection_name="lease_documents"))
    assert len(docs) == 2
    response = client.patch(
        f"/leases/{created['_id']}", {"existingDocumentIds": str(docs[0].pk)}, format="json"
    )
    assert response.status_code == 200, response.content
    assert list(Media.objects.unscoped().filter(model_id=created["_id"]).values_list("pk", flat=True)) == [
        docs[0].pk
    ]


@pytest.mark.parametrize(
    "path",
    ["/leases/{id}/terminate", "/leases/{id}/renew", "/transactions/{id}/mark-as-paid", "/transactions"],
)
def test_malformed_body_on_a_missing_record_is_a_clean_4xx(auth_client, admin, path):
    """The audit log must not re-parse a body the handler never read (it used to answer 500)."""
    client = auth_client(admin)
    url = path.format(id="00000000-0000-0000-0000-000000000001")
    for raw in (b"\x00", b"\xb7\xfe", b"{"):
        response = client.generic("POST", url, raw, content_type="application/json")
        assert response.status_code in (400, 404), (url, raw, response.status_code)
