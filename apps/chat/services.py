"""Writes of the chat (spec 08 section 1.2). Every change is persisted, then pushed after commit."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from apps.chat.models import (
    LinkedEntityType,
    ParticipantStatus,
    ParticipantType,
    SenderType,
    SystemMessageType,
    Thread,
    ThreadMessage,
    ThreadParticipant,
    ThreadType,
    UserBlock,
)
from apps.chat.selectors import (
    AVATAR_MEDIA_COLLECTION,
    AVATAR_MEDIA_OWNER,
    MESSAGE_MEDIA_COLLECTION,
    MESSAGE_MEDIA_OWNER,
    blocked_by_me,
    co_participant_ids,
    dashboard_segment,
    display_name,
    is_direct,
    message_json,
    mute_expired,
    muted_entry,
    reachable_users,
)
from apps.core.db import atomic
from apps.core.exceptions import BadRequest, Forbidden, NotFound
from apps.core.jobs import enqueue
from apps.core.scope import UserType
from apps.core.serializers import iso
from apps.core.sniffing import sniff_mime_type
from apps.media import storage as media_storage
from apps.media.services import media_delete, media_for_owners, media_to_dict, media_upload, media_upload_many
from apps.notifications.realtime import chat_user_group, control, push

User = get_user_model()

MAX_MEDIA_BYTES = 10 * 1024 * 1024
MEDIA_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/jpg", "application/pdf"}
AVATAR_TYPES = {"image/jpeg", "image/png", "image/jpg", "image/gif", "image/webp"}
CHAT_NOT_FOUND = "Chat session not found or access denied"


# -- lookups --------------------------------------------------------------------------------------


def participation_get(*, user, thread_id: uuid.UUID, not_found: str = CHAT_NOT_FOUND) -> ThreadParticipant:
    participation = (
        ThreadParticipant.objects.select_related("thread")
        .filter(thread_id=thread_id, participant_id=user.pk, thread__deleted=False)
        .first()
    )
    if participation is None:
        raise NotFound(not_found)
    return participation


def thread_get(*, thread_id: uuid.UUID, not_found: str) -> Thread:
    """A thread visible to the caller's scope (threads it takes part in), else 404."""
    thread = Thread.objects.filter(pk=thread_id).first()
    if thread is None:
        raise NotFound(not_found)
    return thread


def group_get(*, thread_id: uuid.UUID) -> Thread:
    thread = thread_get(thread_id=thread_id, not_found="Group chat not found")
    if not thread.is_group:
        raise BadRequest("This operation is only allowed for group chats")
    return thread


def participant_user_ids(thread_id) -> list[uuid.UUID]:
    return list(
        ThreadParticipant.objects.unscoped()
        .filter(thread_id=thread_id, user__isnull=False)
        .order_by("created_at")
        .values_list("user_id", flat=True)
    )


def _push_to_participants(thread_id, event: str, data: dict[str, Any], user_ids=None) -> None:
    ids = participant_user_ids(thread_id) if user_ids is None else user_ids
    push([chat_user_group(pk) for pk in ids], event, data)


def _touch(thread: Thread, last_message: ThreadMessage | None = None) -> None:
    if last_message is not None:
        thread.last_message = last_message
        thread.save(update_fields=["last_message"])
    else:
        thread.save(update_fields=[])


# -- system messages ------------------------------------------------------------------------------


def system_message_create(
    *, thread: Thread, kind: str, content: str, metadata: dict[str, Any]
) -> ThreadMessage:
    message = ThreadMessage.objects.create(
        thread=thread,
        content=content,
        sender_type=SenderType.SYSTEM,
        sender=None,
        sender_model="",
        is_system_message=True,
        system_message_type=kind,
        metadata=metadata,
        read_by=[],
    )
    _touch(thread, message)
    _push_to_participants(
        thread.pk, "chat:message", {"threadId": str(thread.pk), "message": message_json(message)}
    )
    return message


# -- 1:1 ------------------------------------------------------------------------------------------


def _check_not_blocked(user, other) -> None:
    if str(other.pk) in blocked_by_me(user):
        raise Forbidden("You have blocked this user")
    if str(user.pk) in blocked_by_me(other):
        raise Forbidden("You cannot message this user")


def _check_can_message(user, other) -> None:
    _check_not_blocked(user, other)
    if not other.allow_neighbors_to_message:
        raise Forbidden("This user has disabled direct messages from neighbors")


def _direct_thread_between(a, b) -> Thread | None:
    smaller = min(str(a.pk), str(b.pk))
    candidates = Thread.objects.unscoped().filter(
        linked_entity_type=LinkedEntityType.TENANT_CHAT,
        thread_type=ThreadType.TENANT_TENANT,
        linked_entity_id=uuid.UUID(smaller),
        participants__participant_id=a.pk,
    )
    return (
        candidates.filter(
            pk__in=ThreadParticipant.objects.unscoped().filter(participant_id=b.pk).values("thread_id")
        )
        .order_by("created_at")
        .first()
    )


def direct_thread_open(*, user, other_id: uuid.UUID) -> tuple[Thread, bool]:
    """Route 2: the 1:1 thread between the caller and ``other_id``, created when missing."""
    if other_id == user.pk:
        raise BadRequest("Cannot create chat with yourself")
    other = reachable_users(user).filter(pk=other_id).first()
    if other is None:
        raise NotFound("Other user not found")
    _check_can_message(user, other)
    existing = _direct_thread_between(user, other)
    if existing is not None:
        return existing, False
    with atomic():
        thread = Thread.objects.create(
            title="Chat between users",
            linked_entity_type=LinkedEntityType.TENANT_CHAT,
            linked_entity_id=uuid.UUID(min(str(user.pk), str(other.pk))),
            linked_entity_model="User",
            thread_type=ThreadType.TENANT_TENANT,
            created_by=user,
        )
        for person in (user, other):
            participant_add(thread, person)
    control([chat_user_group(user.pk), chat_user_group(other.pk)], "chat.join", thread_id=str(thread.pk))
    return thread, True


def participant_add(
    thread: Thread,
    person,
    *,
    status: str = ParticipantStatus.ACCEPTED,
    participant_type: str = ParticipantType.TENANT,
    mandatory: bool = False,
) -> ThreadParticipant:
    """``person`` (a user) joins ``thread``. The only place a user participation is written
    (services, seeding and test factories alike)."""
    return ThreadParticipant.objects.unscoped().create(
        thread=thread,
        participant_type=participant_type,
        participant_id=person.pk,
        participant_model="User",
        user=person,
        status=status,
        is_mandatory=mandatory,
    )


# -- messages -------------------------------------------------------------------------------------


@contextmanager
def _removed_on_failure() -> Iterator[list]:
    """Collects stored Media; if the surrounding write fails, their rows roll back with it and
    the stored objects are deleted here (the media module only cleans up its own failures)."""
    stored: list = []
    try:
        yield stored
    except Exception:
        for item in stored:
            media_storage.delete(item.disk, item.path)
        raise


def _validate_media(files) -> None:
    for upload in files:
        kind = sniff_mime_type(upload)  # what the bytes are, never the client's claim
        if kind not in MEDIA_TYPES:
            raise BadRequest(f"Invalid media type. Only images and PDFs are allowed. Found: {kind}")
        if upload.size > MAX_MEDIA_BYTES:
            raise BadRequest("File too large. Maximum size is 10MB")


def message_send(*, user, thread_id: uuid.UUID, content: str, files=()) -> ThreadMessage:
    """Route 4: persist, bump the thread, push ``chat:message``, notify the other participants."""
    participation = participation_get(user=user, thread_id=thread_id)
    thread = participation.thread
    files = list(files or [])
    _validate_media(files)
    recipients = [pk for pk in participant_user_ids(thread.pk) if pk != user.pk]
    if is_direct(thread):
        for other in User.objects.unscoped().filter(pk__in=recipients):
            _check_not_blocked(user, other)
    with _removed_on_failure() as stored, atomic():
        message = ThreadMessage.objects.create(
            thread=thread,
            content=content,
            sender_type=SenderType.TENANT,
            sender=user,
            sender_model="User",
            read_by=[str(user.pk)],
        )
        # Private storage (never the public /uploads/ mount): files are reachable only
        # through the expiring signed links rendered on each read.
        stored += media_upload_many(
            uploads=files,
            owner_type=MESSAGE_MEDIA_OWNER,
            owner_id=message.pk,
            landlord_id=thread.landlord_id,
            uploaded_by_id=user.pk,
            collection_name=MESSAGE_MEDIA_COLLECTION,
        )
        _touch(thread, message)
        _push_to_participants(
            thread.pk,
            "chat:message",
            {
                "threadId": str(thread.pk),
                "message": message_json(message, media=[media_to_dict(m) for m in stored]),
            },
            [user.pk, *recipients],
        )
        if recipients:
            # The in-app notifications (one row per recipient, 99 in a group of 100) are a job:
            # the outbox row is written with the message, so none is lost, but the rows are
            # written after the commit and after the ``chat:message`` push, off the send path.
            enqueue(
                "apps.chat.jobs.message_notify",
                message_id=str(message.pk),
                recipient_ids=[str(pk) for pk in recipients],
            )
    return message


def message_notify(*, message_id: str, recipient_ids: list[str]) -> int:
    """The in-app notifications of one message (the job :func:`message_send` enqueues).

    Nothing for a message or thread deleted in the meantime, or a sender whose account is gone;
    recipients are the participants at the time of sending. Returns how many were notified.
    """
    message = (
        ThreadMessage.objects.unscoped()
        .select_related("thread", "sender")
        .filter(pk=message_id, thread__deleted=False)
        .first()
    )
    if message is None or message.sender is None:
        return 0
    order = {pk: index for index, pk in enumerate(recipient_ids)}
    people = sorted(
        User.objects.unscoped().filter(pk__in=recipient_ids), key=lambda person: order[str(person.pk)]
    )
    with atomic():
        return _notify_new_message(message.sender, message.thread, people)


def _notify_new_message(sender, thread: Thread, recipients) -> int:
    """Every other participant who has not muted the thread (spec 08 open question 3: all, not
    only the first). A mute whose ``muteUntil`` has passed is removed on the way."""
    from apps.notifications.services import notify_many
    from apps.notifications.types import NotificationType

    audience = []
    for person in recipients:
        entry = muted_entry(person, thread.pk)
        if entry is not None:
            if not mute_expired(entry):
                continue
            _mute_remove(person, thread.pk)
        audience.append(person)
    group = thread.is_group
    notify_many(
        users=audience,
        type=NotificationType.MESSAGE_NEW_GROUP if group else NotificationType.MESSAGE_NEW_DIRECT,
        title="New Group Message" if group else "New message",
        content=(
            f"{display_name(sender)} sent a message in {thread.title}"
            if group
            else f"{display_name(sender)} sent you a message"
        ),
        action_url=lambda person: f"/dashboard/{dashboard_segment(person)}/chat",
        data={"threadId": str(thread.pk), "senderId": str(sender.pk)},
    )
    return len(audience)


def thread_mark_read(*, user, thread_id: uuid.UUID) -> None:
    """Route 5 (and the socket's read event)."""
    participation = participation_get(user=user, thread_id=thread_id)
    now = timezone.now()
    mark = str(user.pk)
    with atomic():
        pending = ThreadMessage.objects.unscoped().filter(thread_id=thread_id).exclude(sender_id=user.pk)
        marks = [m for m in (participation.cleared_at, participation.last_read_at) if m]
        if marks:
            pending = pending.filter(created_at__gt=max(marks))
        changed = []
        for message in pending.only("id", "read_by"):
            if mark not in (message.read_by or []):
                message.read_by = [*(message.read_by or []), mark]
                changed.append(message)
        if changed:
            ThreadMessage.objects.unscoped().bulk_update(changed, ["read_by"], batch_size=500)
        participation.last_read_at = now
        participation.save(update_fields=["last_read_at"])
        _push_to_participants(
            thread_id,
            "chat:read",
            {
                "threadId": str(thread_id),
                "userId": str(user.pk),
                "userName": display_name(user),
                "timestamp": iso(now),
            },
        )


def _own_message(user, thread_id, message_id, verb: str) -> ThreadMessage:
    message = (
        ThreadMessage.objects.unscoped()
        .select_related("thread", "sender")
        .filter(pk=message_id, thread_id=thread_id)
        .first()
    )
    if message is None:
        raise NotFound("Message not found")
    if not ThreadParticipant.objects.filter(thread_id=thread_id, participant_id=user.pk).exists():
        # Outside the caller's threads the message does not exist (spec README rule 1).
        raise NotFound("Message not found")
    if message.is_system_message:
        raise Forbidden(f"Cannot {verb} system messages")
    if message.sender_id != user.pk:
        raise Forbidden(f"You can only {verb} your own messages")
    if message.thread.linked_entity_type == LinkedEntityType.PROPERTY and user.user_type == UserType.TENANT:
        raise Forbidden(f"Tenants cannot {verb} their messages in property group chats")
    return message


def message_edit(*, user, thread_id, message_id, content: str) -> ThreadMessage:
    message = _own_message(user, thread_id, message_id, "edit")
    with atomic():
        if not message.is_edited:
            message.original_content = message.content
        message.content = content
        message.is_edited = True
        message.edited_at = timezone.now()
        message.save(update_fields=["original_content", "content", "is_edited", "edited_at"])
        _push_to_participants(
            thread_id, "chat:message:edited", {"threadId": str(thread_id), "message": message_json(message)}
        )
    return message


def message_delete(*, user, thread_id, message_id) -> None:
    message = _own_message(user, thread_id, message_id, "delete")
    thread = message.thread
    with atomic():
        for item in media_for_owners(MESSAGE_MEDIA_OWNER, [message.pk]).get(message.pk, []):
            media_delete(media=item)  # the stored object goes once the deletion is committed
        message.delete()
        if thread.last_message_id in (None, message.pk):
            thread.last_message = (
                ThreadMessage.objects.unscoped().filter(thread=thread).order_by("-created_at").first()
            )
            thread.save(update_fields=["last_message"])
        _push_to_participants(
            thread_id, "chat:message:deleted", {"threadId": str(thread_id), "messageId": str(message_id)}
        )


# -- groups ---------------------------------------------------------------------------------------


def _check_group_invites(people) -> None:
    refusing = [p for p in people if not p.allow_group_chat_invites]
    if refusing:
        names = ", ".join(display_name(p) for p in refusing)
        raise Forbidden(f"The following users have disabled group chat invites: {names}")


def group_create(
    *, user, title: str, participant_ids: list[uuid.UUID], avatar_url: str | None = None
) -> Thread:
    if not user.allow_group_chat_invites:
        raise Forbidden("Your privacy settings do not allow creating group chats")
    wanted = set(participant_ids)
    people = list(reachable_users(user).filter(pk__in=wanted))
    if len({p.pk for p in people} | ({user.pk} & wanted)) != len(wanted):
        raise BadRequest("One or more participants not found")
    others = [p for p in people if p.pk != user.pk]
    if not others:
        raise BadRequest("Cannot create group chat with only yourself")
    _check_group_invites(others)
    with atomic():
        thread = Thread.objects.create(
            title=title,
            linked_entity_type=LinkedEntityType.TENANT_CHAT,
            linked_entity_id=user.pk,
            linked_entity_model="User",
            thread_type=ThreadType.TENANT_TENANT_GROUP,
            created_by=user,
            admins=[str(user.pk)],
            avatar_url=avatar_url or "",
        )
        for person in [user, *others]:
            participant_add(thread, person)
        control([chat_user_group(p.pk) for p in [user, *others]], "chat.join", thread_id=str(thread.pk))
        system_message_create(
            thread=thread,
            kind=SystemMessageType.USER_JOINED,
            content=f"{display_name(user)} created the group",
            metadata={"userId": str(user.pk)},
        )
        _notify_invite(user, thread, others)
    return thread


def _notify_invite(user, thread, people) -> None:
    from apps.notifications.services import notify_many
    from apps.notifications.types import NotificationType

    notify_many(
        users=people,
        type=NotificationType.MESSAGE_GROUP_INVITE,
        title="Group Chat Invite",
        content=f'{display_name(user)} added you to the group "{thread.title}"',
        action_url=lambda person: f"/dashboard/{dashboard_segment(person)}/chat",
        data={"threadId": str(thread.pk)},
    )


def _require_owner(user, thread: Thread, message: str) -> None:
    if thread.created_by_id != user.pk:
        raise Forbidden(message)


def group_add_members(*, user, thread_id, user_ids: list[uuid.UUID]) -> None:
    thread = group_get(thread_id=thread_id)
    _require_owner(user, thread, "Only the group owner can add members to private groups")
    wanted = set(user_ids)
    people = list(reachable_users(user).filter(pk__in=wanted))
    if len(people) != len(wanted):
        raise BadRequest("One or more users not found")
    existing = set(participant_user_ids(thread.pk))
    new = [p for p in people if p.pk not in existing]
    _check_group_invites(new)
    with atomic():
        for person in new:
            participant_add(thread, person)
            control([chat_user_group(person.pk)], "chat.join", thread_id=str(thread.pk))
            system_message_create(
                thread=thread,
                kind=SystemMessageType.USER_JOINED,
                content=f"{display_name(user)} added {display_name(person)}",
                metadata={"addedBy": str(user.pk), "userId": str(person.pk)},
            )
        _notify_invite(user, thread, new)


def _participant_remove(thread: Thread, target_id) -> None:
    ThreadParticipant.objects.unscoped().filter(thread=thread, participant_id=target_id).delete()
    admins = [a for a in (thread.admins or []) if str(a) != str(target_id)]
    if admins != list(thread.admins or []):
        thread.admins = admins
        thread.save(update_fields=["admins"])
    control([chat_user_group(target_id)], "chat.leave", thread_id=str(thread.pk))


def group_remove_member(*, user, thread_id, target_id: uuid.UUID) -> None:
    thread = group_get(thread_id=thread_id)
    own = target_id == user.pk
    if not own:
        _require_owner(user, thread, "Only the group owner can remove members")
    if thread.created_by_id == target_id:
        # Also covers the owner removing themselves (spec 08 open question 6).
        raise Forbidden("Cannot remove the group creator. Transfer ownership first.")
    members = set(participant_user_ids(thread.pk))
    if user.pk not in members:
        raise NotFound("Access denied")
    if target_id not in members:
        raise NotFound("User is not a participant in this group chat")
    target = User.objects.unscoped().filter(pk=target_id).first()
    with atomic():
        _participant_remove(thread, target_id)
        system_message_create(
            thread=thread,
            kind=SystemMessageType.USER_REMOVED,
            content=(
                f"{display_name(target)} left the group"
                if own
                else f"{display_name(user)} removed {display_name(target)}"
            ),
            metadata={"removedBy": str(user.pk), "userId": str(target_id), "isSelfRemoval": own},
        )


def group_leave(*, user, thread_id) -> None:
    thread = group_get(thread_id=thread_id)
    if thread.created_by_id == user.pk:
        raise Forbidden(
            "Group owners cannot leave the group. Please transfer ownership to another member first."
        )
    if user.pk not in set(participant_user_ids(thread.pk)):
        raise NotFound("You are not a participant in this group chat")
    with atomic():
        _participant_remove(thread, user.pk)
        system_message_create(
            thread=thread,
            kind=SystemMessageType.USER_LEFT,
            content=f"{display_name(user)} left the group",
            metadata={"userId": str(user.pk)},
        )


def group_rename(*, user, thread_id, name: str) -> None:
    thread = group_get(thread_id=thread_id)
    _require_owner(user, thread, "Only the group owner can change the group name")
    old = thread.title
    with atomic():
        thread.title = name
        thread.save(update_fields=["title"])
        system_message_create(
            thread=thread,
            kind=SystemMessageType.GROUP_RENAMED,
            content=f'{display_name(user)} changed the group name to "{name}"',
            metadata={"userId": str(user.pk), "oldName": old, "newName": name},
        )


def group_set_avatar(*, user, thread_id, upload) -> None:
    thread = group_get(thread_id=thread_id)
    _require_owner(user, thread, "Only the group owner can change the group avatar")
    if upload is None:
        raise BadRequest("Avatar file is required")
    kind = sniff_mime_type(upload)  # what the bytes are, never the client's claim
    if kind not in AVATAR_TYPES:
        raise BadRequest(f"Invalid file type. Only images are allowed. Found: {kind}")
    previous = thread.avatar_media
    with _removed_on_failure() as stored, atomic():
        try:
            media = media_upload(
                upload=upload,
                owner_type=AVATAR_MEDIA_OWNER,
                owner_id=thread.pk,
                landlord_id=thread.landlord_id,
                uploaded_by_id=user.pk,
                collection_name=AVATAR_MEDIA_COLLECTION,
            )
        except BadRequest:
            raise
        except Exception as exc:  # noqa: BLE001 - the storage's failure is the client's 400 here
            raise BadRequest("Failed to upload avatar file") from exc
        stored.append(media)
        thread.avatar_media = media
        thread.avatar_url = ""
        thread.save(update_fields=["avatar_media", "avatar_url"])
        if previous is not None:
            media_delete(media=previous)
        system_message_create(
            thread=thread,
            kind=SystemMessageType.AVATAR_CHANGED,
            content=f"{display_name(user)} changed the group avatar",
            metadata={"userId": str(user.pk), "mediaId": str(media.pk)},
        )


def group_transfer_ownership(*, user, thread_id, new_owner_id: uuid.UUID) -> None:
    thread = group_get(thread_id=thread_id)
    _require_owner(user, thread, "Only the group creator can transfer ownership")
    if new_owner_id not in set(participant_user_ids(thread.pk)):
        raise BadRequest("New owner must be a participant in the group")
    new_owner = User.objects.unscoped().filter(pk=new_owner_id).first()
    if new_owner is None:
        raise NotFound("New owner not found")
    with atomic():
        admins = [a for a in (thread.admins or []) if str(a) != str(user.pk)]
        if str(new_owner.pk) not in admins:
            admins.append(str(new_owner.pk))
        thread.admins = admins
        thread.created_by = new_owner
        thread.save(update_fields=["admins", "created_by"])
        system_message_create(
            thread=thread,
            kind=SystemMessageType.OWNERSHIP_TRANSFERRED,
            content=f"{display_name(user)} transferred ownership to {display_name(new_owner)}",
            metadata={"fromUserId": str(user.pk), "toUserId": str(new_owner.pk)},
        )


# -- blocking, muting, clearing -------------------------------------------------------------------


def _save_user_lists(user, **fields) -> None:
    for name, value in fields.items():
        setattr(user, name, value)
    User.objects.unscoped().filter(pk=user.pk).update(**fields, updated_at=timezone.now())


def user_block(*, user, target_id: uuid.UUID) -> None:
    if target_id == user.pk:
        raise BadRequest("Cannot block yourself")
    target = reachable_users(user).filter(pk=target_id).first()
    if target is None and target_id in co_participant_ids(user):
        target = User.objects.unscoped().filter(pk=target_id).first()
    if target is None:
        raise NotFound("User to block not found")
    if user.user_type == UserType.TENANT and target.user_type == UserType.LANDLORD:
        raise Forbidden("Tenants cannot block landlords")
    with atomic():
        blocked = list(user.blocked_users or [])
        if str(target.pk) not in {str(b) for b in blocked}:
            blocked.append(str(target.pk))
        UserBlock.objects.unscoped().get_or_create(blocker=user, blocked=target)
        direct = _direct_thread_between(user, target)
        muted = list(user.muted_threads or [])
        if direct is not None:
            muted = [e for e in muted if str(e.get("threadId")) != str(direct.pk)]
            muted.append({"threadId": str(direct.pk), "muteUntil": None})
        _save_user_lists(user, blocked_users=blocked, muted_threads=muted)


def user_unblock(*, user, target_id: uuid.UUID) -> None:
    with atomic():
        blocked = [b for b in (user.blocked_users or []) if str(b) != str(target_id)]
        UserBlock.objects.unscoped().filter(blocker=user, blocked_id=target_id).delete()
        _save_user_lists(user, blocked_users=blocked)


def _mute_remove(user, thread_id) -> None:
    muted = [e for e in (user.muted_threads or []) if str(e.get("threadId")) != str(thread_id)]
    _save_user_lists(user, muted_threads=muted)


def _participant_or_403(user, thread_id) -> None:
    thread_get(thread_id=thread_id, not_found="Thread not found")
    if not ThreadParticipant.objects.filter(thread_id=thread_id, participant_id=user.pk).exists():
        raise Forbidden("You are not a participant in this thread")


def thread_mute(*, user, thread_id, mute_until) -> str:
    _participant_or_403(user, thread_id)
    muted = [e for e in (user.muted_threads or []) if str(e.get("threadId")) != str(thread_id)]
    muted.append({"threadId": str(thread_id), "muteUntil": iso(mute_until) if mute_until else None})
    _save_user_lists(user, muted_threads=muted)
    if mute_until:
        return f"Thread muted temporarily until {iso(mute_until)}"
    return "Thread muted permanently"


def thread_unmute(*, user, thread_id) -> None:
    _mute_remove(user, thread_id)


def thread_clear_history(*, user, thread_id) -> None:
    _participant_or_403(user, thread_id)
    ThreadParticipant.objects.filter(thread_id=thread_id, participant_id=user.pk).update(
        cleared_at=timezone.now(), updated_at=timezone.now()
    )


# -- property channels (called by the leases module on lease activation) --------------------------


def property_thread_ensure(*, property_id, property_name: str, landlord_id, tenant_org_id) -> Thread:
    """Spec 08 section 1.1: the PROPERTY thread of a property, created on the first activation.

    New thread: every active user of the landlord joins as LANDLORD, every user of the tenant
    organization as TENANT (ACTIVE, mandatory), and all of them get ``message_new_group`` "New
    Communication Channel". Existing thread: missing tenant users are added, without notification.
    Unlike the original (first landlord user found in the database), the landlord is the lease's.
    """
    from apps.notifications.services import notify_many
    from apps.notifications.types import NotificationType

    users = User.objects.unscoped()
    landlord_users = list(
        users.filter(user_type=UserType.LANDLORD, organization_id=landlord_id, is_disabled=False)
    )
    tenant_users = list(
        users.filter(user_type=UserType.TENANT, organization_id=tenant_org_id, is_disabled=False)
    )
    with atomic():
        thread = (
            Thread.objects.unscoped()
            .filter(linked_entity_type=LinkedEntityType.PROPERTY, linked_entity_id=property_id)
            .order_by("created_at")
            .first()
        )
        if thread is not None:
            present = set(participant_user_ids(thread.pk))
            for person in tenant_users:
                if person.pk not in present:
                    participant_add(thread, person, status=ParticipantStatus.ACTIVE)
                    control([chat_user_group(person.pk)], "chat.join", thread_id=str(thread.pk))
            return thread
        thread = Thread.objects.unscoped().create(
            title=property_name,
            linked_entity_type=LinkedEntityType.PROPERTY,
            linked_entity_id=property_id,
            linked_entity_model="Property",
            thread_type=ThreadType.LANDLORD_TENANT,
            landlord_id=landlord_id,
        )
        for people, kind in (
            (landlord_users, ParticipantType.LANDLORD),
            (tenant_users, ParticipantType.TENANT),
        ):
            for person in people:
                participant_add(
                    thread, person, status=ParticipantStatus.ACTIVE, participant_type=kind, mandatory=True
                )
        everyone = [*landlord_users, *tenant_users]
        control([chat_user_group(p.pk) for p in everyone], "chat.join", thread_id=str(thread.pk))
        notify_many(
            users=everyone,
            type=NotificationType.MESSAGE_NEW_GROUP,
            title="New Communication Channel",
            content=f"A new communication thread has been created for your lease: {thread.title}",
            action_url=lambda person: (
                f"/dashboard/{'landlord' if person.user_type == UserType.LANDLORD else 'tenant'}/chat"
            ),
            data={"threadId": str(thread.pk)},
        )
    return thread
