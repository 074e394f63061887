"""Task routes (spec 07 section 8). Views parse, call a service or selector, present."""

from __future__ import annotations

from rest_framework.response import Response

from apps.core.schema import doc
from apps.core.views import ApiView
from apps.tasks import selectors, services
from apps.tasks.models import TaskStatus
from apps.tasks.serializers import TaskCreateInput, TaskListQuery, TaskUpdateInput, task_to_dict

AUDIT = "TasksController"


class TaskListView(ApiView):
    policies = {"GET": [("read", "Task")], "POST": [("create", "Task")]}
    audit_controller = AUDIT

    @doc("tasks", "List my tasks", query=TaskListQuery)
    def get(self, request):
        query = self.parse_query(TaskListQuery)
        queryset = selectors.task_list_queryset(principal=self.principal, query=query.validated_data)
        return Response(
            query.page_of(queryset, serialize=lambda rows: [task_to_dict(t, populated=True) for t in rows])
        )

    @doc("tasks", "Create a task", request=TaskCreateInput, status=201)
    def post(self, request):
        data = self.parse_body(TaskCreateInput)
        task = services.task_create(principal=self.principal, data=data)
        return Response(task_to_dict(task), status=201)


class TaskDetailView(ApiView):
    policies = {"GET": [("read", "Task")], "PATCH": [("update", "Task")], "DELETE": [("delete", "Task")]}
    audit_controller = AUDIT
    audit_handlers = {"GET": "findOne"}

    @doc("tasks", "Get one of my tasks", path=("pk",))
    def get(self, request, pk):
        task = selectors.task_get(principal=self.principal, raw_id=pk, populated=True)
        people = selectors.status_log_people([task])
        return Response(task_to_dict(task, populated=True, people=people))

    @doc("tasks", "Update one of my tasks", request=TaskUpdateInput, path=("pk",))
    def patch(self, request, pk):
        task = selectors.task_get(principal=self.principal, raw_id=pk)
        data = self.parse_body(TaskUpdateInput, partial=True)
        task = services.task_update(principal=self.principal, task=task, data=data)
        return Response(task_to_dict(task))

    @doc("tasks", "Delete one of my tasks", path=("pk",))
    def delete(self, request, pk):
        task = selectors.task_get(principal=self.principal, raw_id=pk)
        services.task_delete(principal=self.principal, task=task)
        return Response({"message": "Task deleted successfully"})


class TaskEscalateView(ApiView):
    policies = {"POST": [("update", "Task")]}
    audit_controller = AUDIT
    audit_handlers = {"POST": "toggleEscalation"}

    @doc("tasks", "Toggle the escalation of one of my tasks", path=("pk",), status=201)
    def post(self, request, pk):
        task = selectors.task_get(principal=self.principal, raw_id=pk)
        task = services.task_toggle_escalation(principal=self.principal, task=task)
        return Response(task_to_dict(task), status=201)


class TaskStatusActionView(ApiView):
    policies = {"POST": [("update", "Task")]}
    audit_controller = AUDIT
    target_status: str = ""

    @doc("tasks", "Set the status of one of my tasks", path=("pk",), status=201)
    def post(self, request, pk):
        task = selectors.task_get(principal=self.principal, raw_id=pk)
        task = services.task_set_status(principal=self.principal, task=task, status=self.target_status)
        return Response(task_to_dict(task), status=201)


class TaskCompleteView(TaskStatusActionView):
    target_status = TaskStatus.COMPLETED
    audit_handlers = {"POST": "complete"}


class TaskCancelView(TaskStatusActionView):
    target_status = TaskStatus.CANCELED
    audit_handlers = {"POST": "cancel"}
