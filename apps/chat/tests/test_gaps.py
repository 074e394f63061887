"""Gaps found by the identity/realtime test audit (docs/testing/coverage-identity-realtime.md).

Cells of the route x {happy, validation, 401, 403, cross-tenant} table that the existing chat suites
left empty or covered only by a status code or only by a message.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.models import User
from apps.chat.models import Thread, ThreadMessage, ThreadParticipant, UserBlock
from apps.chat.services import property_thread_ensure
from apps.chat.tests.factories import direct_thread, group_thread, message
from apps.media.models import Media
from apps.notifications.models import Notification

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def png(name="a.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def members(thread) -> set:
    return set(ThreadParticipant.objects.unscoped().filter(thread=thread).values_list("user_id", flat=True))


def system_messages(thread) -> list:
    return list(
        ThreadMessage.objects.unscoped()
        .filter(thread=thread, is_system_message=True)
        .order_by("created_at")
        .values_list("system_message_type", "content", "metadata")
    )


def stored_files(root) -> list:
    root = Path(root)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


# -- malformed ids are 400 on every thread/user route ------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("put", "/chat/sessions/bad/read"),
        ("delete", "/chat/sessions/bad/mute"),
        ("delete", "/chat/sessions/bad/history"),
        ("post", "/chat/sessions/bad/mute"),
        ("delete", "/chat/block/bad"),
        ("post", "/chat/groups/bad/leave"),
        ("delete", f"/chat/groups/{uuid.uuid4()}/members/bad"),
        ("put", "/chat/groups/bad/avatar"),
    ],
)
def test_malformed_ids_are_400(auth_client, community, method, path):
    response = getattr(auth_client(community.tenant), method)(path)
    assert response.status_code == 400
    assert response.json()["message"] == "Invalid ID: bad"


# -- 4/6. send and edit: validation and refusals with their status codes ------------------------------


def test_edit_validation_leaves_the_message(auth_client, community):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    row = message(thread, c.tenant, "keep")
    path = f"/chat/sessions/{thread.pk}/messages/{row.pk}"
    client = auth_client(c.tenant)
    empty = client.put(path, {"content": ""}, format="json")
    assert empty.status_code == 400
    assert empty.json()["message"] == ["content should not be empty"]
    long = client.put(path, {"content": "x" * 5001}, format="json")
    assert long.status_code == 400
    row.refresh_from_db()
    assert (row.content, row.is_edited) == ("keep", False)


@pytest.mark.parametrize("verb", ["edit", "delete"])
def test_system_messages_cannot_be_edited_or_deleted(auth_client, community, verb):
    c = community
    client = auth_client(c.tenant)
    created = client.post(
        "/chat/groups", {"title": "Club", "participantIds": [str(c.neighbor.pk)]}, format="json"
    ).json()
    system = ThreadMessage.objects.unscoped().get(thread_id=created["threadId"], is_system_message=True)
    path = f"/chat/sessions/{created['threadId']}/messages/{system.pk}"
    response = client.put(path, {"content": "x"}, format="json") if verb == "edit" else client.delete(path)
    assert (response.status_code, response.json()["message"]) == (403, f"Cannot {verb} system messages")
    assert (
        ThreadMessage.objects.unscoped().filter(pk=system.pk, content__endswith="created the group").exists()
    )


def test_tenants_cannot_delete_in_property_threads_but_landlords_can(auth_client, community):
    c = community
    thread = property_thread_ensure(
        property_id=uuid.uuid4(),
        property_name="Elm",
        landlord_id=c.landlord.pk,
        tenant_org_id=c.tenant_org.pk,
    )
    tenant_row = message(thread, c.tenant, "tenant says")
    landlord_row = message(thread, c.admin, "landlord says")
    response = auth_client(c.tenant).delete(f"/chat/sessions/{thread.pk}/messages/{tenant_row.pk}")
    assert (response.status_code, response.json()["message"]) == (
        403,
        "Tenants cannot delete their messages in property group chats",
    )
    assert ThreadMessage.objects.unscoped().filter(pk=tenant_row.pk).exists()
    response = auth_client(c.admin).delete(f"/chat/sessions/{thread.pk}/messages/{landlord_row.pk}")
    assert response.status_code == 200
    assert not ThreadMessage.objects.unscoped().filter(pk=landlord_row.pk).exists()


def test_non_participant_of_the_same_landlord_cannot_read_or_write(auth_client, community):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    row = message(thread, c.neighbor, "private")
    client = auth_client(c.admin)  # same landlord, not a participant
    assert client.get(f"/chat/sessions/{thread.pk}/messages").status_code == 404
    assert (
        client.post(f"/chat/sessions/{thread.pk}/messages", {"message": "hi"}, format="json").status_code
        == 404
    )
    assert client.put(f"/chat/sessions/{thread.pk}/read").status_code == 404
    edit = client.put(f"/chat/sessions/{thread.pk}/messages/{row.pk}", {"content": "x"}, format="json")
    assert (edit.status_code, edit.json()["message"]) == (404, "Message not found")
    assert client.delete(f"/chat/sessions/{thread.pk}/history").status_code == 404
    row.refresh_from_db()
    assert row.content == "private" and row.read_by == [str(c.neighbor.pk)]
    assert ThreadMessage.objects.unscoped().filter(thread=thread).count() == 1
    assert not ThreadParticipant.objects.unscoped().filter(thread=thread, cleared_at__isnull=False).exists()


def test_a_member_who_left_loses_access(auth_client, community):
    c = community
    thread = group_thread(c.tenant, c.neighbor)
    message(thread, c.tenant, "before")
    neighbor = auth_client(c.neighbor)
    assert neighbor.post(f"/chat/groups/{thread.pk}/leave").status_code == 201
    assert neighbor.get(f"/chat/sessions/{thread.pk}/messages").status_code == 404
    sent = neighbor.post(f"/chat/sessions/{thread.pk}/messages", {"message": "still here?"}, format="json")
    assert sent.status_code == 404
    assert not ThreadMessage.objects.unscoped().filter(content="still here?").exists()
    assert neighbor.get("/chat/sessions").json() == []


# -- 8/9. group creation and members: side effects and validation -----------------------------------


def test_create_group_notifies_each_invited_member(
    auth_client, community, django_capture_on_commit_callbacks
):
    c = community
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client(c.tenant).post(
            "/chat/groups",
            {"title": "Garden", "participantIds": [str(c.neighbor.pk), str(c.admin.pk)]},
            format="json",
        )
    assert response.status_code == 201
    notes = Notification.objects.unscoped().filter(notification_type="message_group_invite")
    assert {n.user_id for n in notes} == {c.neighbor.pk, c.admin.pk}
    note = notes.get(user=c.neighbor)
    assert note.title == "Group Chat Invite"
    assert note.content == 'Tom Tenant added you to the group "Garden"'


def test_add_members_validation_and_unreachable_users(auth_client, community, other_community):
    c = community
    thread = group_thread(c.tenant, c.neighbor)
    client = auth_client(c.tenant)
    path = f"/chat/groups/{thread.pk}/members"
    empty = client.post(path, {"userIds": []}, format="json")
    assert empty.status_code == 400
    assert isinstance(empty.json()["message"], list)
    foreign = client.post(path, {"userIds": [str(other_community.tenant.pk)]}, format="json")
    assert (foreign.status_code, foreign.json()["message"]) == (400, "One or more users not found")
    c.admin.allow_group_chat_invites = False
    c.admin.save()
    private = client.post(path, {"userIds": [str(c.admin.pk)]}, format="json")
    assert (private.status_code, private.json()["message"]) == (
        403,
        "The following users have disabled group chat invites: Lana Lord",
    )
    assert members(thread) == {c.tenant.pk, c.neighbor.pk}
    assert system_messages(thread) == []


def test_add_members_notifies_only_new_members(auth_client, community, django_capture_on_commit_callbacks):
    c = community
    thread = group_thread(c.tenant, c.neighbor, title="Club")
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client(c.tenant).post(
            f"/chat/groups/{thread.pk}/members",
            {"userIds": [str(c.neighbor.pk), str(c.contractor.pk)]},
            format="json",
        )
    assert response.status_code == 201
    notes = Notification.objects.unscoped().filter(notification_type="message_group_invite")
    assert [n.user_id for n in notes] == [c.contractor.pk]
    kind, content, metadata = system_messages(thread)[0]
    assert (kind, content) == ("USER_JOINED", "Tom Tenant added Carl Fix")
    assert metadata == {"addedBy": str(c.tenant.pk), "userId": str(c.contractor.pk)}


# -- 10-14. owner-only operations: status and message ------------------------------------------------


def test_owner_only_refusals_have_their_status_and_message(auth_client, community):
    c = community
    thread = group_thread(c.tenant, c.neighbor, c.admin)
    member = auth_client(c.neighbor)
    remove = member.delete(f"/chat/groups/{thread.pk}/members/{c.admin.pk}")
    assert (remove.status_code, remove.json()["message"]) == (403, "Only the group owner can remove members")
    rename = member.put(f"/chat/groups/{thread.pk}/name", {"name": "Mine"}, format="json")
    assert (rename.status_code, rename.json()["message"]) == (
        403,
        "Only the group owner can change the group name",
    )
    avatar = member.put(f"/chat/groups/{thread.pk}/avatar", {"avatar": png()}, format="multipart")
    assert (avatar.status_code, avatar.json()["message"]) == (
        403,
        "Only the group owner can change the group avatar",
    )
    transfer = member.put(
        f"/chat/groups/{thread.pk}/ownership", {"newOwnerId": str(c.neighbor.pk)}, format="json"
    )
    assert (transfer.status_code, transfer.json()["message"]) == (
        403,
        "Only the group creator can transfer ownership",
    )
    leave = auth_client(c.tenant).post(f"/chat/groups/{thread.pk}/leave")
    assert (leave.status_code, leave.json()["message"]) == (
        403,
        "Group owners cannot leave the group. Please transfer ownership to another member first.",
    )
    thread.refresh_from_db()
    assert thread.title == "Book club" and thread.created_by_id == c.tenant.pk and thread.avatar_media is None
    assert members(thread) == {c.tenant.pk, c.neighbor.pk, c.admin.pk}
    assert system_messages(thread) == []


def test_member_removes_themselves(auth_client, community):
    c = community
    thread = group_thread(c.tenant, c.neighbor)
    response = auth_client(c.neighbor).delete(f"/chat/groups/{thread.pk}/members/{c.neighbor.pk}")
    assert response.status_code == 200
    assert members(thread) == {c.tenant.pk}
    kind, content, metadata = system_messages(thread)[0]
    assert (kind, content) == ("USER_REMOVED", "Nina Next left the group")
    assert metadata["isSelfRemoval"] is True


def test_rename_system_message_and_validation(auth_client, community):
    c = community
    thread = group_thread(c.tenant, c.neighbor, title="Old")
    client = auth_client(c.tenant)
    too_long = client.put(f"/chat/groups/{thread.pk}/name", {"name": "x" * 101}, format="json")
    assert too_long.status_code == 400
    response = client.put(f"/chat/groups/{thread.pk}/name", {"name": "New"}, format="json")
    assert response.status_code == 200
    thread.refresh_from_db()
    assert thread.title == "New"
    assert system_messages(thread) == [
        (
            "GROUP_RENAMED",
            'Tom Tenant changed the group name to "New"',
            {"userId": str(c.tenant.pk), "oldName": "Old", "newName": "New"},
        )
    ]


def test_ownership_validation(auth_client, community):
    c = community
    thread = group_thread(c.tenant, c.neighbor)
    client = auth_client(c.tenant)
    missing = client.put(f"/chat/groups/{thread.pk}/ownership", {}, format="json")
    assert (missing.status_code, missing.json()["message"]) == (400, ["newOwnerId should not be empty"])
    bad = client.put(f"/chat/groups/{thread.pk}/ownership", {"newOwnerId": "bad"}, format="json")
    assert (bad.status_code, bad.json()["message"]) == (400, "Invalid ID: bad")
    thread.refresh_from_db()
    assert thread.created_by_id == c.tenant.pk


def test_avatar_invalid_type_stores_nothing(auth_client, community, settings):
    c = community
    thread = group_thread(c.tenant, c.neighbor)
    text = SimpleUploadedFile("a.png", b"just text", content_type="image/png")
    response = auth_client(c.tenant).put(
        f"/chat/groups/{thread.pk}/avatar", {"avatar": text}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["message"].startswith("Invalid file type. Only images are allowed.")
    assert not Media.objects.unscoped().exists()
    assert stored_files(settings.MEDIA_PRIVATE_ROOT) == [] and stored_files(settings.MEDIA_ROOT) == []


def test_avatar_upload_from_another_landlord_stores_nothing(
    auth_client, community, other_community, settings
):
    c = community
    thread = group_thread(c.tenant, c.neighbor)
    response = auth_client(other_community.admin).put(
        f"/chat/groups/{thread.pk}/avatar", {"avatar": png()}, format="multipart"
    )
    assert (response.status_code, response.json()["message"]) == (404, "Group chat not found")
    thread.refresh_from_db()
    assert thread.avatar_media is None
    assert not Media.objects.unscoped().exists()
    assert stored_files(settings.MEDIA_PRIVATE_ROOT) == [] and stored_files(settings.MEDIA_ROOT) == []


# -- 15/16. blocking: status codes -------------------------------------------------------------------


def test_block_refusal_status_codes(auth_client, community):
    c = community
    client = auth_client(c.tenant)
    assert client.post(f"/chat/block/{c.tenant.pk}").status_code == 400
    assert client.post(f"/chat/block/{c.admin.pk}").status_code == 403
    assert client.post(f"/chat/block/{uuid.uuid4()}").status_code == 404
    assert not UserBlock.objects.unscoped().exists()
    assert User.objects.unscoped().get(pk=c.tenant.pk).blocked_users == []


def test_landlord_may_block_a_tenant_and_unblock_is_idempotent(auth_client, community):
    c = community
    client = auth_client(c.admin)
    assert client.post(f"/chat/block/{c.tenant.pk}").status_code == 201
    c.admin.refresh_from_db()
    assert c.admin.blocked_users == [str(c.tenant.pk)]
    assert UserBlock.objects.unscoped().filter(blocker=c.admin, blocked=c.tenant).count() == 1
    assert client.delete(f"/chat/block/{c.tenant.pk}").status_code == 200
    again = client.delete(f"/chat/block/{c.tenant.pk}")
    assert again.status_code == 200
    c.admin.refresh_from_db()
    assert c.admin.blocked_users == []


def test_blocked_user_cannot_open_a_direct_chat_nor_send(auth_client, community):
    c = community
    assert auth_client(c.neighbor).post(f"/chat/block/{c.tenant.pk}").status_code == 201
    response = auth_client(c.tenant).post("/chat/sessions", {"userId": str(c.neighbor.pk)}, format="json")
    assert (response.status_code, response.json()["message"]) == (403, "You cannot message this user")
    assert not Thread.objects.unscoped().exists()


# -- 18-20. mute and clear ---------------------------------------------------------------------------


def test_mute_validation(auth_client, community):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    response = auth_client(c.tenant).post(
        f"/chat/sessions/{thread.pk}/mute",
        {"threadId": str(thread.pk), "muteUntil": "someday"},
        format="json",
    )
    assert response.status_code == 400
    c.tenant.refresh_from_db()
    assert c.tenant.muted_threads == []


def test_muting_another_landlords_thread_records_nothing(auth_client, community, other_community):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    attacker = other_community.admin
    response = auth_client(attacker).post(
        f"/chat/sessions/{thread.pk}/mute", {"threadId": str(thread.pk)}, format="json"
    )
    assert response.status_code == 404
    attacker.refresh_from_db()
    assert attacker.muted_threads == []


def test_clear_history_resets_unread_and_last_message_for_the_caller_only(auth_client, community):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    message(thread, c.neighbor, "one")
    client = auth_client(c.tenant)
    assert client.get("/chat/sessions").json()[0]["unreadCount"] == 1
    response = client.delete(f"/chat/sessions/{thread.pk}/history")
    assert response.status_code == 200
    session = client.get("/chat/sessions").json()[0]
    assert (session["unreadCount"], session["lastMessage"]) == (0, None)
    assert ThreadParticipant.objects.unscoped().get(thread=thread, participant_id=c.tenant.pk).cleared_at
    assert (
        ThreadParticipant.objects.unscoped().get(thread=thread, participant_id=c.neighbor.pk).cleared_at
        is None
    )
    assert ThreadMessage.objects.unscoped().filter(thread=thread).count() == 1


# -- 3. message list validation ----------------------------------------------------------------------


def test_messages_limit_bounds(auth_client, community):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    client = auth_client(c.tenant)
    response = client.get(f"/chat/sessions/{thread.pk}/messages?limit=201")
    assert response.status_code == 400
    assert response.json()["message"] == ["limit must not be greater than 200"]


# -- admin console: validation -----------------------------------------------------------------------


def test_admin_thread_list_validation_and_403_for_staff(auth_client, community):
    from apps.accounts.tests.factories import AdminUserFactory, LandlordStaffFactory

    admin = auth_client(AdminUserFactory())
    response = admin.get("/admin/threads?foo=1")
    assert (response.status_code, response.json()["message"]) == (400, ["property foo should not exist"])
    staff = LandlordStaffFactory(organization_id=community.landlord.pk)
    denied = auth_client(staff).get("/admin/threads")
    assert (denied.status_code, denied.json()["message"]) == (403, "Admin access required")


# -- caller-scoped lists: exact contents, not just the first item ------------------------------------


def test_session_list_of_a_same_landlord_non_participant_is_exact(auth_client):
    from tests.isolation import build_world

    w = build_world()
    direct = direct_thread(w.tenant_a, w.admin_a)
    message(direct, w.admin_a, "private")
    group = group_thread(w.admin_a, w.staff_a, w.contractor_a)
    response = auth_client(w.staff_a).get("/chat/sessions")
    assert response.status_code == 200
    assert [s["_id"] for s in response.json()] == [str(group.pk)]
    assert "private" not in response.content.decode()
    tenant_view = auth_client(w.tenant_a).get("/chat/sessions").json()
    assert [s["_id"] for s in tenant_view] == [str(direct.pk)]


# -- bugs found by the audit (fixed; they guard the fix) ------------------------


def test_huge_message_page_is_a_client_error(auth_client, community):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    client = auth_client(c.tenant)
    client.raise_request_exception = False
    response = client.get(f"/chat/sessions/{thread.pk}/messages?page=99999999999999999999")
    assert response.status_code == 400
