"""Thread routes of tickets and scopes of work (spec 07 section 6.1), on the chat app's tables.

The parent ticket or scope of work must be visible to the caller, and the thread must belong to
it (the original checked neither); the chat app's access rows then limit threads to those the
caller's organization takes part in.
"""

from __future__ import annotations

import math

from rest_framework.response import Response

from apps.chat.models import Thread, ThreadMessage, ThreadParticipant
from apps.chat.selectors import message_json, message_media, thread_json
from apps.core.exceptions import BadRequest, NotFound
from apps.core.ids import is_uuid
from apps.core.views import ApiView, parse_id
from apps.maintenance import schema, threads
from apps.maintenance.models import MaintenanceTicket, ScopeOfWork
from apps.maintenance.schema import doc
from apps.maintenance.serializers import (
    ParticipantInput,
    ThreadListQuery,
    ThreadMessageInput,
    participant_to_dict,
)
from apps.maintenance.views import split_body

TAG = "maintenance-threads"


class ThreadParentMixin:
    parent_kind = "ticket"
    audit_controller = "MaintenanceTicketsController"

    def get_parent(self, pk):
        if self.parent_kind == "ticket":
            return self.load(MaintenanceTicket, pk, not_found=f"Ticket with ID {pk} not found")
        return self.load(ScopeOfWork, pk, not_found=f"Scope of Work with ID {pk} not found")

    @property
    def entity_type(self) -> str:
        return "TICKET" if self.parent_kind == "ticket" else "SCOPE_OF_WORK"

    def get_thread(self, parent_id, thread_id) -> Thread:
        parent = self.get_parent(parent_id)
        if not is_uuid(thread_id):
            raise BadRequest("Invalid thread ID")
        thread = Thread.objects.filter(
            pk=thread_id, linked_entity_type=self.entity_type, linked_entity_id=parent.pk
        ).first()
        if thread is None:
            raise NotFound("Thread not found")
        self.parent = parent
        return thread

    def entity_label(self) -> tuple[str, str]:
        parent = self.parent
        if self.parent_kind == "ticket":
            return parent.title, f"/dashboard/{{role}}/maintenance/tickets/{parent.pk}"
        return f"SOW #{parent.sow_number}", f"/dashboard/{{role}}/maintenance/scope-of-work/{parent.pk}"


def _participants(thread_ids) -> dict:
    grouped: dict = {}
    for participant in (
        ThreadParticipant.objects.unscoped().filter(thread_id__in=list(thread_ids)).order_by("created_at")
    ):
        grouped.setdefault(participant.thread_id, []).append(participant_to_dict(participant))
    return grouped


def _messages(thread) -> list:
    rows = list(
        ThreadMessage.objects.unscoped()
        .filter(thread=thread)
        .select_related("sender")
        .order_by("created_at", "id")
    )
    files = message_media(rows)
    return [message_json(row, media=files.get(row.pk, [])) for row in rows]


class ThreadListView(ThreadParentMixin, ApiView):
    audit_handlers = {"GET": "getThreads"}

    @doc(TAG, "Threads of the record, newest first", query=ThreadListQuery, path=("pk",))
    def get(self, request, pk):
        query = self.parse_query(ThreadListQuery).validated_data
        parent = self.get_parent(pk)
        queryset = Thread.objects.filter(linked_entity_id=parent.pk)
        if query.get("linked_entity_type"):
            queryset = queryset.filter(linked_entity_type=query["linked_entity_type"])
        if query.get("thread_type"):
            queryset = queryset.filter(thread_type=query["thread_type"])
        matching = ThreadParticipant.objects.unscoped()
        if query.get("participant_id") or query.get("participant_status"):
            if query.get("participant_id"):
                matching = matching.filter(participant_id=query["participant_id"])
            if query.get("participant_status"):
                matching = matching.filter(status=query["participant_status"])
            queryset = queryset.filter(pk__in=matching.values("thread_id"))
        total = queryset.count()
        page, limit = query["page"], query["limit"]
        rows = list(queryset.order_by("-created_at", "-id")[(page - 1) * limit : page * limit])
        people = _participants(row.pk for row in rows)
        data = [{**thread_json(row), "participants": people.get(row.pk, [])} for row in rows]
        return Response(
            {
                "data": data,
                "total": total,
                "page": page,
                "limit": limit,
                "total_pages": math.ceil(total / limit),
            }
        )


class ThreadDetailView(ThreadParentMixin, ApiView):
    audit_handlers = {"GET": "getThread"}

    @doc(TAG, "A thread with its participants and messages", path=("pk", "thread_id"))
    def get(self, request, pk, thread_id):
        thread = self.get_thread(pk, thread_id)
        return Response(
            {
                **thread_json(thread),
                "participants": _participants([thread.pk]).get(thread.pk, []),
                "messages": _messages(thread),
            }
        )


class ThreadParticipantsView(ThreadParentMixin, ApiView):
    audit_handlers = {"GET": "getParticipants"}

    @doc(TAG, "Participants of a thread", response=schema.PARTICIPANT_LIST, path=("pk", "thread_id"))
    def get(self, request, pk, thread_id):
        thread = self.get_thread(pk, thread_id)
        return Response(_participants([thread.pk]).get(thread.pk, []))


class ThreadRespondView(ThreadParentMixin, ApiView):
    accept = True

    def post(self, request, pk, thread_id):
        data = self.parse_body(ParticipantInput)
        thread = self.get_thread(pk, thread_id)
        participant = threads.participant_respond(
            thread=thread,
            actor=request.user,
            participant_type=data["participant_type"],
            participant_id=data["participant_id"],
            accept=self.accept,
        )
        return Response(participant_to_dict(participant) if participant else None, status=201)


class ThreadAcceptView(ThreadRespondView):
    audit_handlers = {"POST": "acceptThread"}

    @doc(
        TAG,
        "Accept a thread invitation for one's organization",
        request=ParticipantInput,
        status=201,
        path=("pk", "thread_id"),
    )
    def post(self, request, pk, thread_id):
        return super().post(request, pk, thread_id)


class ThreadDeclineView(ThreadRespondView):
    audit_handlers = {"POST": "declineThread"}
    accept = False

    @doc(
        TAG,
        "Decline a thread invitation for one's organization",
        request=ParticipantInput,
        status=201,
        path=("pk", "thread_id"),
    )
    def post(self, request, pk, thread_id):
        return super().post(request, pk, thread_id)


class ThreadMessagesView(ThreadParentMixin, ApiView):
    audit_handlers = {"GET": "getMessages", "POST": "sendMessage"}

    @doc(TAG, "Messages of a thread, oldest first", response=schema.MESSAGE_LIST, path=("pk", "thread_id"))
    def get(self, request, pk, thread_id):
        return Response(_messages(self.get_thread(pk, thread_id)))

    @doc(
        TAG,
        "Post a message (optional images or PDFs)",
        request=ThreadMessageInput,
        status=201,
        path=("pk", "thread_id"),
    )
    def post(self, request, pk, thread_id):
        parse_id(pk)
        data, files = split_body(request, "media")
        serializer = ThreadMessageInput(data=data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        body = serializer.validated_data
        thread = self.get_thread(pk, thread_id)
        label, url = self.entity_label()
        message, media = threads.message_post(
            thread=thread,
            actor=request.user,
            content=body["content"],
            sender_type=body["sender_type"],
            sender_id=body["sender_id"],
            files=files,
            entity_label=label,
            entity_url=url,
        )
        return Response(message_json(message, media=media), status=201)


def _sow(view):
    return type(
        f"Sow{view.__name__}", (view,), {"parent_kind": "sow", "audit_controller": "ScopeOfWorkController"}
    )


SOW_VIEWS = {
    name: _sow(view)
    for name, view in {
        "list": ThreadListView,
        "detail": ThreadDetailView,
        "participants": ThreadParticipantsView,
        "accept": ThreadAcceptView,
        "decline": ThreadDeclineView,
        "messages": ThreadMessagesView,
    }.items()
}
