from django.urls import path

from apps.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications", views.NotificationListView.as_view(), name="list"),
    path("notifications/unread-count", views.UnreadCountView.as_view(), name="unread-count"),
    path("notifications/read-all", views.MarkAllReadView.as_view(), name="read-all"),
    path("notifications/test", views.TestNotificationView.as_view(), name="test"),
    path("notifications/preferences", views.PreferencesView.as_view(), name="preferences"),
    path(
        "notifications/preferences/initialize",
        views.PreferencesInitializeView.as_view(),
        name="preferences-initialize",
    ),
    path("notifications/<str:notification_id>/read", views.MarkReadView.as_view(), name="read"),
    path("notifications/<str:notification_id>", views.NotificationDetailView.as_view(), name="detail"),
    path("admin/notifications", views.AdminNotificationsView.as_view(), name="admin-list"),
]
