"""Chat sessions and messages: routes 1-7 of spec 08 section 1.2."""

from __future__ import annotations

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.chat.models import Thread, ThreadMessage, ThreadParticipant
from apps.chat.tests.factories import direct_thread, group_thread, message
from apps.notifications.models import Notification

pytestmark = pytest.mark.django_db


# -- 1. GET /chat/sessions -------------------------------------------------------------------------


def test_sessions_lists_own_threads_with_last_message_and_unread(auth_client, community):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    message(thread, c.neighbor, "first")
    message(thread, c.neighbor, "second")
    group_thread(c.admin, c.contractor)  # not the tenant's

    response = auth_client(c.tenant).get("/chat/sessions")

    assert response.status_code == 200
    body = response.json()
    assert [s["threadId"] for s in body] == [str(thread.pk)]
    session = body[0]
    assert session["_id"] == str(thread.pk)
    assert session["title"] is None
    assert session["linkedEntityType"] == "TENANT_CHAT"
    assert session["otherUser"]["_id"] == str(c.neighbor.pk)
    assert session["otherUser"]["user_type"] == "Tenant"
    assert {p["_id"] for p in session["participants"]} == {str(c.tenant.pk), str(c.neighbor.pk)}
    assert session["lastMessage"]["text"] == "second"
    assert session["lastMessage"]["sender"]["firstName"] == "Nina"
    assert session["unreadCount"] == 2
    assert session["isMuted"] is False


def test_sessions_requires_authentication(api_client):
    assert api_client.get("/chat/sessions").status_code == 401


def test_sessions_query_count_is_constant(auth_client, community):
    c = community
    client = auth_client(c.tenant)
    thread = direct_thread(c.tenant, c.neighbor)
    message(thread, c.neighbor)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/chat/sessions").status_code == 200
    for _ in range(4):
        other = group_thread(c.tenant, c.neighbor, c.admin)
        message(other, c.admin)
    with CaptureQueriesContext(connection) as large:
        assert len(client.get("/chat/sessions").json()) == 5
    assert len(large) == len(small)


# -- 2. POST /chat/sessions ------------------------------------------------------------------------


def test_open_direct_creates_then_reuses(auth_client, community):
    c = community
    client = auth_client(c.tenant)
    response = client.post("/chat/sessions", {"userId": str(c.neighbor.pk)}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["threadType"] == "TENANT_TENANT"
    assert body["title"] == "Chat between users"
    assert body["linkedEntityId"] == min(str(c.tenant.pk), str(c.neighbor.pk))
    thread = Thread.objects.unscoped().get(pk=body["_id"])
    assert ThreadParticipant.objects.unscoped().filter(thread=thread).count() == 2

    again = client.post("/chat/sessions", {"userId": str(c.neighbor.pk)}, format="json")
    assert again.status_code == 201
    assert again.json()["_id"] == body["_id"]
    assert Thread.objects.unscoped().count() == 1


@pytest.mark.parametrize(
    ("setup", "status", "text"),
    [
        ("self", 400, "Cannot create chat with yourself"),
        ("missing", 404, "Other user not found"),
        ("i_blocked", 403, "You have blocked this user"),
        ("they_blocked", 403, "You cannot message this user"),
        ("no_dm", 403, "This user has disabled direct messages from neighbors"),
    ],
)
def test_open_direct_refusals(auth_client, community, setup, status, text):
    c = community
    target = c.neighbor.pk
    if setup == "self":
        target = c.tenant.pk
    elif setup == "missing":
        target = uuid.uuid4()
    elif setup == "i_blocked":
        c.tenant.blocked_users = [str(c.neighbor.pk)]
        c.tenant.save()
    elif setup == "they_blocked":
        c.neighbor.blocked_users = [str(c.tenant.pk)]
        c.neighbor.save()
    elif setup == "no_dm":
        c.neighbor.allow_neighbors_to_message = False
        c.neighbor.save()
    response = auth_client(c.tenant).post("/chat/sessions", {"userId": str(target)}, format="json")
    assert response.status_code == status
    assert response.json()["message"] == text
    assert Thread.objects.unscoped().count() == 0


def test_open_direct_validation(auth_client, community):
    client = auth_client(community.tenant)
    assert client.post("/chat/sessions", {}, format="json").json()["message"] == [
        "userId should not be empty"
    ]
    bad = client.post("/chat/sessions", {"userId": "nope"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["message"] == "Invalid ID: nope"
    extra = client.post("/chat/sessions", {"userId": str(community.neighbor.pk), "x": 1}, format="json")
    assert extra.json()["message"] == ["property x should not exist"]


def test_open_direct_across_landlords_is_not_found(auth_client, community, other_community):
    response = auth_client(community.tenant).post(
        "/chat/sessions", {"userId": str(other_community.tenant.pk)}, format="json"
    )
    assert response.status_code == 404
    assert Thread.objects.unscoped().count() == 0


def test_open_direct_unauthenticated(api_client, community):
    assert (
        api_client.post("/chat/sessions", {"userId": str(community.neighbor.pk)}, format="json").status_code
        == 401
    )


# -- 3. GET messages -------------------------------------------------------------------------------


def test_messages_pages_newest_blocks_oldest_first(auth_client, community):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    for index in range(5):
        message(thread, c.neighbor if index % 2 else c.tenant, f"m{index}")
    client = auth_client(c.tenant)

    first = client.get(f"/chat/sessions/{thread.pk}/messages?page=1&limit=2").json()
    assert [m["content"] for m in first["messages"]] == ["m3", "m4"]
    assert first["pagination"] == {"total": 5, "page": 1, "limit": 2, "pages": 3}
    last = client.get(f"/chat/sessions/{thread.pk}/messages?page=3&limit=2").json()
    assert [m["content"] for m in last["messages"]] == ["m0"]
    item = first["messages"][1]
    assert item["message"] == item["content"] == "m4"
    assert item["sender"]["_id"] == str(c.tenant.pk)
    assert item["readBy"] == [{"userId": str(c.tenant.pk), "userName": "Tom Tenant"}]
    assert item["isBlockedSender"] is False


def test_messages_hide_cleared_and_blocked(auth_client, community):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    message(thread, c.neighbor, "from neighbor")
    client = auth_client(c.tenant)
    c.tenant.blocked_users = [str(c.neighbor.pk)]
    c.tenant.save()
    assert client.get(f"/chat/sessions/{thread.pk}/messages").json()["messages"] == []

    group = group_thread(c.admin, c.tenant, c.neighbor)
    message(group, c.neighbor, "in group")
    items = client.get(f"/chat/sessions/{group.pk}/messages").json()["messages"]
    assert items[0]["isBlockedSender"] is True


def test_messages_not_participant_is_not_found(auth_client, community, other_community):
    thread = direct_thread(community.tenant, community.neighbor)
    for outsider in (community.admin, other_community.admin):
        response = auth_client(outsider).get(f"/chat/sessions/{thread.pk}/messages")
        assert response.status_code == 404
        assert response.json()["message"] == "Chat session not found or access denied"


def test_messages_invalid_ids_and_query(auth_client, community):
    client = auth_client(community.tenant)
    assert client.get("/chat/sessions/bad/messages").json()["message"] == "Invalid ID: bad"
    thread = direct_thread(community.tenant, community.neighbor)
    assert client.get(f"/chat/sessions/{thread.pk}/messages?page=0").status_code == 400
    assert client.get(f"/chat/sessions/{thread.pk}/messages?foo=1").status_code == 400


def test_messages_query_count_constant(auth_client, community):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    message(thread, c.neighbor)
    client = auth_client(c.tenant)
    with CaptureQueriesContext(connection) as small:
        client.get(f"/chat/sessions/{thread.pk}/messages")
    for _ in range(10):
        message(thread, c.neighbor)
    with CaptureQueriesContext(connection) as large:
        assert len(client.get(f"/chat/sessions/{thread.pk}/messages").json()["messages"]) == 11
    assert len(small) == len(large)


# -- 4. POST messages ------------------------------------------------------------------------------


def test_send_persists_bumps_and_notifies(auth_client, community, django_capture_on_commit_callbacks):
    c = community
    thread = group_thread(c.tenant, c.neighbor, c.admin)
    before = Thread.objects.unscoped().get(pk=thread.pk).updated_at
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client(c.tenant).post(
            f"/chat/sessions/{thread.pk}/messages", {"message": "Hi all"}, format="json"
        )
    assert response.status_code == 201
    body = response.json()
    assert body["content"] == "Hi all"
    assert body["readBy"] == [str(c.tenant.pk)]
    assert body["senderType"] == "TENANT"
    saved = ThreadMessage.objects.unscoped().get(pk=body["_id"])
    assert saved.sender_id == c.tenant.pk
    refreshed = Thread.objects.unscoped().get(pk=thread.pk)
    assert refreshed.updated_at > before and refreshed.last_message_id == saved.pk
    notified = Notification.objects.unscoped().filter(notification_type="message_new_group")
    assert {n.user_id for n in notified} == {c.neighbor.pk, c.admin.pk}
    assert notified.get(user=c.admin).action_url == "/dashboard/landlord/chat"


def test_send_skips_muted_recipient_and_expired_mute_unmutes(
    auth_client, community, django_capture_on_commit_callbacks
):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    c.neighbor.muted_threads = [{"threadId": str(thread.pk), "muteUntil": None}]
    c.neighbor.save()
    client = auth_client(c.tenant)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/chat/sessions/{thread.pk}/messages", {"message": "one"}, format="json")
    assert not Notification.objects.unscoped().filter(user=c.neighbor).exists()

    c.neighbor.muted_threads = [{"threadId": str(thread.pk), "muteUntil": "2000-01-01T00:00:00.000Z"}]
    c.neighbor.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/chat/sessions/{thread.pk}/messages", {"message": "two"}, format="json")
    notification = Notification.objects.unscoped().get(user=c.neighbor)
    assert notification.content == "Tom Tenant sent you a message"
    assert notification.title == "New message"
    c.neighbor.refresh_from_db()
    assert c.neighbor.muted_threads == []


def test_send_pushes_first_and_notifies_through_an_outbox_job(
    auth_client, community, django_capture_on_commit_callbacks, settings, monkeypatch
):
    """The message's notification rows are not written on the send path: an outbox row is
    (same transaction, so none is lost), dispatched after the commit and after the chat push."""
    from apps.core import jobs
    from apps.core.models import OutboxJob
    from apps.notifications import realtime

    settings.JOBS_RUN_INLINE = False
    c = community
    thread = group_thread(c.tenant, c.neighbor, c.admin)
    order: list[str] = []
    monkeypatch.setattr(realtime, "send_now", lambda groups, message: order.append(message["event"]))
    monkeypatch.setattr(jobs, "dispatch", lambda job_id, queue=None: order.append(f"dispatch {queue}"))

    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client(c.tenant).post(
            f"/chat/sessions/{thread.pk}/messages", {"message": "Hi all"}, format="json"
        )

    assert response.status_code == 201
    assert order == ["chat:message", "dispatch default"]
    assert not Notification.objects.unscoped().exists()
    job = OutboxJob.objects.get(task="apps.chat.jobs.message_notify")
    assert job.payload == {
        "message_id": response.json()["_id"],
        "recipient_ids": [str(c.neighbor.pk), str(c.admin.pk)],
    }

    assert jobs.run_outbox_job(str(job.pk)) == "done"
    notified = Notification.objects.unscoped().filter(notification_type="message_new_group")
    assert sorted(str(n.user_id) for n in notified) == sorted([str(c.neighbor.pk), str(c.admin.pk)])
    assert {n.data["threadId"] for n in notified} == {str(thread.pk)}


def test_message_notify_job_skips_a_message_deleted_before_it_ran(community):
    from apps.chat.jobs import message_notify

    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    gone = message(thread, c.tenant, "oops")
    gone_id = str(gone.pk)
    gone.delete()
    assert message_notify(message_id=gone_id, recipient_ids=[str(c.neighbor.pk)]) == 0
    kept = message(thread, c.tenant, "hello")
    assert message_notify(message_id=str(kept.pk), recipient_ids=[str(c.neighbor.pk)]) == 1
    assert list(Notification.objects.unscoped().values_list("user_id", flat=True)) == [c.neighbor.pk]


def test_send_with_media_and_invalid_media(auth_client, community):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    client = auth_client(c.tenant)
    image = SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\nfake", content_type="image/png")
    response = client.post(
        f"/chat/sessions/{thread.pk}/messages", {"message": "look", "media": [image]}, format="multipart"
    )
    assert response.status_code == 201
    media = response.json()["media"]
    assert media[0]["name"] == "photo.png" and media[0]["collection_name"] == "chat-messages"
    assert media[0]["url"].startswith("http://testserver/media/file/")

    text = SimpleUploadedFile("notes.txt", b"hello", content_type="text/plain")
    bad = client.post(
        f"/chat/sessions/{thread.pk}/messages", {"message": "x", "media": [text]}, format="multipart"
    )
    assert bad.status_code == 400
    assert bad.json()["message"] == "Invalid media type. Only images and PDFs are allowed. Found: text/plain"
    assert ThreadMessage.objects.unscoped().count() == 1


def test_send_validation_block_and_scope(auth_client, community, other_community):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    client = auth_client(c.tenant)
    assert client.post(f"/chat/sessions/{thread.pk}/messages", {}, format="json").status_code == 400
    long = client.post(f"/chat/sessions/{thread.pk}/messages", {"message": "x" * 5001}, format="json")
    assert long.json()["message"] == ["message must be shorter than or equal to 5000 characters"]
    c.neighbor.blocked_users = [str(c.tenant.pk)]
    c.neighbor.save()
    blocked = client.post(f"/chat/sessions/{thread.pk}/messages", {"message": "hi"}, format="json")
    assert blocked.status_code == 403
    outsider = auth_client(other_community.admin).post(
        f"/chat/sessions/{thread.pk}/messages", {"message": "hack"}, format="json"
    )
    assert outsider.status_code == 404
    assert ThreadMessage.objects.unscoped().count() == 0


# -- 5. PUT read -----------------------------------------------------------------------------------


def test_mark_read(auth_client, community):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    incoming = message(thread, c.neighbor)
    own = message(thread, c.tenant)
    client = auth_client(c.tenant)
    response = client.put(f"/chat/sessions/{thread.pk}/read")
    assert response.status_code == 200
    assert response.json() == {"success": True}
    incoming.refresh_from_db()
    own.refresh_from_db()
    assert str(c.tenant.pk) in incoming.read_by
    assert own.read_by == [str(c.tenant.pk)]
    assert client.get("/chat/sessions").json()[0]["unreadCount"] == 0
    assert auth_client(c.admin).put(f"/chat/sessions/{thread.pk}/read").status_code == 404


# -- 6/7. edit and delete --------------------------------------------------------------------------


def test_edit_keeps_original_and_delete_hard_deletes(auth_client, community):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    row = message(thread, c.tenant, "typo")
    client = auth_client(c.tenant)
    path = f"/chat/sessions/{thread.pk}/messages/{row.pk}"
    first = client.put(path, {"content": "fixed"}, format="json")
    assert first.status_code == 200
    assert first.json()["originalContent"] == "typo"
    assert first.json()["isEdited"] is True
    client.put(path, {"content": "fixed again"}, format="json")
    row.refresh_from_db()
    assert (row.content, row.original_content) == ("fixed again", "typo")

    deleted = client.delete(path)
    assert deleted.status_code == 200
    assert deleted.content == b""
    assert not ThreadMessage.objects.unscoped().filter(pk=row.pk).exists()
    assert Thread.objects.unscoped().get(pk=thread.pk).last_message_id is None


@pytest.mark.parametrize("verb", ["edit", "delete"])
def test_edit_delete_refusals(auth_client, community, other_community, verb):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    theirs = message(thread, c.neighbor, "theirs")

    def call(user, msg_id, thread_id=thread.pk):
        path = f"/chat/sessions/{thread_id}/messages/{msg_id}"
        client = auth_client(user)
        return client.put(path, {"content": "x"}, format="json") if verb == "edit" else client.delete(path)

    assert call(c.tenant, theirs.pk).json()["message"] == f"You can only {verb} your own messages"
    assert call(c.tenant, uuid.uuid4()).json()["message"] == "Message not found"
    assert call(other_community.admin, theirs.pk).status_code == 404
    assert call(c.tenant, "bad").status_code == 400
    theirs.refresh_from_db()
    assert theirs.content == "theirs"


def test_send_in_existing_direct_thread_only_checks_blocks(auth_client, community):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    c.neighbor.allow_neighbors_to_message = False
    c.neighbor.save()
    response = auth_client(c.tenant).post(
        f"/chat/sessions/{thread.pk}/messages", {"message": "still ok"}, format="json"
    )
    assert response.status_code == 201
    c.tenant.blocked_users = [str(c.neighbor.pk)]
    c.tenant.save()
    blocked = auth_client(c.tenant).post(
        f"/chat/sessions/{thread.pk}/messages", {"message": "no"}, format="json"
    )
    assert (blocked.status_code, blocked.json()["message"]) == (403, "You have blocked this user")
