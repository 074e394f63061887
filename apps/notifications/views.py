"""Notification REST routes (spec 08 section 2.3), scoped to the caller's own records."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from apps.core.pagination import ListQuery, paginate, search_filter
from apps.core.serializers import InputSerializer, iso
from apps.core.views import ApiView, parse_id
from apps.notifications import services
from apps.notifications.models import Notification, NotificationPreference
from apps.notifications.types import NotificationType


def doc(status: int = 200, request=None, query=None, many: bool = False, tag: str = "notifications"):
    """OpenAPI of a notification operation (the shapes are spec 08 section 2.3's)."""
    body = OpenApiTypes.OBJECT if not many else {"type": "array", "items": {"type": "object"}}
    return extend_schema(
        tags=[tag], request=request, parameters=[query] if query else None, responses={status: body}
    )


def notification_json(row: Notification) -> dict:
    return {
        "_id": str(row.pk),
        "userId": str(row.user_id),
        "title": row.title,
        "content": row.content,
        "actionUrl": row.action_url,
        "readAt": iso(row.read_at),
        "deleted": row.deleted,
        "createdAt": iso(row.created_at),
        "updatedAt": iso(row.updated_at),
        "__v": row.version,
    }


def preference_json(row: NotificationPreference) -> dict:
    return {
        "_id": str(row.pk),
        "userId": str(row.user_id),
        "notificationType": row.notification_type,
        "inApp": row.in_app,
        "email": row.email,
        "sms": row.sms,
        "createdAt": iso(row.created_at),
        "updatedAt": iso(row.updated_at),
        "__v": row.version,
    }


class NotificationsView(ApiView):
    audit_controller = "NotificationsController"

    def mine(self):
        return Notification.objects.filter(user_id=self.request.user.pk)

    def get_own(self, raw_id) -> Notification:
        return self.load(self.mine(), raw_id, not_found="Notification not found")


class NotificationListView(NotificationsView):
    audit_handlers = {"GET": "getNotifications"}

    class NotificationListQuery(InputSerializer):
        limit = serializers.IntegerField(required=False, default=20, min_value=1, max_value=100)
        offset = serializers.IntegerField(required=False, default=0, min_value=0)
        unread_only = serializers.CharField(required=False)

    @doc(query=NotificationListQuery)
    def get(self, request):
        query = self.parse_query(self.NotificationListQuery).validated_data
        queryset = self.mine()
        if query.get("unread_only") == "true":
            queryset = queryset.filter(read_at__isnull=True)
        total = queryset.count()
        offset, limit = query["offset"], query["limit"]
        rows = list(queryset.order_by("-created_at", "-id")[offset : offset + limit])
        return Response(
            {
                "data": [notification_json(row) for row in rows],
                "total": total,
                "limit": limit,
                "offset": offset,
                "hasMore": offset + len(rows) < total,
            }
        )


class UnreadCountView(NotificationsView):
    audit_handlers = {"GET": "getUnreadCount"}

    @doc()
    def get(self, request):
        return Response({"count": self.mine().filter(read_at__isnull=True).count()})


class MarkReadView(NotificationsView):
    audit_handlers = {"PATCH": "markAsRead"}

    @doc()
    def patch(self, request, notification_id):
        notification = services.notification_mark_read(notification=self.get_own(notification_id))
        return Response(notification_json(notification))


class MarkAllReadView(NotificationsView):
    audit_handlers = {"PATCH": "markAllAsRead"}

    @doc()
    def patch(self, request):
        return Response({"modifiedCount": services.notification_mark_all_read(user_id=request.user.pk)})


class NotificationDetailView(NotificationsView):
    audit_handlers = {"DELETE": "deleteNotification"}

    @doc()
    def delete(self, request, notification_id):
        services.notification_delete(notification=self.get_own(notification_id))
        return Response({"message": "Notification deleted successfully"})


class TestNotificationView(NotificationsView):
    audit_handlers = {"POST": "createTestNotification"}

    class TestNotificationInput(InputSerializer):
        title = serializers.CharField(max_length=255)
        content = serializers.CharField()
        action_url = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=1000)

    @doc(201, request=TestNotificationInput)
    def post(self, request):
        data = self.parse_body(self.TestNotificationInput)
        notification = services.notification_create(
            user_id=request.user.pk,
            title=data["title"],
            content=data["content"],
            action_url=data.get("action_url") or None,
        )
        return Response(notification_json(notification), status=201)


class PreferenceItem(InputSerializer):
    notification_type = serializers.ChoiceField(choices=NotificationType.values)
    in_app = serializers.BooleanField(required=False)
    email = serializers.BooleanField(required=False)
    sms = serializers.BooleanField(required=False)


class PreferencesView(NotificationsView):
    audit_handlers = {"GET": "getPreferences", "PUT": "updatePreferences"}

    class PreferencesInput(InputSerializer):
        preferences = PreferenceItem(many=True, allow_empty=False)

    @doc(many=True)
    def get(self, request):
        rows = NotificationPreference.objects.filter(user_id=request.user.pk).order_by("created_at")
        return Response([preference_json(row) for row in rows])

    @doc(request=PreferencesInput)
    def put(self, request):
        data = self.parse_body(self.PreferencesInput)
        services.preferences_update(user_id=request.user.pk, preferences=data["preferences"])
        return Response({"message": "Preferences updated successfully"})


class PreferencesInitializeView(NotificationsView):
    audit_handlers = {"POST": "initializePreferences"}

    @doc(201)
    def post(self, request):
        services.preferences_initialize(user=request.user)
        return Response({"message": "Default preferences initialized successfully"}, status=201)


class AdminNotificationsView(ApiView):
    admin_only = True
    audit_controller = "AdminController"
    audit_handlers = {"GET": "getNotifications"}

    class AdminNotificationsQuery(ListQuery):
        landlord_id = serializers.CharField(required=False)

        def validate_landlord_id(self, value):
            return parse_id(value)

    @doc(query=AdminNotificationsQuery, tag="admin")
    def get(self, request):
        query = self.parse_query(self.AdminNotificationsQuery)
        data = query.validated_data
        queryset = Notification.objects.select_related("user")
        clause = search_filter(data.get("search"), "title", "content")
        if clause is not None:
            queryset = queryset.filter(clause)

        def serialize(rows):
            return [
                {
                    **notification_json(row),
                    "userName": f"{row.user.first_name} {row.user.last_name}".strip(),
                    "userEmail": row.user.email,
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
