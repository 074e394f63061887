"""Admin console routes for threads (spec 02 section 9): read-only, stored role SuperAdmin."""

from __future__ import annotations

from django.db.models import Count
from rest_framework.response import Response

from apps.chat import schema
from apps.chat.models import Thread, ThreadMessage, ThreadParticipant
from apps.chat.selectors import message_json, message_media, thread_json, user_brief
from apps.core.console import AdminListQuery, AdminView
from apps.notifications.schema import doc

PERSON = ("firstName", "lastName", "email")


class AdminThreadsView(AdminView):
    audit_handlers = {"GET": "getThreads"}

    @doc("admin", "All threads (SuperAdmin)", response=schema.ADMIN_THREAD_PAGE, query=AdminListQuery)
    def get(self, request):
        def serialize(rows):
            ids = [row.pk for row in rows]
            messages, people = _count_by_thread(ThreadMessage, ids), _count_by_thread(ThreadParticipant, ids)
            return [
                {
                    **thread_json(row),
                    "messageCount": messages.get(row.pk, 0),
                    "participantCount": people.get(row.pk, 0),
                }
                for row in rows
            ]

        return self.list_page(
            AdminListQuery,
            Thread.objects.select_related("avatar_media"),
            search=("title",),
            serialize=serialize,
        )


def _count_by_thread(model, thread_ids) -> dict:
    """``{thread_id: number of rows of model}`` for many threads in one query."""
    return dict(
        model.objects.filter(thread_id__in=thread_ids)
        .values("thread_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("thread_id", "n")
    )


class AdminThreadDetailView(AdminView):
    audit_handlers = {"GET": "getThread"}

    @doc(
        "admin",
        "A thread with its latest messages (SuperAdmin)",
        response=schema.ADMIN_THREAD,
        path=("thread_id",),
    )
    def get(self, request, thread_id):
        thread = self.load(
            Thread.objects.select_related("created_by", "avatar_media"),
            thread_id,
            not_found="Thread not found",
        )
        latest = list(
            ThreadMessage.objects.filter(thread=thread)
            .select_related("sender")
            .order_by("-created_at", "-id")[:50]
        )
        latest.reverse()
        files = message_media(latest)
        messages = []
        for message in latest:
            item = message_json(message, media=files.get(message.pk, []))
            item["senderId"] = user_brief(message.sender, *PERSON) if message.sender_id else None
            messages.append(item)
        data = {
            **thread_json(thread),
            "createdBy": user_brief(thread.created_by, *PERSON),
            "messages": messages,
        }
        return Response({"success": True, "data": data})
