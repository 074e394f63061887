from django.urls import path

from apps.tasks import admin_views, views

app_name = "tasks"

urlpatterns = [
    path("tasks", views.TaskListView.as_view(), name="list"),
    path("tasks/<str:pk>/escalate", views.TaskEscalateView.as_view(), name="escalate"),
    path("tasks/<str:pk>/complete", views.TaskCompleteView.as_view(), name="complete"),
    path("tasks/<str:pk>/cancel", views.TaskCancelView.as_view(), name="cancel"),
    path("tasks/<str:pk>", views.TaskDetailView.as_view(), name="detail"),
    path("admin/tasks", admin_views.AdminTasksView.as_view(), name="admin-tasks"),
    path("admin/tasks/<str:pk>", admin_views.AdminTaskDetailView.as_view(), name="admin-task-detail"),
]
