"""Cross-tenant cases of the chat routes (walked by tests/test_isolation.py)."""

from __future__ import annotations

from apps.chat.models import Thread, ThreadMessage, ThreadParticipant, UserBlock
from apps.chat.tests.factories import direct_thread, group_thread, message
from tests.isolation import Case

B_SIDE = ("admin_b", "staff_b", "tenant_b", "contractor_b")


def _direct(w):
    thread = direct_thread(w.tenant_a, w.admin_a)
    message(thread, w.admin_a, "private")
    w.extra["thread"] = thread
    return thread


def _group(w):
    thread = group_thread(w.tenant_a, w.admin_a, w.contractor_a, title="A only")
    w.extra["thread"] = thread
    return thread


def _messages_unchanged(w, path):
    thread = w.extra["thread"]
    assert list(ThreadMessage.objects.unscoped().filter(thread=thread).values_list("content", flat=True)) == [
        "private"
    ]


def _group_unchanged(w, path):
    thread = Thread.objects.unscoped().get(pk=w.extra["thread"].pk)
    assert thread.title == "A only" and thread.created_by_id == w.tenant_a.pk and thread.avatar_url == ""
    people = set(ThreadParticipant.objects.unscoped().filter(thread=thread).values_list("user_id", flat=True))
    assert people == {w.tenant_a.pk, w.admin_a.pk, w.contractor_a.pk}
    assert not ThreadMessage.objects.unscoped().filter(thread=thread).exists()


def _no_thread_for_b(w, path):
    assert (
        not ThreadParticipant.objects.unscoped()
        .filter(participant_id__in=[w.admin_b.pk, w.staff_b.pk, w.tenant_b.pk, w.contractor_b.pk])
        .exists()
    )


def _message_path(w):
    thread = _direct(w)
    row = ThreadMessage.objects.unscoped().get(thread=thread)
    return f"/chat/sessions/{thread.pk}/messages/{row.pk}"


def _participation_unchanged(w, path):
    row = ThreadParticipant.objects.unscoped().get(thread=w.extra["thread"], participant_id=w.tenant_a.pk)
    assert row.cleared_at is None and row.last_read_at is None
    assert ThreadMessage.objects.unscoped().get(thread=w.extra["thread"]).read_by == [str(w.admin_a.pk)]


def _blocks_unchanged(w, path):
    assert not UserBlock.objects.unscoped().exists()
    w.tenant_a.refresh_from_db()
    assert w.tenant_a.blocked_users == []


def _block_target(w):
    return f"/chat/block/{w.tenant_a.pk}"


def _unblock_path(w):
    UserBlock.objects.unscoped().create(blocker=w.tenant_a, blocked=w.contractor_a)
    w.tenant_a.blocked_users = [str(w.contractor_a.pk)]
    w.tenant_a.save()
    return f"/chat/block/{w.contractor_a.pk}"


def _unblock_unchanged(w, path):
    w.tenant_a.refresh_from_db()
    assert w.tenant_a.blocked_users == [str(w.contractor_a.pk)]
    assert UserBlock.objects.unscoped().filter(blocker=w.tenant_a).count() == 1


def _muted_path(w):
    thread = _direct(w)
    w.tenant_a.muted_threads = [{"threadId": str(thread.pk), "muteUntil": None}]
    w.tenant_a.save()
    return f"/chat/sessions/{thread.pk}/mute"


def _mute_unchanged(w, path):
    w.tenant_a.refresh_from_db()
    assert w.tenant_a.muted_threads == [{"threadId": str(w.extra["thread"].pk), "muteUntil": None}]


CASES = [
    Case(
        "chat:sessions",
        "POST",
        build=lambda w: "/chat/sessions",
        body=lambda w: {"userId": str(w.tenant_a.pk)},
        attackers=B_SIDE,
        unchanged=_no_thread_for_b,
    ),
    Case(
        "chat:messages", "GET", build=lambda w: f"/chat/sessions/{_direct(w).pk}/messages", attackers=B_SIDE
    ),
    Case(
        "chat:messages",
        "POST",
        build=lambda w: f"/chat/sessions/{_direct(w).pk}/messages",
        body={"message": "intrusion"},
        attackers=B_SIDE,
        unchanged=_messages_unchanged,
    ),
    Case(
        "chat:read",
        "PUT",
        build=lambda w: f"/chat/sessions/{_direct(w).pk}/read",
        attackers=B_SIDE,
        unchanged=_participation_unchanged,
    ),
    Case(
        "chat:message-detail",
        "PUT",
        build=_message_path,
        body={"content": "edited by B"},
        attackers=B_SIDE,
        unchanged=_messages_unchanged,
    ),
    Case(
        "chat:message-detail", "DELETE", build=_message_path, attackers=B_SIDE, unchanged=_messages_unchanged
    ),
    Case(
        "chat:mute",
        "POST",
        build=lambda w: f"/chat/sessions/{_direct(w).pk}/mute",
        body=lambda w: {"threadId": str(w.extra["thread"].pk)},
        attackers=B_SIDE,
    ),
    Case(
        "chat:mute",
        "DELETE",
        build=_muted_path,
        attackers=B_SIDE,
        expect=(200,),  # unmute edits only the caller's own list (spec: no checks)
        unchanged=_mute_unchanged,
    ),
    Case(
        "chat:history",
        "DELETE",
        build=lambda w: f"/chat/sessions/{_direct(w).pk}/history",
        attackers=B_SIDE,
        unchanged=_participation_unchanged,
    ),
    Case(
        "chat:groups",
        "POST",
        build=lambda w: "/chat/groups",
        body=lambda w: {"title": "Mixed", "participantIds": [str(w.tenant_a.pk)]},
        attackers=B_SIDE,
        expect=(400,),  # "One or more participants not found": A's users do not exist for B
        unchanged=_no_thread_for_b,
    ),
    Case(
        "chat:group-members",
        "POST",
        build=lambda w: f"/chat/groups/{_group(w).pk}/members",
        body=lambda w: {"userIds": [str(w.tenant_b.pk)]},
        attackers=B_SIDE,
        unchanged=_group_unchanged,
    ),
    Case(
        "chat:group-member",
        "DELETE",
        build=lambda w: f"/chat/groups/{_group(w).pk}/members/{w.contractor_a.pk}",
        attackers=B_SIDE,
        unchanged=_group_unchanged,
    ),
    Case(
        "chat:group-leave",
        "POST",
        build=lambda w: f"/chat/groups/{_group(w).pk}/leave",
        attackers=B_SIDE,
        unchanged=_group_unchanged,
    ),
    Case(
        "chat:group-name",
        "PUT",
        build=lambda w: f"/chat/groups/{_group(w).pk}/name",
        body={"name": "Taken over"},
        attackers=B_SIDE,
        unchanged=_group_unchanged,
    ),
    Case(
        "chat:group-avatar",
        "PUT",
        build=lambda w: f"/chat/groups/{_group(w).pk}/avatar",
        attackers=B_SIDE,
        unchanged=_group_unchanged,
    ),
    Case(
        "chat:group-ownership",
        "PUT",
        build=lambda w: f"/chat/groups/{_group(w).pk}/ownership",
        body=lambda w: {"newOwnerId": str(w.admin_a.pk)},
        attackers=B_SIDE,
        unchanged=_group_unchanged,
    ),
    Case("chat:block", "POST", build=_block_target, attackers=B_SIDE, unchanged=_blocks_unchanged),
    Case(
        "chat:block",
        "DELETE",
        build=_unblock_path,
        attackers=B_SIDE,
        expect=(200,),  # unblock edits only the caller's own list
        unchanged=_unblock_unchanged,
    ),
    Case(
        "chat:admin-threads",
        "GET",
        build=lambda w: (_direct(w), "/admin/threads")[1],
        attackers=("admin_b", "staff_b", "tenant_b", "contractor_b", "admin_a"),
        expect=(403,),
    ),
    Case(
        "chat:admin-thread-detail",
        "GET",
        build=lambda w: f"/admin/threads/{_direct(w).pk}",
        attackers=("admin_b", "staff_b", "tenant_b", "contractor_b", "admin_a"),
        expect=(403,),
    ),
]

EXEMPT = {
    ("chat:sessions", "GET"): (
        "caller-scoped list (threads the caller takes part in); no id in the path. Cross-landlord "
        "leakage is asserted in apps/chat/tests/test_isolation_lists.py"
    ),
    ("chat:blocked-users", "GET"): (
        "caller-scoped: only the caller's own block relations; asserted in apps/chat/tests/test_isolation_lists.py"
    ),
}
