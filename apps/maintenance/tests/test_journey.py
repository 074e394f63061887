"""One ticket from the tenant's report to the contractor's invoice: every notification, email
and SMS on the way (spec 07 section 10), all to the ticket's own landlord, never another's."""

from __future__ import annotations

import pytest

from apps.maintenance.tests.helpers import create_ticket, emails, outbox, pdf
from apps.notifications.models import Notification, NotificationPreference

pytestmark = pytest.mark.django_db


def _notes(user):
    return [
        (n.notification_type, n.title)
        for n in Notification.objects.filter(user_id=user.pk).order_by("created_at", "id")
    ]


def test_report_to_invoice(world, auth_client):
    # the landlord wants SMS for new requests and completed work (off by default)
    for kind in ("maintenance_new_request", "maintenance_status_changed_completed"):
        NotificationPreference.objects.create(
            user=world.admin_a, notification_type=kind, in_app=True, email=True, sms=True
        )
    tenant, admin, contractor = (
        auth_client(world.tenant_a),
        auth_client(world.admin_a),
        auth_client(world.contractor_a),
    )

    created = create_ticket(tenant, world.property_a, world.unit_a)
    assert created.status_code == 201
    ticket = created.json()["data"]["ticket"]
    url = f"/maintenance/tickets/{ticket['_id']}"

    assert admin.patch(url, {"status": "IN_REVIEW"}, format="json").status_code == 200
    assert (
        admin.post(
            f"{url}/assign", {"contractorId": str(world.contractor_org_a.pk)}, format="json"
        ).status_code
        == 201
    )
    assert (
        contractor.post(f"{url}/accept", {"userId": str(world.contractor_a.pk)}, format="json").status_code
        == 201
    )
    assert contractor.post(f"{url}/mark-as-done", {}, format="json").status_code == 201
    invoice = contractor.post(
        f"{url}/invoices", {"amount": "180.00", "currency": "USD", "invoiceFile": pdf()}, format="multipart"
    )
    assert invoice.status_code == 201

    assert _notes(world.admin_a) == [
        ("maintenance_new_request", "New Maintenance Request"),
        ("maintenance_status_changed_completed", "Work Complete"),
        ("maintenance_invoice_uploaded", "Invoice Uploaded"),
    ]
    assert _notes(world.tenant_a) == [
        ("maintenance_status_changed_in_progress", "Ticket Under Review"),
        ("maintenance_assigned_to_contractor", "Contractor Assigned"),
        ("maintenance_status_changed_in_progress", "Work Started"),
        ("maintenance_status_changed_completed", "Work Complete"),
    ]
    # nobody else hears of it: not landlord A's staff, not landlord B
    for bystander in (world.staff_a, world.admin_b, world.staff_b, world.tenant_b, world.contractor_b):
        assert _notes(bystander) == []

    mails = [(mail["template"], mail["to"]) for mail in emails()]
    assert mails == [
        ("ticket-created", [world.admin_a.email]),
        ("ticket-completed", [world.admin_a.email]),
        ("invoice-uploaded", [world.admin_a.email]),
    ]
    created_mail = emails("ticket-created")[0]["context"]
    assert created_mail["ticketNumber"] == ticket["ticketNumber"] and created_mail["tenantName"].startswith(
        "Tina"
    )
    sms = outbox("send_sms_job")
    assert [(m["to"], m["message_type"]) for m in sms] == [
        (world.admin_a.phone, "maintenance_new_request"),
        (world.admin_a.phone, "maintenance_status_changed_completed"),
    ]


def test_preferences_switch_channels_off(world, auth_client):
    NotificationPreference.objects.create(
        user=world.admin_a, notification_type="maintenance_new_request", in_app=False, email=False, sms=False
    )
    assert create_ticket(auth_client(world.tenant_a), world.property_a, world.unit_a).status_code == 201
    assert _notes(world.admin_a) == []
    assert emails() == [] and outbox("send_sms_job") == []


def test_landlord_reports_nobody_is_notified_of_a_new_request(world, auth_client):
    assert create_ticket(auth_client(world.admin_a), world.property_a, world.unit_a).status_code == 201
    assert not Notification.objects.exists()
