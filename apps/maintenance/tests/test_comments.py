"""Ticket comments (spec 07 section 3.9)."""

from __future__ import annotations

import pytest

from apps.maintenance.models import TicketComment
from apps.maintenance.tests.factories import CommentFactory, TicketFactory
from apps.maintenance.tests.helpers import pdf

pytestmark = pytest.mark.django_db


def _ticket(world, **extra):
    return TicketFactory(property=world.property_a, unit=world.unit_a, requested_by=world.tenant_a, **extra)


def test_create_and_list(world, auth_client):
    ticket = _ticket(world)
    url = f"/maintenance/tickets/{ticket.pk}/comments"
    created = auth_client(world.tenant_a).post(
        url, {"content": "Still dripping", "mediaFiles": [pdf()]}, format="multipart"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["message"] == "Comment created successfully with 1 media file(s)"
    assert body["data"]["comment"]["author"]["user_type"] == "Tenant"
    auth_client(world.admin_a).post(url, {"content": "Plumber coming"}, format="json")
    listed = auth_client(world.admin_a).get(url).json()
    assert [c["content"] for c in listed] == ["Still dripping", "Plumber coming"]
    assert len(listed[0]["media"]) == 1 and listed[1]["media"] == []


def test_validation_and_access(world, auth_client):
    ticket = _ticket(world)
    url = f"/maintenance/tickets/{ticket.pk}/comments"
    assert auth_client(world.admin_a).post(url, {"content": ""}, format="json").status_code == 400
    denied = auth_client(world.contractor_a).post(url, {"content": "hi"}, format="json")
    assert denied.status_code == 404 and denied.json()["message"] == "Ticket not found or access denied"
    ticket.assigned_contractor = world.contractor_org_a
    ticket.save()
    assert auth_client(world.contractor_a).post(url, {"content": "hi"}, format="json").status_code == 201


def test_edit_and_delete_rules(world, auth_client):
    comment = CommentFactory(ticket=_ticket(world), author=world.tenant_a)
    url = f"/maintenance/tickets/{comment.ticket_id}/comments/{comment.pk}"
    refused = auth_client(world.admin_a).patch(url, {"content": "edited"}, format="json")
    assert refused.status_code == 403 and refused.json()["message"] == "You can only update your own comments"
    edited = auth_client(world.tenant_a).patch(url, {"content": "edited"}, format="json")
    assert edited.status_code == 200 and edited.json()["content"] == "edited"
    deleted = auth_client(world.staff_a).delete(url)
    assert deleted.status_code == 200 and deleted.json() == {"message": "Comment deleted successfully"}
    assert not TicketComment.objects.including_deleted().filter(pk=comment.pk).exists()
    assert auth_client(world.admin_a).delete(url).status_code == 404
