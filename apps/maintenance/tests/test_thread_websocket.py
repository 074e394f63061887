"""Maintenance thread messages reach the participating organizations' users over /ws/chat/."""

from __future__ import annotations

import pytest

from apps.chat.models import Thread
from apps.chat.tests.test_websockets import connected, post, run, socket
from apps.core.scope import system_scope
from apps.maintenance.tests.conftest import make_world
from apps.maintenance.tests.helpers import create_ticket

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _in_memory_channel_layer(settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def test_landlord_message_is_pushed_to_the_tenant_not_to_others(leases, auth_client):
    with system_scope():
        w = make_world(leases)
    ticket_id = create_ticket(auth_client(w.tenant_a), w.property_a, w.unit_a).json()["data"]["ticket"]["_id"]
    with system_scope():
        thread = Thread.objects.unscoped().get(linked_entity_id=ticket_id)

    async def body():
        tenant = await connected(socket("/ws/chat/", w.tenant_a))
        outsider = await connected(socket("/ws/chat/", w.tenant_b))
        response = await post(
            w.staff_a,
            f"/maintenance/tickets/{ticket_id}/threads/{thread.pk}/messages",
            {"content": "Plumber on Monday", "senderType": "LANDLORD", "senderId": str(w.landlord_a.pk)},
        )
        assert response.status_code == 201, response.content
        frame = await tenant.receive_json_from(timeout=3)
        assert frame["event"] == "chat:message"
        assert frame["data"]["threadId"] == str(thread.pk)
        assert frame["data"]["message"]["content"] == "Plumber on Monday"
        assert await outsider.receive_nothing(timeout=0.3)
        await tenant.disconnect()
        await outsider.disconnect()

    run(body)
