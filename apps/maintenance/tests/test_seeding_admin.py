"""``seed_dev_data`` creates maintenance data; the Django admin lists it with search and filters."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from apps.maintenance.models import Invoice, MaintenanceTicket, ScopeOfWork, TicketStatus, VisitRequest

pytestmark = pytest.mark.django_db


def test_seed_dev_data_creates_every_state(settings):
    call_command("seed_dev_data", "--no-progress")
    statuses = set(MaintenanceTicket.objects.unscoped().values_list("status", flat=True))
    assert statuses == set(TicketStatus.values)
    assert ScopeOfWork.objects.unscoped().count() == 1
    assert MaintenanceTicket.objects.unscoped().filter(scope_of_work__isnull=False).count() == 2
    assert Invoice.objects.unscoped().count() == 2
    assert VisitRequest.objects.unscoped().count() == 2
    numbers = list(MaintenanceTicket.objects.unscoped().values_list("ticket_number", flat=True))
    assert len(set(numbers)) == len(numbers)
    call_command("seed_dev_data", "--no-progress")  # runs again: wipe, then the same data
    assert MaintenanceTicket.objects.unscoped().count() == len(numbers)


@pytest.mark.parametrize(
    "path",
    [
        "/django-admin/maintenance/maintenanceticket/?q=tap&status__exact=OPEN",
        "/django-admin/maintenance/scopeofwork/?q=Seasonal",
        "/django-admin/maintenance/invoice/?status__exact=Draft",
        "/django-admin/maintenance/visitrequest/?status__exact=PENDING",
        "/django-admin/maintenance/ticketcomment/",
    ],
)
def test_django_admin_pages(client, path):
    from apps.accounts.tests.factories import UserFactory

    call_command("seed_dev_data", "--no-progress")
    staff = UserFactory(user_type="Admin", role="SuperAdmin", is_superuser=True)
    client.force_login(staff)
    response = client.get(path)
    assert response.status_code == 200, response.content[:500]
    if "maintenanceticket" in path:
        assert b"Leaking kitchen tap" in response.content and b"Front door lock" not in response.content
