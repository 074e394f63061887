"""Identity routes of the admin console (spec 02 section 9)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.accounts.models import Landlord
from apps.accounts.tests.factories import (
    AdminUserFactory,
    ContractorOrgFactory,
    ContractorUserFactory,
    LandlordFactory,
    LandlordStaffFactory,
    LandlordUserFactory,
    TenantOrgFactory,
    TenantUserFactory,
    UserFactory,
)
from apps.core.models import AuditLog

pytestmark = pytest.mark.django_db

ZERO = "00000000-0000-0000-0000-000000000000"
LIST_ROUTES = [
    "/admin/users",
    "/admin/landlords",
    "/admin/tenants",
    "/admin/contractors",
    "/admin/audit-logs",
]
ALL_ROUTES = [
    "/admin/overview",
    "/admin/landlords-list",
    *LIST_ROUTES,
    f"/admin/users/{ZERO}",
    f"/admin/landlords/{ZERO}",
    f"/admin/tenants/{ZERO}",
    f"/admin/contractors/{ZERO}",
    f"/admin/audit-logs/{ZERO}",
]


@pytest.fixture
def admin_client(auth_client):
    return auth_client(AdminUserFactory())


@pytest.mark.parametrize("path", ALL_ROUTES)
def test_access(api_client, auth_client, path):
    assert api_client.get(path).status_code == 401
    for factory in (LandlordUserFactory, LandlordStaffFactory, TenantUserFactory, ContractorUserFactory):
        response = auth_client(factory()).get(path)
        assert response.status_code == 403
        assert response.json()["message"] == "Admin access required"
    # an Admin-type user without the stored SuperAdmin role is refused too
    assert (
        auth_client(UserFactory(user_type="Admin", role=None, organization_id=None)).get(path).status_code
        == 403
    )


@pytest.mark.parametrize("path", LIST_ROUTES)
def test_list_query_validation(admin_client, path):
    for params, message in (
        ({"foo": "1"}, "property foo should not exist"),
        ({"limit": "0"}, "limit must not be less than 1"),
        ({"sortOrder": "up"}, "sortOrder must be one of the following values: asc, desc"),
        ({"landlordId": "bad"}, "landlordId must be a valid id"),
    ):
        response = admin_client.get(path, params)
        assert response.status_code == 400
        assert message in response.json()["message"]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/admin/users/{}", "User not found"),
        ("/admin/landlords/{}", "Landlord not found"),
        ("/admin/tenants/{}", "Tenant not found"),
        ("/admin/contractors/{}", "Contractor not found"),
        ("/admin/audit-logs/{}", "Audit log not found"),
    ],
)
def test_detail_not_found_and_invalid(admin_client, path, message):
    response = admin_client.get(path.format(ZERO))
    assert response.status_code == 404 and response.json()["message"] == message
    response = admin_client.get(path.format("bad"))
    assert response.status_code == 400 and response.json()["message"] == "Invalid ID: bad"


def test_overview(admin_client):
    LandlordUserFactory()
    TenantUserFactory()
    ContractorUserFactory()
    old = LandlordUserFactory()
    type(old).objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=30))
    response = admin_client.get("/admin/overview")
    assert response.status_code == 200
    data = response.json()["data"]
    assert response.json()["success"] is True
    assert data["totalLandlords"] == 2
    assert data["totalUsers"] == 5  # incl. the admin
    assert data["totalTenants"] == 1 and data["totalContractors"] == 1
    assert data["totalProperties"] == 0 and data["totalUnits"] == 0
    for key in ("totalActiveLeases", "totalOpenTickets", "totalPendingTransactions", "totalOpenTasks"):
        assert data[key] == 0
    assert data["recentActivity"]["newUsersLast7Days"] == 4
    assert data["recentActivity"] == {
        "newUsersLast7Days": 4,
        "newPropertiesLast7Days": 0,
        "newTicketsLast7Days": 0,
        "transactionsLast7Days": 0,
    }


def test_landlords_list(admin_client):
    LandlordFactory(name="Zed")
    LandlordFactory(name="Alpha")
    response = admin_client.get("/admin/landlords-list")
    data = response.json()["data"]
    assert [row["name"] for row in data] == ["Alpha", "Zed"]
    assert set(data[0]) == {"_id", "name", "createdAt"}


class TestUsers:
    def test_list_with_organization_names(self, admin_client):
        landlord = LandlordUserFactory(first_name="Lana")
        tenant = TenantUserFactory()
        ContractorUserFactory()
        body = admin_client.get("/admin/users").json()
        assert body["total"] == 4
        rows = {row["_id"]: row for row in body["data"]}
        assert (
            rows[str(landlord.pk)]["organizationName"]
            == Landlord.objects.get(pk=landlord.organization_id).name
        )
        assert rows[str(tenant.pk)]["organizationName"].startswith("Tenant Household")
        assert all("password" not in row for row in body["data"])

    def test_filters(self, admin_client):
        landlord = LandlordUserFactory(first_name="Findme")
        LandlordStaffFactory(organization_id=landlord.organization_id)
        TenantUserFactory()
        body = admin_client.get("/admin/users", {"search": "findme"}).json()
        assert [row["_id"] for row in body["data"]] == [str(landlord.pk)]
        body = admin_client.get("/admin/users", {"landlordId": str(landlord.organization_id)}).json()
        assert body["total"] == 2
        body = admin_client.get("/admin/users", {"userType": "Tenant"}).json()
        assert body["total"] == 1 and body["data"][0]["user_type"] == "Tenant"
        body = admin_client.get(
            "/admin/users", {"userType": "Tenant", "landlordId": str(landlord.organization_id)}
        ).json()
        assert body["total"] == 0

    def test_detail(self, admin_client):
        user = TenantUserFactory()
        response = admin_client.get(f"/admin/users/{user.pk}")
        assert response.status_code == 200
        assert response.json()["success"] is True and response.json()["data"]["_id"] == str(user.pk)
        assert "password" not in response.json()["data"]

    def test_query_count_constant(self, admin_client):
        for _ in range(6):
            LandlordUserFactory()
            TenantUserFactory()
        counts = []
        for limit in (2, 12):
            with CaptureQueriesContext(connection) as context:
                assert len(admin_client.get("/admin/users", {"limit": limit}).json()["data"]) == limit
            counts.append(len(context.captured_queries))
        assert counts[0] == counts[1]


class TestLandlords:
    def test_list_masks_stripe_secrets(self, admin_client):
        user = LandlordUserFactory()
        LandlordStaffFactory(organization_id=user.organization_id)
        Landlord.objects.filter(pk=user.organization_id).update(
            stripe_config={
                "secretKey": "sk_live_abcdefgh1234",
                "publishableKey": "pk_live_visible",
                "webhookSecret": "whsec_abcdefgh5678",
            }
        )
        response = admin_client.get("/admin/landlords")
        text = response.content.decode()
        assert "sk_live_abcdefgh1234" not in text and "whsec_abcdefgh5678" not in text
        row = response.json()["data"][0]
        assert row["stripeConfig"]["secretKey"] == "****1234"
        assert row["stripeConfig"]["webhookSecret"] == "****5678"
        assert row["stripeConfig"]["publishableKey"] == "pk_live_visible"
        assert row["userCount"] == 2 and row["propertyCount"] == 0

    def test_search_and_detail(self, admin_client):
        user = LandlordUserFactory()
        LandlordFactory(name="Other")
        landlord = Landlord.objects.get(pk=user.organization_id)
        Landlord.objects.filter(pk=landlord.pk).update(stripe_config={"secretKey": "sk_test_zzzzzzzz9999"})
        body = admin_client.get("/admin/landlords", {"search": landlord.name}).json()
        assert body["total"] == 1
        response = admin_client.get(f"/admin/landlords/{landlord.pk}")
        data = response.json()["data"]
        assert data["name"] == landlord.name
        assert [row["_id"] for row in data["users"]] == [str(user.pk)]
        assert data["stats"] == {"userCount": 1, "propertyCount": 0, "activeLeaseCount": 0}
        assert "sk_test_zzzzzzzz9999" not in response.content.decode()

    def test_query_count_constant(self, admin_client):
        for _ in range(8):
            LandlordUserFactory()
        counts = []
        for limit in (2, 8):
            with CaptureQueriesContext(connection) as context:
                admin_client.get("/admin/landlords", {"limit": limit})
            counts.append(len(context.captured_queries))
        assert counts[0] == counts[1]


class TestParties:
    def test_tenants(self, admin_client):
        landlord_a, landlord_b = LandlordFactory(name="A Homes"), LandlordFactory(name="B Homes")
        linked = TenantOrgFactory(name="Linked Family", landlords=[landlord_a, landlord_b])
        TenantOrgFactory(name="Lonely Family")
        TenantUserFactory(organization_id=linked.pk)
        body = admin_client.get("/admin/tenants").json()
        assert body["total"] == 2
        row = next(row for row in body["data"] if row["_id"] == str(linked.pk))
        assert row["userCount"] == 1
        assert sorted(row["landlordNames"]) == ["A Homes", "B Homes"]
        assert sorted(row["landlords"]) == sorted([str(landlord_a.pk), str(landlord_b.pk)])
        body = admin_client.get("/admin/tenants", {"landlordId": str(landlord_a.pk)}).json()
        assert [row["_id"] for row in body["data"]] == [str(linked.pk)]
        body = admin_client.get("/admin/tenants", {"search": "lonely"}).json()
        assert body["total"] == 1

        data = admin_client.get(f"/admin/tenants/{linked.pk}").json()["data"]
        assert sorted(item["name"] for item in data["landlords"]) == ["A Homes", "B Homes"]
        assert len(data["users"]) == 1 and "password" not in data["users"][0]

    def test_contractors(self, admin_client):
        landlord = LandlordFactory(name="A Homes")
        contractor = ContractorOrgFactory(name="Pipes", category="Plumbing", landlords=[landlord])
        ContractorOrgFactory(name="Sparks", category="Electrical")
        ContractorUserFactory(organization_id=contractor.pk)
        body = admin_client.get("/admin/contractors", {"search": "electr"}).json()
        assert [row["name"] for row in body["data"]] == ["Sparks"]
        body = admin_client.get("/admin/contractors", {"landlordId": str(landlord.pk)}).json()
        assert body["data"][0]["landlordNames"] == ["A Homes"] and body["data"][0]["userCount"] == 1
        data = admin_client.get(f"/admin/contractors/{contractor.pk}").json()["data"]
        assert data["landlords"] == [{"_id": str(landlord.pk), "name": "A Homes"}]
        assert data["category"] == "Plumbing"

    @pytest.mark.parametrize("path", ["/admin/tenants", "/admin/contractors"])
    def test_query_count_constant(self, admin_client, path):
        landlord = LandlordFactory()
        for _ in range(8):
            TenantOrgFactory(landlords=[landlord])
            ContractorOrgFactory(landlords=[landlord])
        counts = []
        for limit in (2, 8):
            with CaptureQueriesContext(connection) as context:
                admin_client.get(path, {"limit": limit})
            counts.append(len(context.captured_queries))
        assert counts[0] == counts[1]


class TestAuditLogs:
    def test_list_filters_and_names(self, admin_client):
        user = LandlordUserFactory(first_name="Ann", last_name="Lee")
        AuditLog.objects.create(
            user_id=str(user.pk), action="UsersController.create", details={"request": {"path": "/users"}}
        )
        AuditLog.objects.create(user_id="system", action="SchedulerService.runDailyStatusUpdates")
        old = AuditLog.objects.create(
            user_id=str(user.pk),
            action="PropertiesController.findAll",
            details={"request": {"path": "/properties"}},
        )
        AuditLog.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=10))

        body = admin_client.get("/admin/audit-logs", {"userId": str(user.pk)}).json()
        assert body["total"] == 2
        row = body["data"][0]
        assert row["userName"] == "Ann Lee" and row["userEmail"] == user.email
        assert row["action"] == "UsersController.create"
        assert row["details"] == {"request": {"path": "/users"}}
        body = admin_client.get("/admin/audit-logs", {"action": "scheduler"}).json()
        assert body["total"] == 1
        assert body["data"][0]["userName"] == "Unknown User" and body["data"][0]["userEmail"] is None
        body = admin_client.get("/admin/audit-logs", {"search": "/properties"}).json()
        assert body["total"] == 1
        start = (timezone.now() - timedelta(days=5)).isoformat()
        body = admin_client.get("/admin/audit-logs", {"startDate": start, "userId": str(user.pk)}).json()
        assert body["total"] == 1

    def test_detail(self, admin_client):
        log = AuditLog.objects.create(user_id="system", action="Job.run", details={"x": 1})
        response = admin_client.get(f"/admin/audit-logs/{log.pk}")
        data = response.json()["data"]
        assert data["_id"] == str(log.pk) and data["userName"] == "Unknown User" and data["userEmail"] is None

    def test_date_validation(self, admin_client):
        response = admin_client.get("/admin/audit-logs", {"startDate": "yesterday"})
        assert response.status_code == 400
        assert "startDate must be a valid ISO 8601 date string" in response.json()["message"]

    def test_query_count_constant(self, admin_client):
        users = [LandlordUserFactory() for _ in range(3)]
        for index in range(10):
            AuditLog.objects.create(user_id=str(users[index % 3].pk), action=f"X.y{index}")
        counts = []
        for limit in (2, 10):
            with CaptureQueriesContext(connection) as context:
                admin_client.get("/admin/audit-logs", {"limit": limit, "action": "X."})
            counts.append(len(context.captured_queries))
        assert counts[0] == counts[1]
