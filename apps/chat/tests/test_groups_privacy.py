"""Groups, blocking, muting and clearing: routes 8-20 of spec 08 section 1.2."""

from __future__ import annotations

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.models import User
from apps.chat.models import Thread, ThreadMessage, ThreadParticipant, UserBlock
from apps.chat.tests.factories import direct_thread, group_thread, message

pytestmark = pytest.mark.django_db


def system_messages(thread):
    return list(
        ThreadMessage.objects.unscoped()
        .filter(thread=thread, is_system_message=True)
        .order_by("created_at")
        .values_list("system_message_type", "content")
    )


def members(thread):
    return set(ThreadParticipant.objects.unscoped().filter(thread=thread).values_list("user_id", flat=True))


# -- 8. create group -------------------------------------------------------------------------------


def test_create_group(auth_client, community):
    c = community
    response = auth_client(c.tenant).post(
        "/chat/groups",
        {"title": "Building 4", "participantIds": [str(c.neighbor.pk), str(c.admin.pk)]},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["success"] is True
    thread = Thread.objects.unscoped().get(pk=body["threadId"])
    assert body["thread"]["threadType"] == "TENANT_TENANT_GROUP"
    assert thread.created_by_id == c.tenant.pk and thread.admins == [str(c.tenant.pk)]
    assert members(thread) == {c.tenant.pk, c.neighbor.pk, c.admin.pk}
    assert system_messages(thread) == [("USER_JOINED", "Tom Tenant created the group")]


@pytest.mark.parametrize(
    ("case", "status", "text"),
    [
        ("creator_private", 403, "Your privacy settings do not allow creating group chats"),
        ("unknown", 400, "One or more participants not found"),
        ("only_self", 400, "Cannot create group chat with only yourself"),
        ("invitee_private", 403, "The following users have disabled group chat invites: Nina Next"),
    ],
)
def test_create_group_refusals(auth_client, community, case, status, text):
    c = community
    ids = [str(c.neighbor.pk)]
    if case == "creator_private":
        c.tenant.allow_group_chat_invites = False
        c.tenant.save()
    elif case == "unknown":
        ids = [str(uuid.uuid4())]
    elif case == "only_self":
        ids = [str(c.tenant.pk)]
    elif case == "invitee_private":
        c.neighbor.allow_group_chat_invites = False
        c.neighbor.save()
    response = auth_client(c.tenant).post(
        "/chat/groups", {"title": "G", "participantIds": ids}, format="json"
    )
    assert (response.status_code, response.json()["message"]) == (status, text)
    assert Thread.objects.unscoped().count() == 0


def test_create_group_validation_and_cross_landlord(auth_client, community, other_community):
    client = auth_client(community.tenant)
    empty = client.post("/chat/groups", {"title": "", "participantIds": []}, format="json")
    assert empty.status_code == 400
    assert "title should not be empty" in empty.json()["message"]
    assert len(empty.json()["message"]) == 2
    outsider = client.post(
        "/chat/groups", {"title": "G", "participantIds": [str(other_community.tenant.pk)]}, format="json"
    )
    assert outsider.status_code == 400
    assert Thread.objects.unscoped().count() == 0


# -- 9-14. group management ------------------------------------------------------------------------


def test_add_members(auth_client, community):
    c = community
    thread = group_thread(c.tenant, c.neighbor)
    path = f"/chat/groups/{thread.pk}/members"
    response = auth_client(c.tenant).post(
        path, {"userIds": [str(c.neighbor.pk), str(c.admin.pk)]}, format="json"
    )
    assert response.status_code == 201
    assert response.json() == {"success": True, "message": "Members added successfully"}
    assert members(thread) == {c.tenant.pk, c.neighbor.pk, c.admin.pk}
    assert system_messages(thread) == [("USER_JOINED", "Tom Tenant added Lana Lord")]
    not_owner = auth_client(c.neighbor).post(path, {"userIds": [str(c.contractor.pk)]}, format="json")
    assert not_owner.status_code == 403
    assert not_owner.json()["message"] == "Only the group owner can add members to private groups"
    direct = direct_thread(c.tenant, c.admin)
    not_group = auth_client(c.tenant).post(
        f"/chat/groups/{direct.pk}/members", {"userIds": [str(c.neighbor.pk)]}, format="json"
    )
    assert (not_group.status_code, not_group.json()["message"]) == (
        400,
        "This operation is only allowed for group chats",
    )
    missing = auth_client(c.tenant).post(
        f"/chat/groups/{uuid.uuid4()}/members", {"userIds": [str(c.admin.pk)]}
    )
    assert (missing.status_code, missing.json()["message"]) == (404, "Group chat not found")


def test_remove_member_and_leave(auth_client, community):
    c = community
    thread = group_thread(c.tenant, c.neighbor, c.admin)
    owner = auth_client(c.tenant)
    response = owner.delete(f"/chat/groups/{thread.pk}/members/{c.admin.pk}")
    assert response.status_code == 200
    assert response.json()["message"] == "Member removed successfully"
    assert c.admin.pk not in members(thread)
    assert owner.delete(f"/chat/groups/{thread.pk}/members/{c.tenant.pk}").json()["message"] == (
        "Cannot remove the group creator. Transfer ownership first."
    )
    assert owner.delete(f"/chat/groups/{thread.pk}/members/{c.admin.pk}").json()["message"] == (
        "User is not a participant in this group chat"
    )
    neighbor = auth_client(c.neighbor)
    assert neighbor.delete(f"/chat/groups/{thread.pk}/members/{c.tenant.pk}").status_code == 403

    owner_leave = owner.post(f"/chat/groups/{thread.pk}/leave")
    assert owner_leave.status_code == 403
    leave = neighbor.post(f"/chat/groups/{thread.pk}/leave")
    assert leave.status_code == 201
    assert leave.json() == {"success": True, "message": "Left group successfully"}
    assert members(thread) == {c.tenant.pk}
    assert [kind for kind, _ in system_messages(thread)] == ["USER_REMOVED", "USER_LEFT"]
    assert neighbor.post(f"/chat/groups/{thread.pk}/leave").status_code == 404


def test_rename_avatar_ownership(auth_client, community):
    c = community
    thread = group_thread(c.tenant, c.neighbor)
    owner, member = auth_client(c.tenant), auth_client(c.neighbor)

    assert member.put(f"/chat/groups/{thread.pk}/name", {"name": "X"}, format="json").status_code == 403
    assert owner.put(f"/chat/groups/{thread.pk}/name", {"name": ""}, format="json").status_code == 400
    renamed = owner.put(f"/chat/groups/{thread.pk}/name", {"name": "Garden"}, format="json")
    assert renamed.json() == {"success": True, "message": "Group name updated successfully"}

    assert owner.put(f"/chat/groups/{thread.pk}/avatar", {}, format="multipart").json()["message"] == (
        "Avatar file is required"
    )
    avatar = SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\nrest", content_type="image/png")
    response = owner.put(f"/chat/groups/{thread.pk}/avatar", {"avatar": avatar}, format="multipart")
    assert response.status_code == 200
    thread.refresh_from_db()
    assert thread.title == "Garden" and thread.avatar_media.collection_name == "group-avatars"

    stranger = owner.put(
        f"/chat/groups/{thread.pk}/ownership", {"newOwnerId": str(c.admin.pk)}, format="json"
    )
    assert stranger.json()["message"] == "New owner must be a participant in the group"
    moved = owner.put(
        f"/chat/groups/{thread.pk}/ownership", {"newOwnerId": str(c.neighbor.pk)}, format="json"
    )
    assert moved.json() == {"success": True, "message": "Ownership transferred successfully"}
    thread.refresh_from_db()
    assert thread.created_by_id == c.neighbor.pk and thread.admins == [str(c.neighbor.pk)]
    assert (
        owner.put(f"/chat/groups/{thread.pk}/ownership", {"newOwnerId": str(c.tenant.pk)}).status_code == 403
    )
    assert [kind for kind, _ in system_messages(thread)] == [
        "GROUP_RENAMED",
        "AVATAR_CHANGED",
        "OWNERSHIP_TRANSFERRED",
    ]


def test_group_routes_across_landlords_are_not_found(auth_client, community, other_community):
    c = community
    thread = group_thread(c.tenant, c.neighbor)
    attacker = auth_client(other_community.admin)
    calls = [
        attacker.post(
            f"/chat/groups/{thread.pk}/members", {"userIds": [str(other_community.admin.pk)]}, format="json"
        ),
        attacker.delete(f"/chat/groups/{thread.pk}/members/{c.neighbor.pk}"),
        attacker.post(f"/chat/groups/{thread.pk}/leave"),
        attacker.put(f"/chat/groups/{thread.pk}/name", {"name": "pwned"}, format="json"),
        attacker.put(
            f"/chat/groups/{thread.pk}/ownership", {"newOwnerId": str(c.neighbor.pk)}, format="json"
        ),
    ]
    assert [r.status_code for r in calls] == [404] * 5
    thread.refresh_from_db()
    assert thread.title == "Book club" and members(thread) == {c.tenant.pk, c.neighbor.pk}


# -- 15-17. blocking -------------------------------------------------------------------------------


def test_block_unblock_and_list(auth_client, community):
    c = community
    thread = direct_thread(c.neighbor, c.tenant)
    client = auth_client(c.neighbor)
    response = client.post(f"/chat/block/{c.tenant.pk}")
    assert response.status_code == 201
    assert response.json() == {"success": True, "message": "User blocked successfully"}
    client.post(f"/chat/block/{c.tenant.pk}")  # idempotent
    c.neighbor.refresh_from_db()
    assert c.neighbor.blocked_users == [str(c.tenant.pk)]
    assert c.neighbor.muted_threads == [{"threadId": str(thread.pk), "muteUntil": None}]

    listing = auth_client(c.tenant).get("/chat/blocked-users").json()
    assert listing["success"] is True
    assert listing["usersYouBlocked"] == []
    assert listing["usersWhoBlockedYou"][0]["_id"] == str(c.neighbor.pk)
    assert client.get("/chat/blocked-users").json()["usersYouBlocked"][0]["user_type"] == "Tenant"

    unblock = client.delete(f"/chat/block/{c.tenant.pk}")
    assert unblock.json() == {"success": True, "message": "User unblocked successfully"}
    c.neighbor.refresh_from_db()
    assert c.neighbor.blocked_users == []
    assert not UserBlock.objects.unscoped().exists()


def test_block_refusals(auth_client, community, other_community):
    c = community
    client = auth_client(c.tenant)
    assert client.post(f"/chat/block/{c.tenant.pk}").json()["message"] == "Cannot block yourself"
    assert client.post(f"/chat/block/{c.admin.pk}").json()["message"] == "Tenants cannot block landlords"
    assert client.post(f"/chat/block/{uuid.uuid4()}").json()["message"] == "User to block not found"
    assert client.post(f"/chat/block/{other_community.tenant.pk}").status_code == 404
    assert client.post("/chat/block/bad").status_code == 400
    assert User.objects.unscoped().get(pk=c.tenant.pk).blocked_users == []


def test_blocked_users_requires_auth(api_client):
    assert api_client.get("/chat/blocked-users").status_code == 401


# -- 18-20. mute, unmute, clear --------------------------------------------------------------------


def test_mute_unmute_and_clear(auth_client, community):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    message(thread, c.neighbor, "old")
    client = auth_client(c.tenant)
    path = f"/chat/sessions/{thread.pk}/mute"
    forever = client.post(path, {"threadId": str(thread.pk)}, format="json")
    assert forever.status_code == 201
    assert forever.json() == {"success": True, "message": "Thread muted permanently"}
    until = client.post(
        path, {"threadId": str(thread.pk), "muteUntil": "2030-01-01T00:00:00Z"}, format="json"
    )
    assert until.json()["message"].startswith("Thread muted temporarily")
    c.tenant.refresh_from_db()
    assert c.tenant.muted_threads == [{"threadId": str(thread.pk), "muteUntil": "2030-01-01T00:00:00.000Z"}]
    assert client.get("/chat/sessions").json()[0]["isMuted"] is True
    assert client.delete(path).json() == {"success": True, "message": "Thread unmuted successfully"}
    c.tenant.refresh_from_db()
    assert c.tenant.muted_threads == []

    cleared = client.delete(f"/chat/sessions/{thread.pk}/history")
    assert cleared.json() == {"success": True, "message": "Chat history cleared successfully"}
    assert client.get(f"/chat/sessions/{thread.pk}/messages").json()["messages"] == []
    assert len(auth_client(c.neighbor).get(f"/chat/sessions/{thread.pk}/messages").json()["messages"]) == 1
    assert client.get("/chat/sessions").json()[0]["lastMessage"] is None


def test_mute_and_clear_refusals(auth_client, community, other_community):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    client = auth_client(c.tenant)
    missing_body = client.post(f"/chat/sessions/{thread.pk}/mute", {}, format="json")
    assert missing_body.json()["message"] == ["threadId should not be empty"]
    unknown = client.post(f"/chat/sessions/{uuid.uuid4()}/mute", {"threadId": str(thread.pk)}, format="json")
    assert (unknown.status_code, unknown.json()["message"]) == (404, "Thread not found")
    attacker = auth_client(other_community.admin)
    assert attacker.post(f"/chat/sessions/{thread.pk}/mute", {"threadId": str(thread.pk)}).status_code == 404
    assert attacker.delete(f"/chat/sessions/{thread.pk}/history").status_code == 404
    assert not ThreadParticipant.objects.unscoped().filter(cleared_at__isnull=False).exists()
