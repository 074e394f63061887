"""Admin console routes for threads (spec 02 section 9): read-only, stored role SuperAdmin."""

from __future__ import annotations

from django.db.models import Count
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from apps.chat.models import Thread, ThreadMessage, ThreadParticipant
from apps.chat.selectors import message_json, thread_json
from apps.core.pagination import ListQuery, paginate, search_filter
from apps.core.views import ApiView, parse_id


class AdminListQuery(ListQuery):
    landlord_id = serializers.CharField(required=False)

    def validate_landlord_id(self, value):
        return parse_id(value)


def _person(user) -> dict | None:
    if user is None:
        return None
    return {
        "_id": str(user.pk),
        "firstName": user.first_name,
        "lastName": user.last_name,
        "email": user.email,
    }


class AdminThreadsView(ApiView):
    admin_only = True
    audit_controller = "AdminController"
    audit_handlers = {"GET": "getThreads"}

    @extend_schema(tags=["admin"], parameters=[AdminListQuery], responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        query = self.parse_query(AdminListQuery)
        data = query.validated_data
        queryset = Thread.objects.all()
        clause = search_filter(data.get("search"), "title")
        if clause is not None:
            queryset = queryset.filter(clause)
        if data.get("landlord_id"):
            queryset = queryset.filter(landlord_id=data["landlord_id"])

        def serialize(rows):
            ids = [row.pk for row in rows]
            messages = dict(
                ThreadMessage.objects.filter(thread_id__in=ids)
                .values("thread_id")
                .annotate(n=Count("pk"))
                .order_by()
                .values_list("thread_id", "n")
            )
            people = dict(
                ThreadParticipant.objects.filter(thread_id__in=ids)
                .values("thread_id")
                .annotate(n=Count("pk"))
                .order_by()
                .values_list("thread_id", "n")
            )
            return [
                {
                    **thread_json(row),
                    "messageCount": messages.get(row.pk, 0),
                    "participantCount": people.get(row.pk, 0),
                }
                for row in rows
            ]

        return Response(
            paginate(
                queryset.order_by(*query.ordering()),
                page=data["page"],
                limit=data["limit"],
                serialize=serialize,
            )
        )


class AdminThreadDetailView(ApiView):
    admin_only = True
    audit_controller = "AdminController"
    audit_handlers = {"GET": "getThread"}

    @extend_schema(tags=["admin"], responses={200: OpenApiTypes.OBJECT})
    def get(self, request, thread_id):
        thread = self.load(
            Thread.objects.select_related("created_by"), thread_id, not_found="Thread not found"
        )
        latest = list(
            ThreadMessage.objects.filter(thread=thread)
            .select_related("sender")
            .order_by("-created_at", "-id")[:50]
        )
        latest.reverse()
        messages = []
        for message in latest:
            item = message_json(message)
            item["senderId"] = _person(message.sender) if message.sender_id else None
            messages.append(item)
        data = {**thread_json(thread), "createdBy": _person(thread.created_by), "messages": messages}
        return Response({"success": True, "data": data})
