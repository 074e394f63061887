"""Django admin for staff: audit log (read-only) and background jobs."""

from django.contrib import admin

from apps.core.models import AuditLog, OutboxJob


class UnscopedAdmin(admin.ModelAdmin):
    """Base admin of scoped models: staff see every organization (explicit escape hatch)."""

    def get_queryset(self, request):
        manager = self.model._default_manager
        queryset = manager.unscoped() if hasattr(manager, "unscoped") else manager.all()
        ordering = self.get_ordering(request)
        return queryset.order_by(*ordering) if ordering else queryset


class ReadOnlyAdmin(UnscopedAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditLog)
class AuditLogAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "user_id", "action", "status_code")
    list_filter = ("action",)
    search_fields = ("user_id", "action")
    date_hierarchy = "created_at"
    ordering = ("-created_at",)

    @admin.display(description="status")
    def status_code(self, obj):
        return (obj.details or {}).get("request", {}).get("statusCode")


@admin.register(OutboxJob)
class OutboxJobAdmin(UnscopedAdmin):
    list_display = ("created_at", "queue", "task", "status", "attempts", "run_after")
    list_filter = ("status", "queue")
    search_fields = ("task",)
    readonly_fields = [f.name for f in OutboxJob._meta.fields]
    actions = ("retry_jobs",)

    def has_add_permission(self, request):
        return False

    @admin.action(description="Retry the selected jobs")
    def retry_jobs(self, request, queryset):
        from apps.core.jobs import dispatch

        ids = [str(pk) for pk in queryset.values_list("pk", flat=True)]
        OutboxJob.objects.filter(pk__in=ids).update(status=OutboxJob.Status.PENDING, attempts=0)
        for job_id in ids:
            dispatch(job_id)
        self.message_user(request, f"{len(ids)} job(s) dispatched again.")
