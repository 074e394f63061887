"""Django admin of leases, rental periods, transactions and signature tokens: read-mostly.

Staff see every landlord's records (the admin's explicit escape hatch) and search them by landlord,
tenant, property or unit; nothing can be added, changed or deleted here: money moves through the
API's services, which keep schedules, audit and notices consistent.
"""

from django.contrib import admin

from apps.core.admin import ReadOnlyAdmin
from apps.leases.models import Lease, LeaseSignatureToken, RentalPeriod, Transaction


@admin.register(Lease)
class LeaseAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "landlord",
        "tenant",
        "unit",
        "status",
        "start_date",
        "end_date",
        "rent_amount",
        "deleted",
    )
    list_filter = ("status", "payment_cycle", "auto_renewal", "deleted")
    search_fields = ("landlord__name", "tenant__name", "unit__unit_number", "unit__property__name")
    list_select_related = ("landlord", "tenant", "unit")
    ordering = ("-created_at",)
    date_hierarchy = "start_date"


@admin.register(RentalPeriod)
class RentalPeriodAdmin(ReadOnlyAdmin):
    list_display = ("id", "lease", "status", "start_date", "end_date", "rent_amount")
    list_filter = ("status",)
    search_fields = ("landlord__name", "lease__tenant__name", "lease__unit__unit_number")
    list_select_related = ("lease",)
    ordering = ("-created_at",)


@admin.register(Transaction)
class TransactionAdmin(ReadOnlyAdmin):
    list_display = ("id", "landlord", "type", "status", "amount", "due_date", "paid_at", "payment_method")
    list_filter = ("status", "type", "payment_method", "deleted")
    search_fields = ("landlord__name", "lease__tenant__name", "unit__unit_number", "notes")
    list_select_related = ("landlord",)
    ordering = ("-due_date",)
    date_hierarchy = "due_date"


@admin.register(LeaseSignatureToken)
class LeaseSignatureTokenAdmin(ReadOnlyAdmin):
    list_display = ("id", "lease", "status", "expires_at", "used_at")
    list_filter = ("status",)
    search_fields = ("landlord__name", "tenant__name")
    exclude = ("token_hash",)
    ordering = ("-created_at",)
