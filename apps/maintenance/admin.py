"""Django admin for maintenance records: staff see every landlord's (unscoped querysets)."""

from django.contrib import admin

from apps.maintenance.models import Invoice, MaintenanceTicket, ScopeOfWork, TicketComment, VisitRequest


class UnscopedAdmin(admin.ModelAdmin):
    def get_queryset(self, request):
        return self.model.objects.unscoped()


@admin.register(MaintenanceTicket)
class TicketAdmin(UnscopedAdmin):
    list_display = (
        "ticket_number",
        "title",
        "status",
        "priority",
        "category",
        "landlord",
        "property",
        "created_at",
    )
    list_filter = ("status", "priority", "category", "source")
    search_fields = ("ticket_number", "title", "description")
    raw_id_fields = (
        "property",
        "unit",
        "assigned_contractor",
        "requested_by",
        "assigned_by",
        "assigned_user",
        "scope_of_work",
    )
    list_select_related = ("landlord", "property")


@admin.register(TicketComment)
class CommentAdmin(UnscopedAdmin):
    list_display = ("ticket", "author", "created_at")
    search_fields = ("content", "ticket__ticket_number")
    raw_id_fields = ("ticket", "author")
    list_select_related = ("ticket", "author")


@admin.register(ScopeOfWork)
class SowAdmin(UnscopedAdmin):
    list_display = ("sow_number", "title", "status", "landlord", "parent_sow", "created_at")
    list_filter = ("status",)
    search_fields = ("sow_number", "title", "description")
    raw_id_fields = ("property", "unit", "assigned_contractor", "assigned_user", "parent_sow")
    list_select_related = ("landlord", "parent_sow")


@admin.register(Invoice)
class InvoiceAdmin(UnscopedAdmin):
    list_display = (
        "id",
        "amount",
        "currency",
        "status",
        "issuer",
        "linked_entity_type",
        "landlord",
        "created_at",
    )
    list_filter = ("status", "issuer", "linked_entity_type", "currency")
    search_fields = ("description", "ticket__ticket_number", "scope_of_work__sow_number")
    raw_id_fields = ("ticket", "scope_of_work", "created_by")
    list_select_related = ("landlord",)


@admin.register(VisitRequest)
class VisitAdmin(UnscopedAdmin):
    list_display = (
        "id",
        "status",
        "source_type",
        "starts_at",
        "start_time",
        "end_time",
        "landlord",
        "contractor",
    )
    list_filter = ("status", "source_type", "target_type")
    search_fields = ("full_name", "email", "ticket__ticket_number", "message")
    raw_id_fields = (
        "contractor",
        "requested_by",
        "ticket",
        "scope_of_work",
        "property",
        "unit",
        "tenant",
        "availability_slot",
        "previous_suggestion",
        "next_suggestion",
        "original_request",
        "suggested_by",
        "responded_by",
    )
    list_select_related = ("landlord", "contractor")
