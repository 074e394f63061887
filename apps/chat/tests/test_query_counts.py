"""Every chat list costs the same number of queries whatever its size (DESIGN section 11).

Each case measures a small and a large list whose rows carry everything a row can carry
(senders, readers, files, avatars, system messages, several participants), so a per-row query
anywhere in the rendering shows up as a difference.
"""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.tests.factories import AdminUserFactory, TenantUserFactory
from apps.chat.models import SenderType, SystemMessageType, ThreadMessage, UserBlock
from apps.chat.tests.factories import direct_thread, group_thread, message
from apps.media.models import Media

pytestmark = pytest.mark.django_db


def count_queries(client, path: str, check=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.content
    if check is not None:
        assert check(response.json()), response.json()
    return len(captured)


def attach(owner_type: str, owner_id, collection: str) -> Media:
    return Media.objects.unscoped().create(
        model_type=owner_type,
        model_id=owner_id,
        name="photo.png",
        file_name=f"{uuid.uuid4()}.png",
        mime_type="image/png",
        size=10,
        type="image",
        disk="local",
        path=f"x/{uuid.uuid4()}.png",
        collection_name=collection,
    )


def rich_message(thread, sender, readers=()) -> ThreadMessage:
    row = message(thread, sender, "with a file")
    row.read_by = [str(sender.pk), *(str(r.pk) for r in readers)]
    row.save(update_fields=["read_by"])
    attach("ThreadMessage", row.pk, "chat-messages")
    return row


def system_message(thread) -> ThreadMessage:
    return ThreadMessage.objects.unscoped().create(
        thread=thread,
        content="someone joined",
        sender_type=SenderType.SYSTEM,
        is_system_message=True,
        system_message_type=SystemMessageType.USER_JOINED,
    )


def rich_group(c, *extra):
    thread = group_thread(c.tenant, c.neighbor, c.admin, *extra)
    thread.avatar_media = attach("Thread", thread.pk, "group-avatars")
    thread.save(update_fields=["avatar_media"])
    rich_message(thread, c.neighbor, readers=[c.admin])
    return thread


def test_sessions(auth_client, community):
    c = community
    client = auth_client(c.tenant)
    rich_group(c)
    small = count_queries(client, "/chat/sessions", lambda body: len(body) == 1)
    for _ in range(4):
        rich_group(c, TenantUserFactory(organization_id=c.neighbor_org.pk))
        message(direct_thread(c.tenant, TenantUserFactory(organization_id=c.neighbor_org.pk)), c.tenant)
    large = count_queries(client, "/chat/sessions", lambda body: len(body) == 9)
    assert large == small


def test_messages_page(auth_client, community):
    c = community
    thread = group_thread(c.tenant, c.neighbor, c.admin)
    client = auth_client(c.tenant)
    rich_message(thread, c.neighbor, readers=[c.tenant])
    path = f"/chat/sessions/{thread.pk}/messages?limit=50"
    small = count_queries(client, path, lambda body: len(body["messages"]) == 1)
    for index in range(12):
        rich_message(thread, (c.neighbor, c.admin, c.tenant)[index % 3], readers=[c.tenant, c.admin])
        system_message(thread)
    large = count_queries(client, path, lambda body: len(body["messages"]) == 25)
    assert large == small


def test_admin_thread_detail(auth_client, community):
    c = community
    admin = auth_client(AdminUserFactory())
    thread = rich_group(c)
    small = count_queries(admin, f"/admin/threads/{thread.pk}")
    for index in range(10):
        rich_message(thread, (c.neighbor, c.admin)[index % 2], readers=[c.tenant])
        system_message(thread)
    large = count_queries(
        admin, f"/admin/threads/{thread.pk}", lambda body: len(body["data"]["messages"]) == 21
    )
    assert large == small


def test_admin_thread_list_with_avatars(auth_client, community):
    c = community
    admin = auth_client(AdminUserFactory())
    rich_group(c)
    small = count_queries(admin, "/admin/threads")
    for _ in range(5):
        rich_group(c)
    large = count_queries(admin, "/admin/threads", lambda body: len(body["data"]) == 6)
    assert large == small


def test_blocked_users(auth_client, community):
    c = community
    client = auth_client(c.tenant)

    def block(blocker, blocked):
        blocker.blocked_users = [*(blocker.blocked_users or []), str(blocked.pk)]
        blocker.save(update_fields=["blocked_users"])
        UserBlock.objects.unscoped().create(blocker=blocker, blocked=blocked)

    block(c.tenant, c.neighbor)
    small = count_queries(client, "/chat/blocked-users")
    for _ in range(6):
        block(c.tenant, TenantUserFactory(organization_id=c.neighbor_org.pk))
        block(TenantUserFactory(organization_id=c.neighbor_org.pk), c.tenant)
    c.tenant.refresh_from_db()
    large = count_queries(
        client,
        "/chat/blocked-users",
        lambda body: (len(body["usersYouBlocked"]), len(body["usersWhoBlockedYou"])) == (7, 6),
    )
    assert large == small
