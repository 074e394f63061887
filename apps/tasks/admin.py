from django.contrib import admin

from apps.core.admin import UnscopedAdmin
from apps.tasks.models import Task


@admin.register(Task)
class TaskAdmin(UnscopedAdmin):
    list_display = ("title", "property", "status", "priority", "is_escalated", "created_by", "created_at")
    list_filter = ("status", "priority", "is_escalated")
    search_fields = ("title", "description", "property__name")
    list_select_related = ("property", "created_by")
    raw_id_fields = ("landlord", "property", "unit", "created_by", "assigned_party")
    ordering = ("-created_at",)
