from django.contrib import admin

from apps.core.admin import UnscopedAdmin
from apps.schedules.models import Schedule


@admin.register(Schedule)
class ScheduleAdmin(UnscopedAdmin):
    list_display = ("type", "property", "unit", "scheduled_date", "recurrence_frequency", "next_occurrence")
    list_filter = ("type", "recurrence_frequency")
    search_fields = ("description", "property__name")
    list_select_related = ("property", "unit")
    raw_id_fields = ("landlord", "property", "unit", "created_by")
    ordering = ("scheduled_date",)
