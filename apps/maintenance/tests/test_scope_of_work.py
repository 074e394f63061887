"""Scopes of work (spec 07 section 5): grouping, cascade, actions, scoping."""

from __future__ import annotations

import pytest

from apps.chat.models import Thread, ThreadParticipant
from apps.maintenance.models import Invoice, MaintenanceTicket, ScopeOfWork
from apps.maintenance.tests.factories import InvoiceFactory, SowFactory, TicketFactory
from apps.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _ticket(world, side="a", unit="unit", **extra):
    prop = getattr(world, f"property_{side}")
    return TicketFactory(
        property=prop,
        unit=getattr(world, f"{unit}_{side}") if unit else None,
        requested_by=getattr(world, f"tenant_{side}"),
        **extra,
    )


def _create(client, tickets, title="Spring works"):
    return client.post(
        "/maintenance/scope-of-work", {"title": title, "tickets": [str(t.pk) for t in tickets]}, format="json"
    )


def test_two_units_make_a_parent_with_two_children(world, auth_client):
    first, second = _ticket(world), _ticket(world, unit="unit2")
    response = _create(auth_client(world.admin_a), [first, second])
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["sowNumber"].startswith("SOW") and body["parentSow"] is None
    assert body["property"]["_id"] == str(world.property_a.pk) and body["unit"] is None
    titles = sorted(child["title"] for child in body["subSows"])
    assert titles == ["Spring works - A-1", "Spring works - A-2"]
    assert {t["_id"] for t in body["tickets"]} == {str(first.pk), str(second.pk)}
    assert sorted(c["sowNumber"].split(" Scope: ")[0] for c in body["subSows"]) == ["A-1", "A-2"]
    assert ScopeOfWork.objects.count() == 3
    first.refresh_from_db()
    assert str(first.scope_of_work.parent_sow_id) == body["_id"] and first.status == "OPEN"


def test_unit_and_property_wide_mix(world, auth_client):
    tickets = [_ticket(world), _ticket(world, unit=None)]
    body = _create(auth_client(world.admin_a), tickets).json()
    assert sorted(child["title"] for child in body["subSows"]) == [
        "Spring works - A-1",
        "Spring works - Property Wide",
    ]


def test_single_unit_tickets_attach_to_the_parent(world, auth_client):
    tickets = [_ticket(world), _ticket(world)]
    body = _create(auth_client(world.admin_a), tickets).json()
    assert body["subSows"] == [] and body["unit"]["unitNumber"] == "A-1"
    assert MaintenanceTicket.objects.filter(scope_of_work_id=body["_id"]).count() == 2


def test_several_properties_with_grandchildren(world, auth_client):
    from apps.properties.tests.factories import PropertyFactory, UnitFactory

    other = PropertyFactory(landlord=world.landlord_a, name="Oak")
    oak_unit = UnitFactory(property=other, unit_number="O-1")
    tickets = [
        _ticket(world),
        _ticket(world, unit="unit2"),
        TicketFactory(property=other, unit=oak_unit, requested_by=world.admin_a),
    ]
    body = _create(auth_client(world.admin_a), tickets).json()
    assert body["property"] is None
    children = {child["title"]: child for child in body["subSows"]}
    assert set(children) == {"Spring works - Elm A", "Spring works - Oak"}
    assert len(children["Spring works - Elm A"]["subSows"]) == 2
    assert children["Spring works - Oak"]["subSows"] == []
    assert len(children["Spring works - Oak"]["tickets"]) == 1
    assert len(body["tickets"]) == 3


def test_create_validation(world, auth_client):
    client = auth_client(world.admin_a)
    busy = _ticket(world, status="ASSIGNED")
    refused = _create(client, [busy])
    assert refused.status_code == 400
    assert (
        refused.json()["message"]
        == f"Tickets must have status OPEN or IN_REVIEW. Invalid tickets: {busy.ticket_number}"
    )
    foreign = _create(client, [_ticket(world, side="b")])
    assert foreign.status_code == 400 and foreign.json()["message"] == "One or more tickets not found"
    assert (
        client.post("/maintenance/scope-of-work", {"title": "x", "tickets": []}, format="json").status_code
        == 400
    )
    grouped = _ticket(world)
    _create(client, [grouped])
    again = _create(client, [grouped])
    assert again.status_code == 400 and "Already assigned tickets" in again.json()["message"]
    assert _create(auth_client(world.tenant_a), [_ticket(world)]).status_code == 403
    assert ScopeOfWork.objects.count() == 1


def test_grouping_notifies_tenants_and_opens_threads(world, auth_client):
    tickets = [_ticket(world), _ticket(world, unit="unit2")]
    body = _create(auth_client(world.admin_a), tickets).json()
    grouped = Notification.objects.filter(user_id=world.tenant_a.pk, title="Ticket Grouped")
    assert grouped.count() == 2
    threads = {t.thread_type: t for t in Thread.objects.filter(linked_entity_id=body["_id"])}
    assert set(threads) == {"LANDLORD_TENANT_SOW", "SOW_GROUP"}
    group = ThreadParticipant.objects.get(thread=threads["SOW_GROUP"], participant_id=world.tenant_org_a.pk)
    assert group.status == "PENDING" and group.is_mandatory is False
    assert Notification.objects.filter(user_id=world.tenant_a.pk, title="Thread Invitation").exists()


def test_close_refused_while_a_ticket_is_open(world, auth_client):
    sow = SowFactory(property=world.property_a, landlord=world.landlord_a)
    done, open_ticket = _ticket(world, status="DONE", scope_of_work=sow), _ticket(world, scope_of_work=sow)
    client = auth_client(world.admin_a)
    refused = client.post(f"/maintenance/scope-of-work/{sow.pk}/close", {}, format="json")
    assert (
        refused.status_code == 400
        and refused.json()["message"] == "Cannot close SOW: not all tickets are done"
    )
    open_ticket.status = "DONE"
    open_ticket.save()
    invoice = InvoiceFactory(
        ticket=None, scope_of_work=sow, linked_entity_type="SCOPE_OF_WORK", landlord=world.landlord_a
    )
    closed = client.post(f"/maintenance/scope-of-work/{sow.pk}/close", {}, format="json")
    assert closed.status_code == 201 and closed.json()["status"] == "CLOSED"
    assert set(MaintenanceTicket.objects.values_list("status", flat=True)) == {"CLOSED"}
    invoice.refresh_from_db()
    assert invoice.status == "Confirmed"
    reopen = client.post(f"/maintenance/tickets/{done.pk}/reopen", {}, format="json")
    assert reopen.status_code == 400
    assert reopen.json()["message"] == "Cannot reopen ticket because its associated Scope of Work is closed"


def test_close_rules_for_children(world, auth_client):
    parent = SowFactory(property=world.property_a, landlord=world.landlord_a)
    child = SowFactory(property=world.property_a, landlord=world.landlord_a, parent_sow=parent)
    _ticket(world, status="DONE", scope_of_work=child)
    client = auth_client(world.admin_a)
    sub = client.post(f"/maintenance/scope-of-work/{child.pk}/close", {}, format="json")
    assert sub.json()["message"] == "Cannot close a sub-SOW directly. Please close the parent SOW instead."
    top = client.post(f"/maintenance/scope-of-work/{parent.pk}/close", {}, format="json")
    assert top.status_code == 400 and top.json()["message"] == "Cannot close SOW: not all child SOWs are done"
    child.status = "DONE"
    child.save()
    assert client.post(f"/maintenance/scope-of-work/{parent.pk}/close", {}, format="json").status_code == 201
    child.refresh_from_db()
    assert child.status == "CLOSED"


def test_ticket_status_cascades_up_the_tree(world, auth_client):
    parent = SowFactory(property=world.property_a, landlord=world.landlord_a)
    left = SowFactory(property=world.property_a, landlord=world.landlord_a, parent_sow=parent)
    right = SowFactory(property=world.property_a, landlord=world.landlord_a, parent_sow=parent)
    a = _ticket(world, status="IN_PROGRESS", scope_of_work=left, assigned_contractor=world.contractor_org_a)
    b = _ticket(world, status="IN_PROGRESS", scope_of_work=right, assigned_contractor=world.contractor_org_a)
    contractor = auth_client(world.contractor_a)
    contractor.post(f"/maintenance/tickets/{a.pk}/mark-as-done", {}, format="json")
    left.refresh_from_db(), parent.refresh_from_db()
    assert left.status == "DONE" and left.completed_date is not None and parent.status == "OPEN"
    contractor.post(f"/maintenance/tickets/{b.pk}/mark-as-done", {}, format="json")
    parent.refresh_from_db()
    assert parent.status == "DONE"
    auth_client(world.admin_a).post(f"/maintenance/tickets/{a.pk}/reopen", {}, format="json")
    parent.refresh_from_db(), left.refresh_from_db()
    assert parent.status == "IN_PROGRESS" and left.status == "IN_PROGRESS" and left.completed_date is None


def test_assign_accept_refuse_touch_direct_tickets(world, auth_client):
    sow = SowFactory(property=world.property_a, landlord=world.landlord_a)
    ticket = _ticket(world, scope_of_work=sow)
    client = auth_client(world.admin_a)
    assigned = client.post(
        f"/maintenance/scope-of-work/{sow.pk}/assign",
        {"contractorId": str(world.contractor_org_a.pk)},
        format="json",
    )
    assert assigned.status_code == 201 and assigned.json()["status"] == "ASSIGNED"
    ticket.refresh_from_db()
    assert ticket.status == "ASSIGNED" and ticket.assigned_contractor_id == world.contractor_org_a.pk
    contractor = auth_client(world.contractor_a)
    accepted = contractor.post(
        f"/maintenance/scope-of-work/{sow.pk}/accept", {"userId": str(world.contractor_a.pk)}, format="json"
    )
    assert accepted.status_code == 201 and accepted.json()["status"] == "IN_PROGRESS"
    assert Thread.objects.filter(linked_entity_id=sow.pk, thread_type="LANDLORD_CONTRACTOR").exists()
    denied = contractor.post(f"/maintenance/scope-of-work/{sow.pk}/mark-in-review", {}, format="json")
    assert denied.status_code == 403
    refused = contractor.post(
        f"/maintenance/scope-of-work/{sow.pk}/refuse", {"refuseReason": "no"}, format="json"
    )
    assert refused.status_code == 201 and refused.json()["assignedContractor"] is None
    ticket.refresh_from_db()
    assert ticket.status == "OPEN" and ticket.refuse_reason == "no" and ticket.assigned_contractor_id is None
    assert contractor.get(f"/maintenance/scope-of-work/{sow.pk}").status_code == 404


def test_add_and_remove_tickets(world, auth_client):
    sow = SowFactory(property=world.property_a, landlord=world.landlord_a, unit=world.unit_a)
    _ticket(world, scope_of_work=sow)
    client = auth_client(world.admin_a)
    url = f"/maintenance/scope-of-work/{sow.pk}/tickets"
    other_unit = _ticket(world, unit="unit2")
    refused = client.post(f"{url}/add", {"ticketId": str(other_unit.pk)}, format="json")
    assert refused.status_code == 400
    assert refused.json()["message"] == "Ticket must be associated with the same unit as the scope of work"
    wide = _ticket(world, unit=None)
    assert client.post(f"{url}/add", {"ticketId": str(wide.pk)}, format="json").status_code == 400
    same = _ticket(world)
    assert client.post(f"{url}/add", {"ticketId": str(same.pk)}, format="json").status_code == 201
    same.refresh_from_db()
    assert same.scope_of_work_id == sow.pk
    not_in = client.post(f"{url}/remove", {"ticketId": str(other_unit.pk)}, format="json")
    assert not_in.json()["message"] == "Ticket is not part of this scope of work"
    assert client.post(f"{url}/remove", {"ticketId": str(same.pk)}, format="json").status_code == 201
    same.refresh_from_db()
    assert same.scope_of_work_id is None


def test_mark_in_review_rules(world, auth_client):
    parent = SowFactory(property=world.property_a, landlord=world.landlord_a)
    child = SowFactory(property=world.property_a, landlord=world.landlord_a, parent_sow=parent)
    client = auth_client(world.admin_a)
    url = f"/maintenance/scope-of-work/{parent.pk}/mark-in-review"
    first = client.post(url, {}, format="json")
    assert (
        first.json()["message"] == "Cannot mark parent SOW as in review. Please update the sub SOWs instead."
    )
    _ticket(world, scope_of_work=parent)
    second = client.post(url, {}, format="json")
    assert (
        second.json()["message"]
        == "Cannot mark parent SOW as in review. All sub SOWs must be in review first."
    )
    child.status = "IN_REVIEW"
    child.save()
    assert client.post(url, {}, format="json").json()["status"] == "IN_REVIEW"


def test_delete_moves_children_and_tickets_up(world, auth_client):
    parent = SowFactory(property=world.property_a, landlord=world.landlord_a)
    middle = SowFactory(property=world.property_a, landlord=world.landlord_a, parent_sow=parent)
    leaf = SowFactory(property=world.property_a, landlord=world.landlord_a, parent_sow=middle)
    ticket = _ticket(world, scope_of_work=middle)
    response = auth_client(world.staff_a).delete(f"/maintenance/scope-of-work/{middle.pk}")
    assert response.json() == {"message": "Scope of Work deleted successfully"}
    leaf.refresh_from_db(), ticket.refresh_from_db()
    assert leaf.parent_sow_id == parent.pk and ticket.scope_of_work_id == parent.pk
    assert not ScopeOfWork.objects.including_deleted().filter(pk=middle.pk).exists()


def test_scoping_of_lists(world, auth_client):
    mine = SowFactory(
        property=world.property_a, landlord=world.landlord_a, assigned_contractor=world.contractor_org_a
    )
    _ticket(world, scope_of_work=mine)
    hidden = SowFactory(property=world.property_a, landlord=world.landlord_a)
    other = SowFactory(property=world.property_b, landlord=world.landlord_b)

    def ids(user):
        response = auth_client(user).get("/maintenance/scope-of-work?limit=100")
        assert response.status_code == 200
        return {item["_id"] for item in response.json()["data"]}

    assert ids(world.admin_a) == {str(mine.pk), str(hidden.pk)}
    assert ids(world.contractor_a) == {str(mine.pk)}
    assert ids(world.tenant_a) == {str(mine.pk)}
    assert ids(world.admin_b) == {str(other.pk)}


def test_list_query_count_is_constant(world, auth_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = auth_client(world.admin_a)

    def build():
        parent = SowFactory(
            property=world.property_a, landlord=world.landlord_a, assigned_contractor=world.contractor_org_a
        )
        child = SowFactory(property=world.property_a, landlord=world.landlord_a, parent_sow=parent)
        _ticket(world, scope_of_work=child, assigned_contractor=world.contractor_org_a)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/maintenance/scope-of-work?limit=100").status_code == 200
        return len(ctx.captured_queries)

    build()
    few = count()
    for _ in range(10):
        build()
    assert count() == few


def test_sow_invoice(world, auth_client):
    sow = SowFactory(
        property=world.property_a, landlord=world.landlord_a, assigned_contractor=world.contractor_org_a
    )
    url = f"/maintenance/scope-of-work/{sow.pk}/invoices"
    empty = auth_client(world.admin_a).post(url, {"amount": 5, "currency": "USD"}, format="json")
    assert empty.status_code == 404
    assert empty.json()["message"] == "No associated ticket found for this Scope of Work or its sub-scopes"
    _ticket(world, scope_of_work=sow)
    created = auth_client(world.contractor_a).post(url, {"amount": "80.00", "currency": "USD"}, format="json")
    assert created.status_code == 201 and created.json()["linkedEntityType"] == "SCOPE_OF_WORK"
    assert Invoice.objects.get().landlord_id == world.landlord_a.pk
    assert len(auth_client(world.staff_a).get(url).json()) == 1
    assert auth_client(world.tenant_a).get(url).json() == []
    note = Notification.objects.get(
        user_id=world.admin_a.pk, notification_type="maintenance_invoice_uploaded"
    )
    assert note.content.endswith(f"Scope of Work {sow.sow_number}.")
