"""``seed_dev_data`` leases, the Django admin pages and the admin console routes."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from apps.accounts.tests.factories import UserFactory
from apps.leases.models import Lease, RentalPeriod, Transaction
from apps.leases.tests.factories import active_lease

pytestmark = pytest.mark.django_db


def test_seed_dev_data_creates_leases_in_every_state():
    call_command("seed_dev_data", "--no-progress")
    statuses = set(Lease.objects.unscoped().values_list("status", flat=True))
    assert statuses == {"ACTIVE", "PENDING_SIGNATURE", "DRAFT", "EXPIRED", "TERMINATED"}
    assert RentalPeriod.objects.unscoped().filter(status="ACTIVE").count() == 1
    assert Transaction.objects.unscoped().filter(status="OVERDUE").exists()
    assert Transaction.objects.unscoped().filter(type="DEPOSIT_REFUND").exists()
    call_command("seed_dev_data", "--no-progress")  # re-runnable
    assert Lease.objects.unscoped().count() == 5


def test_django_admin_lists_and_searches(client):
    from apps.accounts.tests.factories import AdminUserFactory

    lease = active_lease()
    client.force_login(AdminUserFactory())
    for name in ("lease", "rentalperiod", "transaction", "leasesignaturetoken"):
        response = client.get(f"/django-admin/leases/{name}/")
        assert response.status_code == 200, name
    response = client.get(f"/django-admin/leases/lease/?q={lease.tenant.name}")
    assert str(lease.pk) in response.content.decode()
    assert client.get("/django-admin/leases/lease/add/").status_code == 403


def test_admin_console_routes(auth_client):
    from apps.accounts.tests.factories import LandlordUserFactory

    lease = active_lease()
    other = active_lease()
    admin = UserFactory(role="SuperAdmin", user_type="Admin")
    client = auth_client(admin)
    listed = client.get(f"/admin/leases?landlordId={lease.landlord_id}").json()
    assert listed["total"] == 1 and listed["data"][0]["tenantName"] == lease.tenant.name
    detail = client.get(f"/admin/leases/{other.pk}").json()
    assert (
        detail["transactionSummary"][0]["_id"] == "PENDING" and detail["transactionSummary"][0]["count"] == 12
    )
    assert (
        client.get(f"/admin/transactions?status=PENDING&type=RENT&landlordId={lease.landlord_id}").json()[
            "total"
        ]
        == 12
    )
    tx = Transaction.objects.filter(lease=lease).first()
    assert client.get(f"/admin/transactions/{tx.pk}").json()["lease"]["status"] == "ACTIVE"
    assert (
        client.get("/admin/leases/00000000-0000-0000-0000-000000000000").json()["message"]
        == "Lease not found"
    )
    landlord_user = LandlordUserFactory(organization_id=lease.landlord_id)
    assert auth_client(landlord_user).get("/admin/leases").status_code == 403
