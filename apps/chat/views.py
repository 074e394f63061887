"""Chat REST routes (spec 08 section 1.2). Views parse, call a service or selector, serialize."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.response import Response

from apps.chat import schema, selectors, services
from apps.core.pagination import MAX_PAGE
from apps.core.parsers import ApiJSONParser, PlainFormParser, PlainMultiPartParser
from apps.core.serializers import InputSerializer
from apps.core.views import ApiView, parse_id
from apps.notifications.schema import doc

T = "chat"


class ChatView(ApiView):
    audit_controller = "ChatController"


def _ids(values, label="ID"):
    if not isinstance(values, list):
        return values
    return [parse_id(value, label=label) for value in values]


class SessionsView(ChatView):
    audit_handlers = {"GET": "getSessions", "POST": "createSession"}

    class SessionsInput(InputSerializer):
        user_id = serializers.CharField()

    @doc(T, "The caller's chat sessions, newest activity first", response=schema.SESSIONS)
    def get(self, request):
        return Response(selectors.sessions_list(user=request.user))

    @doc(
        T,
        "Open (or reuse) the 1:1 chat with a user",
        response=schema.THREAD,
        status=201,
        request=SessionsInput,
    )
    def post(self, request):
        data = self.parse_body(self.SessionsInput)
        thread, _ = services.direct_thread_open(user=request.user, other_id=parse_id(data["user_id"]))
        return Response(selectors.thread_json(thread), status=201)


class MessagesView(ChatView):
    audit_handlers = {"GET": "getMessages", "POST": "sendMessage"}
    parser_classes = [ApiJSONParser, PlainMultiPartParser, PlainFormParser]

    class MessagesQuery(InputSerializer):
        page = serializers.IntegerField(required=False, default=1, min_value=1, max_value=MAX_PAGE)
        limit = serializers.IntegerField(required=False, default=50, min_value=1, max_value=200)

    class MessagesInput(InputSerializer):
        message = serializers.CharField(min_length=1, max_length=5000)

    @doc(
        T,
        "A page of a thread's messages",
        response=schema.MESSAGES_PAGE,
        query=MessagesQuery,
        path=("thread_id",),
    )
    def get(self, request, thread_id):
        query = self.parse_query(self.MessagesQuery).validated_data
        participation = services.participation_get(user=request.user, thread_id=parse_id(thread_id))
        return Response(
            selectors.messages_page(
                user=request.user, participation=participation, page=query["page"], limit=query["limit"]
            )
        )

    @doc(
        T,
        "Send a message (multipart with files, or JSON)",
        response=schema.MESSAGE,
        status=201,
        request=schema.MULTIPART_MESSAGE,
        path=("thread_id",),
    )
    def post(self, request, thread_id):
        thread_pk = parse_id(thread_id)
        files = [*request.FILES.getlist("media"), *request.FILES.getlist("media[]")]
        raw = {k: v for k, v in request.data.items() if k not in ("media", "media[]")}
        serializer = self.MessagesInput(data=raw)
        serializer.is_valid(raise_exception=True)
        message = services.message_send(
            user=request.user, thread_id=thread_pk, content=serializer.validated_data["message"], files=files
        )
        return Response(selectors.message_json(message), status=201)


class ReadView(ChatView):
    audit_handlers = {"PUT": "markAsRead"}

    @doc(T, "Mark a thread read", response=schema.SUCCESS, path=("thread_id",))
    def put(self, request, thread_id):
        services.thread_mark_read(user=request.user, thread_id=parse_id(thread_id))
        return Response({"success": True})


class MessageDetailView(ChatView):
    audit_handlers = {"PUT": "editMessage", "DELETE": "deleteMessage"}

    class MessageDetailInput(InputSerializer):
        content = serializers.CharField(min_length=1, max_length=5000)

    @doc(
        T,
        "Edit one's own message",
        response=schema.MESSAGE_RECORD,
        request=MessageDetailInput,
        path=("thread_id", "message_id"),
    )
    def put(self, request, thread_id, message_id):
        thread_pk, message_pk = parse_id(thread_id), parse_id(message_id)
        data = self.parse_body(self.MessageDetailInput)
        message = services.message_edit(
            user=request.user, thread_id=thread_pk, message_id=message_pk, content=data["content"]
        )
        return Response(selectors.message_record_json(message))

    @doc(T, "Delete one's own message (empty body)", response=None, path=("thread_id", "message_id"))
    def delete(self, request, thread_id, message_id):
        services.message_delete(
            user=request.user, thread_id=parse_id(thread_id), message_id=parse_id(message_id)
        )
        return Response(status=200)


class GroupsView(ChatView):
    audit_handlers = {"POST": "createGroupChat"}

    class GroupsInput(InputSerializer):
        title = serializers.CharField(min_length=1, max_length=100)
        participant_ids = serializers.ListField(child=serializers.CharField(), min_length=1)
        avatar_url = serializers.CharField(required=False, allow_blank=True, max_length=1000)

    @doc(T, "Create a group chat", response=schema.GROUP_CREATED, status=201, request=GroupsInput)
    def post(self, request):
        data = self.parse_body(self.GroupsInput)
        thread = services.group_create(
            user=request.user,
            title=data["title"],
            participant_ids=_ids(data["participant_ids"]),
            avatar_url=data.get("avatar_url"),
        )
        return Response(
            {"success": True, "threadId": str(thread.pk), "thread": selectors.thread_json(thread)}, status=201
        )


class GroupMembersView(ChatView):
    audit_handlers = {"POST": "addMembersToGroup"}

    class GroupMembersInput(InputSerializer):
        user_ids = serializers.ListField(child=serializers.CharField(), min_length=1)

    @doc(
        T,
        "Add members (owner)",
        response=schema.SUCCESS_MESSAGE,
        status=201,
        request=GroupMembersInput,
        path=("thread_id",),
    )
    def post(self, request, thread_id):
        thread_pk = parse_id(thread_id)
        data = self.parse_body(self.GroupMembersInput)
        services.group_add_members(user=request.user, thread_id=thread_pk, user_ids=_ids(data["user_ids"]))
        return Response({"success": True, "message": "Members added successfully"}, status=201)


class GroupMemberView(ChatView):
    audit_handlers = {"DELETE": "removeMemberFromGroup"}

    @doc(
        T,
        "Remove a member (owner) or oneself",
        response=schema.SUCCESS_MESSAGE,
        path=("thread_id", "user_id"),
    )
    def delete(self, request, thread_id, user_id):
        services.group_remove_member(
            user=request.user, thread_id=parse_id(thread_id), target_id=parse_id(user_id)
        )
        return Response({"success": True, "message": "Member removed successfully"})


class GroupLeaveView(ChatView):
    audit_handlers = {"POST": "leaveGroup"}

    @doc(T, "Leave a group", response=schema.SUCCESS_MESSAGE, status=201, path=("thread_id",))
    def post(self, request, thread_id):
        services.group_leave(user=request.user, thread_id=parse_id(thread_id))
        return Response({"success": True, "message": "Left group successfully"}, status=201)


class GroupNameView(ChatView):
    audit_handlers = {"PUT": "updateGroupName"}

    class GroupNameInput(InputSerializer):
        name = serializers.CharField(min_length=1, max_length=100)

    @doc(
        T,
        "Rename a group (owner)",
        response=schema.SUCCESS_MESSAGE,
        request=GroupNameInput,
        path=("thread_id",),
    )
    def put(self, request, thread_id):
        thread_pk = parse_id(thread_id)
        data = self.parse_body(self.GroupNameInput)
        services.group_rename(user=request.user, thread_id=thread_pk, name=data["name"])
        return Response({"success": True, "message": "Group name updated successfully"})


class GroupAvatarView(ChatView):
    audit_handlers = {"PUT": "updateGroupAvatar"}
    parser_classes = [PlainMultiPartParser, PlainFormParser, ApiJSONParser]

    @doc(
        T,
        "Upload the group's avatar (owner)",
        response=schema.SUCCESS_MESSAGE,
        request=schema.MULTIPART_AVATAR,
        path=("thread_id",),
    )
    def put(self, request, thread_id):
        services.group_set_avatar(
            user=request.user, thread_id=parse_id(thread_id), upload=request.FILES.get("avatar")
        )
        return Response({"success": True, "message": "Group avatar updated successfully"})


class GroupOwnershipView(ChatView):
    audit_handlers = {"PUT": "transferOwnership"}

    class GroupOwnershipInput(InputSerializer):
        new_owner_id = serializers.CharField()

    @doc(
        T,
        "Transfer a group's ownership (owner)",
        response=schema.SUCCESS_MESSAGE,
        request=GroupOwnershipInput,
        path=("thread_id",),
    )
    def put(self, request, thread_id):
        thread_pk = parse_id(thread_id)
        data = self.parse_body(self.GroupOwnershipInput)
        services.group_transfer_ownership(
            user=request.user, thread_id=thread_pk, new_owner_id=parse_id(data["new_owner_id"])
        )
        return Response({"success": True, "message": "Ownership transferred successfully"})


class BlockView(ChatView):
    audit_handlers = {"POST": "blockUser", "DELETE": "unblockUser"}

    @doc(T, "Block a user", response=schema.SUCCESS_MESSAGE, status=201, path=("user_id",))
    def post(self, request, user_id):
        services.user_block(user=request.user, target_id=parse_id(user_id))
        return Response({"success": True, "message": "User blocked successfully"}, status=201)

    @doc(T, "Unblock a user", response=schema.SUCCESS_MESSAGE, path=("user_id",))
    def delete(self, request, user_id):
        services.user_unblock(user=request.user, target_id=parse_id(user_id))
        return Response({"success": True, "message": "User unblocked successfully"})


class BlockedUsersView(ChatView):
    audit_handlers = {"GET": "getBlockedUsers"}

    @doc(T, "Users the caller blocked and users who blocked the caller", response=schema.BLOCKED_USERS)
    def get(self, request):
        return Response({"success": True, **selectors.blocked_users(user=request.user)})


class MuteView(ChatView):
    audit_handlers = {"POST": "muteThread", "DELETE": "unmuteThread"}

    class MuteInput(InputSerializer):
        thread_id = serializers.CharField()
        mute_until = serializers.DateTimeField(required=False, allow_null=True)

    @doc(
        T,
        "Mute a thread",
        response=schema.SUCCESS_MESSAGE,
        status=201,
        request=MuteInput,
        path=("thread_id",),
    )
    def post(self, request, thread_id):
        thread_pk = parse_id(thread_id)
        data = self.parse_body(self.MuteInput)
        parse_id(data["thread_id"])
        message = services.thread_mute(
            user=request.user, thread_id=thread_pk, mute_until=data.get("mute_until")
        )
        return Response({"success": True, "message": message}, status=201)

    @doc(T, "Unmute a thread", response=schema.SUCCESS_MESSAGE, path=("thread_id",))
    def delete(self, request, thread_id):
        services.thread_unmute(user=request.user, thread_id=parse_id(thread_id))
        return Response({"success": True, "message": "Thread unmuted successfully"})


class HistoryView(ChatView):
    audit_handlers = {"DELETE": "clearChatHistory"}

    @doc(T, "Clear the thread's history for the caller", response=schema.SUCCESS_MESSAGE, path=("thread_id",))
    def delete(self, request, thread_id):
        services.thread_clear_history(user=request.user, thread_id=parse_id(thread_id))
        return Response({"success": True, "message": "Chat history cleared successfully"})
