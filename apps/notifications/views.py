"""Notification REST routes (spec 08 section 2.3), scoped to the caller's own records."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.response import Response

from apps.core.console import AdminListQuery, AdminView, each
from apps.core.pagination import MAX_LIMIT, MAX_PAGE
from apps.core.serializers import InputSerializer, iso
from apps.core.views import ApiView
from apps.notifications import services
from apps.notifications.content import display_name
from apps.notifications.models import Notification, NotificationPreference
from apps.notifications.schema import (
    ADMIN_NOTIFICATION_PAGE,
    MESSAGE,
    MODIFIED_COUNT,
    NOTIFICATION,
    NOTIFICATION_PAGE,
    PREFERENCES,
    UNREAD_COUNT,
    doc,
)
from apps.notifications.types import NotificationType


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
        offset = serializers.IntegerField(
            required=False, default=0, min_value=0, max_value=MAX_PAGE * MAX_LIMIT
        )
        unread_only = serializers.CharField(required=False)

    @doc(
        "notifications",
        "The caller's notifications, newest first",
        response=NOTIFICATION_PAGE,
        query=NotificationListQuery,
    )
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

    @doc("notifications", "Number of the caller's unread notifications", response=UNREAD_COUNT)
    def get(self, request):
        return Response({"count": self.mine().filter(read_at__isnull=True).count()})


class MarkReadView(NotificationsView):
    audit_handlers = {"PATCH": "markAsRead"}

    @doc(
        "notifications",
        "Mark one of the caller's notifications read",
        response=NOTIFICATION,
        path=("notification_id",),
    )
    def patch(self, request, notification_id):
        notification = services.notification_mark_read(notification=self.get_own(notification_id))
        return Response(notification_json(notification))


class MarkAllReadView(NotificationsView):
    audit_handlers = {"PATCH": "markAllAsRead"}

    @doc("notifications", "Mark all the caller's notifications read", response=MODIFIED_COUNT)
    def patch(self, request):
        return Response({"modifiedCount": services.notification_mark_all_read(user_id=request.user.pk)})


class NotificationDetailView(NotificationsView):
    audit_handlers = {"DELETE": "deleteNotification"}

    @doc(
        "notifications",
        "Delete one of the caller's notifications",
        response=MESSAGE,
        path=("notification_id",),
    )
    def delete(self, request, notification_id):
        services.notification_delete(notification=self.get_own(notification_id))
        return Response({"message": "Notification deleted successfully"})


class TestNotificationView(NotificationsView):
    audit_handlers = {"POST": "createTestNotification"}

    class TestNotificationInput(InputSerializer):
        title = serializers.CharField(max_length=255)
        content = serializers.CharField()
        action_url = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=1000)

    @doc(
        "notifications",
        "Create a test notification for the caller",
        response=NOTIFICATION,
        status=201,
        request=TestNotificationInput,
    )
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

    @doc("notifications", "The caller's stored notification preferences", response=PREFERENCES)
    def get(self, request):
        rows = NotificationPreference.objects.filter(user_id=request.user.pk).order_by("created_at")
        return Response([preference_json(row) for row in rows])

    @doc("notifications", "Set channels per notification type", response=MESSAGE, request=PreferencesInput)
    def put(self, request):
        data = self.parse_body(self.PreferencesInput)
        services.preferences_update(user_id=request.user.pk, preferences=data["preferences"])
        return Response({"message": "Preferences updated successfully"})


class PreferencesInitializeView(NotificationsView):
    audit_handlers = {"POST": "initializePreferences"}

    @doc(
        "notifications",
        "Store the default preferences of the caller's user type",
        response=MESSAGE,
        status=201,
    )
    def post(self, request):
        services.preferences_initialize(user=request.user)
        return Response({"message": "Default preferences initialized successfully"}, status=201)


class AdminNotificationsView(AdminView):
    audit_handlers = {"GET": "getNotifications"}

    @doc("admin", "All notifications (SuperAdmin)", response=ADMIN_NOTIFICATION_PAGE, query=AdminListQuery)
    def get(self, request):
        # ``landlordId`` is validated and ignored: notifications carry no landlord.
        return self.list_page(
            AdminListQuery,
            Notification.objects.select_related("user"),
            search=("title", "content"),
            narrow=(),
            serialize=each(
                notification_json,
                lambda row: {"userName": display_name(row.user), "userEmail": row.user.email},
            ),
        )
