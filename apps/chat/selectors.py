"""Reads of the chat: who a user may talk to, its sessions, a thread's messages."""

from __future__ import annotations

import math
import uuid
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from apps.accounts.models import Contractor, Tenant
from apps.chat.models import LinkedEntityType, Thread, ThreadMessage, ThreadParticipant, ThreadType
from apps.core.ids import is_uuid
from apps.core.scope import Role, UserType
from apps.core.serializers import iso
from apps.media.services import media_for_owners, media_to_dict
from apps.media.storage import public_url
from apps.notifications.content import display_name

User = get_user_model()

#: where chat files live in the media module (spec 08 section 1.2, routes 4 and 13)
MESSAGE_MEDIA_OWNER = "ThreadMessage"
MESSAGE_MEDIA_COLLECTION = "chat-messages"
AVATAR_MEDIA_OWNER = "Thread"
AVATAR_MEDIA_COLLECTION = "group-avatars"

CHAT_ENTITY_TYPES = (LinkedEntityType.TENANT_CHAT, LinkedEntityType.LEASE, LinkedEntityType.PROPERTY)


# -- people ---------------------------------------------------------------------------------------


def dashboard_segment(user) -> str:
    return {UserType.LANDLORD: "landlord", UserType.CONTRACTOR: "contractor"}.get(user.user_type, "tenant")


def landlord_ids_of(user) -> set[uuid.UUID]:
    """The landlords a user works within: its own (landlord users) or those its org is linked to."""
    if not user.organization_id:
        return set()
    if user.user_type == UserType.LANDLORD:
        return {user.organization_id}
    model = {UserType.TENANT: Tenant, UserType.CONTRACTOR: Contractor}.get(user.user_type)
    if model is None:
        return set()
    return {
        pk
        for pk in model.objects.unscoped().filter(pk=user.organization_id).values_list("landlords", flat=True)
        if pk
    }


def reachable_users(user):
    """Users ``user`` may start a chat with, add to a group or block (spec README rule 1).

    The original lets anybody message anybody. Here people meet only within a landlord: the
    landlord's users, the users of tenant and contractor organizations linked to it, and the
    members of one's own organization. SuperAdmin reaches everyone.
    """
    queryset = User.objects.unscoped()
    if Role.SUPER_ADMIN in (user.role, getattr(user, "effective_role", None)):
        return queryset
    landlords = list(landlord_ids_of(user))
    tenant_orgs = list(Tenant.objects.unscoped().filter(landlords__in=landlords).values_list("pk", flat=True))
    contractor_orgs = list(
        Contractor.objects.unscoped().filter(landlords__in=landlords).values_list("pk", flat=True)
    )
    reach = (
        Q(user_type=UserType.LANDLORD, organization_id__in=landlords)
        | Q(user_type=UserType.TENANT, organization_id__in=tenant_orgs)
        | Q(user_type=UserType.CONTRACTOR, organization_id__in=contractor_orgs)
    )
    if user.organization_id:
        reach |= Q(user_type=user.user_type, organization_id=user.organization_id)
    return queryset.filter(reach)


def co_participant_ids(user) -> set[uuid.UUID]:
    """Users who share a thread with ``user``."""
    threads = ThreadParticipant.objects.unscoped().filter(participant_id=user.pk).values("thread_id")
    return set(
        ThreadParticipant.objects.unscoped()
        .filter(thread_id__in=threads, user__isnull=False)
        .values_list("user_id", flat=True)
    )


def blocked_by_me(user) -> set[str]:
    return {str(value) for value in (user.blocked_users or [])}


def blocking_me(user) -> set[str]:
    from apps.chat.models import UserBlock

    return {
        str(pk)
        for pk in UserBlock.objects.unscoped().filter(blocked_id=user.pk).values_list("blocker_id", flat=True)
    }


def mute_expired(entry: Any, now=None) -> bool:
    """Whether a ``mutedThreads`` entry has a ``muteUntil`` that has passed (``None``: forever)."""
    from django.utils import timezone
    from django.utils.dateparse import parse_datetime

    until = entry.get("muteUntil") if isinstance(entry, dict) else None
    parsed = parse_datetime(str(until)) if until else None
    return parsed is not None and parsed <= (now or timezone.now())


def muted_entry(user, thread_id) -> dict[str, Any] | None:
    for entry in user.muted_threads or []:
        if isinstance(entry, dict) and str(entry.get("threadId")) == str(thread_id):
            return entry
    return None


# -- JSON shapes ----------------------------------------------------------------------------------


def user_brief(user, *fields: str) -> dict[str, Any] | None:
    if user is None:
        return None
    data = {
        "_id": str(user.pk),
        "firstName": user.first_name,
        "lastName": user.last_name,
        "email": user.email,
        "profilePicture": user.profile_picture or None,
        "user_type": user.user_type,
        "organization_id": str(user.organization_id) if user.organization_id else None,
        "allowNeighborsToMessage": user.allow_neighbors_to_message,
        "allowGroupChatInvites": user.allow_group_chat_invites,
    }
    return {key: data[key] for key in ("_id", *fields)}


def message_media(messages) -> dict[uuid.UUID, list[dict[str, Any]]]:
    """The files of ``messages`` as ``media + url`` (spec 08 section 1.1), one query for all.

    The URLs are signed and expire (local files: ``/media/file/<token>``; S3: presigned), so
    they are made on every read and never stored.
    """
    ids = [message.pk for message in messages if not message.is_system_message]
    grouped = media_for_owners(MESSAGE_MEDIA_OWNER, ids, collections=[MESSAGE_MEDIA_COLLECTION])
    return {pk: [media_to_dict(item) for item in grouped.get(pk, [])] for pk in ids}


def avatar_url(thread: Thread) -> str | None:
    """An uploaded avatar's fresh signed URL, else the URL the creator gave, else ``None``."""
    if thread.avatar_media_id and thread.avatar_media is not None:
        return public_url(thread.avatar_media)
    return thread.avatar_url or None


def message_json(
    message: ThreadMessage, *, read_by: list | None = None, media: list | None = None
) -> dict[str, Any]:
    """The ChatMessage shape. ``media``: the message's files from :func:`message_media` (looked
    up when not given)."""
    sender = message.sender if message.sender_id else None
    if media is None:
        media = message_media([message]).get(message.pk, [])
    return {
        "_id": str(message.pk),
        "thread": str(message.thread_id),
        "message": message.content,
        "content": message.content,
        "sender": user_brief(sender, "firstName", "lastName", "profilePicture"),
        "senderId": str(message.sender_id) if message.sender_id else None,
        "senderType": message.sender_type,
        "isSystemMessage": message.is_system_message,
        "systemMessageType": message.system_message_type,
        "metadata": message.metadata or {},
        "media": media,
        "readBy": read_by if read_by is not None else list(message.read_by or []),
        "isEdited": message.is_edited,
        "editedAt": iso(message.edited_at),
        "createdAt": iso(message.created_at),
        "updatedAt": iso(message.updated_at),
    }


def message_record_json(message: ThreadMessage, *, media: list | None = None) -> dict[str, Any]:
    """The stored document (edit route): the chat shape plus ``originalContent`` and ``__v``."""
    data = message_json(message, media=media)
    data.update(
        {
            "senderModel": message.sender_model,
            "originalContent": message.original_content,
            "isDeleted": message.deleted,
            "__v": message.version,
        }
    )
    return data


def thread_json(thread: Thread) -> dict[str, Any]:
    return {
        "_id": str(thread.pk),
        "id": str(thread.pk),
        "title": thread.title,
        "linkedEntityType": thread.linked_entity_type,
        "linkedEntityId": str(thread.linked_entity_id) if thread.linked_entity_id else None,
        "linkedEntityModel": thread.linked_entity_model,
        "threadType": thread.thread_type,
        "createdBy": str(thread.created_by_id) if thread.created_by_id else None,
        "admins": list(thread.admins or []),
        "avatarUrl": avatar_url(thread),
        "deleted": thread.deleted,
        "createdAt": iso(thread.created_at),
        "updatedAt": iso(thread.updated_at),
        "__v": thread.version,
    }


# -- sessions -------------------------------------------------------------------------------------


def sessions_list(*, user) -> list[dict[str, Any]]:
    """Route 1: the caller's chat threads, newest activity first. Four queries whatever the size."""
    mine = list(
        ThreadParticipant.objects.filter(
            participant_id=user.pk, thread__linked_entity_type__in=CHAT_ENTITY_TYPES, thread__deleted=False
        )
        .select_related(
            "thread", "thread__avatar_media", "thread__last_message", "thread__last_message__sender"
        )
        .order_by("-thread__updated_at", "-thread__created_at")
    )
    thread_ids = [p.thread_id for p in mine]
    members: dict[uuid.UUID, list] = {pk: [] for pk in thread_ids}
    for participant in (
        ThreadParticipant.objects.unscoped()
        .filter(thread_id__in=thread_ids, user__isnull=False)
        .select_related("user")
        .order_by("created_at")
    ):
        members[participant.thread_id].append(participant.user)
    unread = _unread_counts(user, mine)
    muted = {str(e.get("threadId")) for e in (user.muted_threads or []) if isinstance(e, dict)}

    sessions = []
    for participation in mine:
        thread = participation.thread
        people = [u for u in members.get(thread.pk, []) if u is not None and not u.deleted]
        other = next((u for u in people if u.pk != user.pk), None)
        last = thread.last_message
        if last is not None and participation.cleared_at and last.created_at <= participation.cleared_at:
            last = None
        title = (
            thread.title
            if thread.linked_entity_type == LinkedEntityType.PROPERTY or thread.is_group
            else None
        )
        sessions.append(
            {
                "_id": str(thread.pk),
                "threadId": str(thread.pk),
                "title": title,
                "linkedEntityType": thread.linked_entity_type,
                "linkedEntityId": str(thread.linked_entity_id) if thread.linked_entity_id else None,
                "threadType": thread.thread_type,
                "createdBy": str(thread.created_by_id) if thread.created_by_id else None,
                "admins": list(thread.admins or []),
                "avatarUrl": avatar_url(thread),
                "otherUser": user_brief(
                    other,
                    "firstName",
                    "lastName",
                    "email",
                    "user_type",
                    "organization_id",
                    "profilePicture",
                    "allowNeighborsToMessage",
                    "allowGroupChatInvites",
                ),
                "participants": [
                    user_brief(
                        person,
                        "firstName",
                        "lastName",
                        "email",
                        "profilePicture",
                        "allowNeighborsToMessage",
                        "allowGroupChatInvites",
                    )
                    for person in people
                ],
                "lastMessage": None
                if last is None
                else {
                    "text": last.content,
                    "sender": user_brief(last.sender, "firstName", "lastName") if last.sender_id else None,
                    "createdAt": iso(last.created_at),
                },
                "unreadCount": unread.get(thread.pk, 0),
                "isMuted": str(thread.pk) in muted,
                "updatedAt": iso(thread.updated_at),
            }
        )
    return sessions


def _unread_counts(user, participations) -> dict[uuid.UUID, int]:
    if not participations:
        return {}
    clause = Q(pk__in=[])
    for participation in participations:
        marks = [m for m in (participation.cleared_at, participation.last_read_at) if m is not None]
        if marks:
            clause |= Q(thread_id=participation.thread_id, created_at__gt=max(marks))
        else:
            clause |= Q(thread_id=participation.thread_id)
    rows = (
        ThreadMessage.objects.unscoped()
        .filter(clause)
        .exclude(sender_id=user.pk)
        .values("thread_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["thread_id"]: row["count"] for row in rows}


def messages_page(*, user, participation, page: int, limit: int) -> dict[str, Any]:
    """Route 3: the N-th block of ``limit`` newest visible messages, oldest first."""
    thread = participation.thread
    queryset = ThreadMessage.objects.unscoped().filter(thread_id=thread.pk)
    if participation.cleared_at:
        queryset = queryset.filter(created_at__gt=participation.cleared_at)
    blocked = blocked_by_me(user) | blocking_me(user)
    if blocked and not thread.is_group:
        queryset = queryset.exclude(sender_id__in=[uuid.UUID(pk) for pk in blocked])
    total = queryset.count()
    offset = (page - 1) * limit
    rows = list(queryset.select_related("sender").order_by("-created_at", "-id")[offset : offset + limit])
    rows.reverse()
    files = message_media(rows)
    reader_ids = {str(pk) for row in rows for pk in (row.read_by or [])}
    readers = {
        str(u.pk): display_name(u)
        for u in User.objects.unscoped().filter(pk__in=[uuid.UUID(pk) for pk in reader_ids if is_uuid(pk)])
    }
    messages = []
    for row in rows:
        item = message_json(
            row,
            read_by=[{"userId": pk, "userName": readers.get(str(pk), "")} for pk in (row.read_by or [])],
            media=files.get(row.pk, []),
        )
        if thread.is_group:
            item["isBlockedSender"] = bool(row.sender_id and str(row.sender_id) in blocked)
        else:
            item["isBlockedSender"] = False
        messages.append(item)
    return {
        "messages": messages,
        "pagination": {
            "total": total,
            "page": page,
            "limit": limit,
            "pages": math.ceil(total / limit) if limit else 0,
        },
    }


def is_direct(thread: Thread) -> bool:
    return (
        thread.thread_type == ThreadType.TENANT_TENANT
        and thread.linked_entity_type == LinkedEntityType.TENANT_CHAT
    )


def blocked_users(*, user) -> dict[str, list[dict[str, Any]]]:
    """Route 17: both directions, as ``{_id, firstName, lastName, email, profilePicture, user_type}``."""
    fields = ("firstName", "lastName", "email", "profilePicture", "user_type")
    mine = [uuid.UUID(pk) for pk in blocked_by_me(user) if is_uuid(pk)]
    theirs = [uuid.UUID(pk) for pk in blocking_me(user)]
    people = {u.pk: u for u in User.objects.unscoped().filter(pk__in=[*mine, *theirs])}
    return {
        "usersYouBlocked": [user_brief(people[pk], *fields) for pk in mine if pk in people],
        "usersWhoBlockedYou": [user_brief(people[pk], *fields) for pk in theirs if pk in people],
    }
