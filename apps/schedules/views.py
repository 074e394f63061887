"""Schedule routes (spec 07 section 9). Views parse, call a service or selector, present."""

from __future__ import annotations

from rest_framework.response import Response

from apps.core.schema import doc
from apps.core.views import ApiView
from apps.schedules import selectors, services
from apps.schedules.models import Schedule
from apps.schedules.serializers import (
    ScheduleCreateInput,
    ScheduleListQuery,
    ScheduleUpdateInput,
    schedule_to_dict,
)

AUDIT = "SchedulesController"
RELATED = ("property", "unit", "created_by")


def _present(schedule: Schedule) -> dict:
    """A freshly written schedule with its related rows loaded for presentation."""
    fresh = Schedule.objects.unscoped().select_related(*RELATED).get(pk=schedule.pk)
    return {"success": True, "data": schedule_to_dict(fresh)}


class ScheduleListView(ApiView):
    policies = {"GET": [("read", "Schedule")], "POST": [("create", "Schedule")]}
    audit_controller = AUDIT

    @doc("schedules", "List collection schedules", query=ScheduleListQuery)
    def get(self, request):
        query = self.parse_query(ScheduleListQuery)
        queryset = selectors.schedule_list_queryset(principal=self.principal, query=query.validated_data)
        page = query.page_of(queryset, serialize=lambda rows: [schedule_to_dict(row) for row in rows])
        return Response(
            {
                "success": True,
                **{key: page[key] for key in ("data", "total", "page", "limit", "total_pages")},
            }
        )

    @doc(
        "schedules", "Create a collection schedule (landlord users)", request=ScheduleCreateInput, status=201
    )
    def post(self, request):
        data = self.parse_body(ScheduleCreateInput)
        schedule = services.schedule_create(principal=self.principal, data=data)
        return Response(_present(schedule), status=201)


class ScheduleDetailView(ApiView):
    policies = {
        "GET": [("read", "Schedule")],
        "PATCH": [("update", "Schedule")],
        "DELETE": [("delete", "Schedule")],
    }
    audit_controller = AUDIT
    audit_handlers = {"GET": "findOne"}

    @doc("schedules", "Get a collection schedule", path=("pk",))
    def get(self, request, pk):
        schedule = selectors.schedule_get(principal=self.principal, raw_id=pk)
        return Response({"success": True, "data": schedule_to_dict(schedule)})

    @doc("schedules", "Update a collection schedule", request=ScheduleUpdateInput, path=("pk",))
    def patch(self, request, pk):
        schedule = selectors.schedule_get(principal=self.principal, raw_id=pk)
        data = self.parse_body(ScheduleUpdateInput, partial=True)
        schedule = services.schedule_update(principal=self.principal, schedule=schedule, data=data)
        return Response(_present(schedule))

    @doc("schedules", "Delete a collection schedule", path=("pk",))
    def delete(self, request, pk):
        schedule = selectors.schedule_get(principal=self.principal, raw_id=pk)
        services.schedule_delete(principal=self.principal, schedule=schedule)
        return Response({"success": True, "message": "Schedule deleted successfully"})
