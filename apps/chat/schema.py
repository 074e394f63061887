"""OpenAPI shapes of the chat routes (spec 08 section 1). Documentation only.

Names are the internal snake_case ones; the camel-case postprocessing hook renames them as the
renderer does on the wire (``_id``, ``user_type``, ``organization_id`` and the media record's
snake_case fields stay verbatim).
"""

from __future__ import annotations

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from apps.accounts.schemas import page_of
from apps.chat.models import LinkedEntityType, SenderType, SystemMessageType, ThreadType
from apps.notifications.schema import record_fields


def _person(name: str, *extra: str, nullable: bool = False):
    optional = {
        "email": serializers.EmailField(),
        "profile_picture": serializers.CharField(allow_null=True),
        "user_type": serializers.CharField(),
        "organization_id": serializers.UUIDField(allow_null=True),
        "allow_neighbors_to_message": serializers.BooleanField(),
        "allow_group_chat_invites": serializers.BooleanField(),
    }
    fields = {
        "_id": serializers.UUIDField(),
        "first_name": serializers.CharField(),
        "last_name": serializers.CharField(),
        **{key: optional[key] for key in extra},
    }
    return inline_serializer(name=name, fields=fields, allow_null=nullable)


def _success(name: str, **fields):
    return inline_serializer(name=name, fields={"success": serializers.BooleanField(), **fields})


MEDIA = inline_serializer(
    name="ChatMedia",
    fields=record_fields(
        model_type=serializers.CharField(),
        model_id=serializers.UUIDField(),
        name=serializers.CharField(help_text="original file name"),
        file_name=serializers.CharField(),
        mime_type=serializers.CharField(),
        size=serializers.IntegerField(),
        type=serializers.CharField(),
        disk=serializers.CharField(),
        path=serializers.CharField(),
        collection_name=serializers.CharField(),
        metadata=serializers.DictField(),
        deleted=serializers.BooleanField(),
        url=serializers.URLField(help_text="signed link; expires (AWS_QUERYSTRING_EXPIRE seconds)"),
    ),
)
READER = inline_serializer(
    name="ChatReader", fields={"user_id": serializers.UUIDField(), "user_name": serializers.CharField()}
)


SENDER = _person("ChatSender", "profile_picture", nullable=True)


def _message_fields() -> dict:
    return {
        "_id": serializers.UUIDField(),
        "thread": serializers.UUIDField(),
        "message": serializers.CharField(),
        "content": serializers.CharField(),
        "sender": SENDER,
        "sender_id": serializers.UUIDField(allow_null=True),
        "sender_type": serializers.ChoiceField(choices=SenderType.choices),
        "is_system_message": serializers.BooleanField(),
        "system_message_type": serializers.ChoiceField(choices=SystemMessageType.choices, allow_null=True),
        "metadata": serializers.DictField(),
        "media": MEDIA.__class__(many=True),
        "is_edited": serializers.BooleanField(),
        "edited_at": serializers.DateTimeField(allow_null=True),
        "created_at": serializers.DateTimeField(),
        "updated_at": serializers.DateTimeField(),
    }


MESSAGE = inline_serializer(
    name="ChatMessage",
    fields={**_message_fields(), "read_by": serializers.ListField(child=serializers.UUIDField())},
)
LISTED_MESSAGE = inline_serializer(
    name="ChatListedMessage",
    fields={
        **_message_fields(),
        "read_by": READER.__class__(many=True),
        "is_blocked_sender": serializers.BooleanField(),
    },
)
MESSAGE_RECORD = inline_serializer(
    name="ChatMessageRecord",
    fields={
        **_message_fields(),
        "read_by": serializers.ListField(child=serializers.UUIDField()),
        "sender_model": serializers.CharField(),
        "original_content": serializers.CharField(allow_null=True),
        "is_deleted": serializers.BooleanField(),
        "__v": serializers.IntegerField(),
    },
)
MESSAGES_PAGE = inline_serializer(
    name="ChatMessagesPage",
    fields={
        "messages": LISTED_MESSAGE.__class__(many=True),
        "pagination": inline_serializer(
            name="ChatPagination",
            fields={
                "total": serializers.IntegerField(),
                "page": serializers.IntegerField(),
                "limit": serializers.IntegerField(),
                "pages": serializers.IntegerField(),
            },
        ),
    },
)


def _thread_fields() -> dict:
    return record_fields(
        id=serializers.UUIDField(),
        title=serializers.CharField(),
        linked_entity_type=serializers.ChoiceField(choices=LinkedEntityType.choices),
        linked_entity_id=serializers.UUIDField(allow_null=True),
        linked_entity_model=serializers.CharField(),
        thread_type=serializers.ChoiceField(choices=ThreadType.choices),
        created_by=serializers.UUIDField(allow_null=True),
        admins=serializers.ListField(child=serializers.UUIDField()),
        avatar_url=serializers.CharField(allow_null=True, help_text="an uploaded avatar's link expires"),
        deleted=serializers.BooleanField(),
    )


THREAD = inline_serializer(name="ChatThread", fields=_thread_fields())
SESSIONS = inline_serializer(
    name="ChatSession",
    fields={
        "_id": serializers.UUIDField(),
        "thread_id": serializers.UUIDField(),
        "title": serializers.CharField(allow_null=True),
        "linked_entity_type": serializers.ChoiceField(choices=LinkedEntityType.choices),
        "linked_entity_id": serializers.UUIDField(allow_null=True),
        "thread_type": serializers.ChoiceField(choices=ThreadType.choices),
        "created_by": serializers.UUIDField(allow_null=True),
        "admins": serializers.ListField(child=serializers.UUIDField()),
        "avatar_url": serializers.CharField(allow_null=True),
        "other_user": _person(
            "ChatOtherUser",
            "email",
            "user_type",
            "organization_id",
            "profile_picture",
            "allow_neighbors_to_message",
            "allow_group_chat_invites",
            nullable=True,
        ),
        "participants": _person(
            "ChatParticipant",
            "email",
            "profile_picture",
            "allow_neighbors_to_message",
            "allow_group_chat_invites",
        ).__class__(many=True),
        "last_message": inline_serializer(
            name="ChatLastMessage",
            fields={
                "text": serializers.CharField(),
                "sender": _person("ChatLastSender", nullable=True),
                "created_at": serializers.DateTimeField(),
            },
            allow_null=True,
        ),
        "unread_count": serializers.IntegerField(),
        "is_muted": serializers.BooleanField(),
        "updated_at": serializers.DateTimeField(),
    },
    many=True,
)
SUCCESS = _success("ChatSuccess")
SUCCESS_MESSAGE = _success("ChatSuccessMessage", message=serializers.CharField())
GROUP_CREATED = _success("ChatGroupCreated", thread_id=serializers.UUIDField(), thread=THREAD)
_BLOCKED = _person("ChatBlockedUser", "email", "profile_picture", "user_type").__class__
BLOCKED_USERS = _success(
    "ChatBlockedUsers", users_you_blocked=_BLOCKED(many=True), users_who_blocked_you=_BLOCKED(many=True)
)
ADMIN_THREAD_PAGE = page_of(
    "AdminThreadPage",
    inline_serializer(
        name="AdminThread",
        fields={
            **_thread_fields(),
            "message_count": serializers.IntegerField(),
            "participant_count": serializers.IntegerField(),
        },
    ),
)
_ADMIN_PERSON = _person("AdminThreadPerson", "email", nullable=True)
ADMIN_THREAD = inline_serializer(
    name="AdminThreadDetail",
    fields={
        "success": serializers.BooleanField(),
        "data": inline_serializer(
            name="AdminThreadWithMessages",
            fields={
                **_thread_fields(),
                "created_by": _ADMIN_PERSON,
                "messages": inline_serializer(
                    name="AdminThreadMessage",
                    fields={
                        **_message_fields(),
                        "read_by": serializers.ListField(child=serializers.UUIDField()),
                        "sender_id": _person("AdminThreadSender", "email", nullable=True),
                    },
                    many=True,
                ),
            },
        ),
    },
)
MULTIPART_MESSAGE = {
    "multipart/form-data": {
        "type": "object",
        "properties": {
            "message": {"type": "string", "minLength": 1, "maxLength": 5000},
            "media": {
                "type": "array",
                "items": {"type": "string", "format": "binary"},
                "description": "images (jpeg, png, gif, webp) or PDF, 10 MB each",
            },
        },
        "required": ["message"],
    },
    "application/json": {
        "type": "object",
        "properties": {"message": {"type": "string", "minLength": 1, "maxLength": 5000}},
        "required": ["message"],
    },
}
MULTIPART_AVATAR = {
    "multipart/form-data": {
        "type": "object",
        "properties": {
            "avatar": {"type": "string", "format": "binary", "description": "jpeg, png, gif or webp"}
        },
        "required": ["avatar"],
    }
}
