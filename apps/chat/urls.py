from django.urls import path

from apps.chat import views
from apps.chat.admin_views import AdminThreadDetailView, AdminThreadsView

app_name = "chat"

urlpatterns = [
    path("chat/sessions", views.SessionsView.as_view(), name="sessions"),
    path("chat/sessions/<str:thread_id>/messages", views.MessagesView.as_view(), name="messages"),
    path("chat/sessions/<str:thread_id>/read", views.ReadView.as_view(), name="read"),
    path(
        "chat/sessions/<str:thread_id>/messages/<str:message_id>",
        views.MessageDetailView.as_view(),
        name="message-detail",
    ),
    path("chat/sessions/<str:thread_id>/mute", views.MuteView.as_view(), name="mute"),
    path("chat/sessions/<str:thread_id>/history", views.HistoryView.as_view(), name="history"),
    path("chat/groups", views.GroupsView.as_view(), name="groups"),
    path("chat/groups/<str:thread_id>/members", views.GroupMembersView.as_view(), name="group-members"),
    path(
        "chat/groups/<str:thread_id>/members/<str:user_id>",
        views.GroupMemberView.as_view(),
        name="group-member",
    ),
    path("chat/groups/<str:thread_id>/leave", views.GroupLeaveView.as_view(), name="group-leave"),
    path("chat/groups/<str:thread_id>/name", views.GroupNameView.as_view(), name="group-name"),
    path("chat/groups/<str:thread_id>/avatar", views.GroupAvatarView.as_view(), name="group-avatar"),
    path("chat/groups/<str:thread_id>/ownership", views.GroupOwnershipView.as_view(), name="group-ownership"),
    path("chat/block/<str:user_id>", views.BlockView.as_view(), name="block"),
    path("chat/blocked-users", views.BlockedUsersView.as_view(), name="blocked-users"),
    path("admin/threads", AdminThreadsView.as_view(), name="admin-threads"),
    path("admin/threads/<str:thread_id>", AdminThreadDetailView.as_view(), name="admin-thread-detail"),
]
