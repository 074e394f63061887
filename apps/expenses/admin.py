"""Django admin of expenses: read-only (writes go through the API's services)."""

from django.contrib import admin

from apps.core.admin import ReadOnlyAdmin
from apps.expenses.models import Expense


@admin.register(Expense)
class ExpenseAdmin(ReadOnlyAdmin):
    list_display = ("id", "landlord", "property", "category", "amount", "status", "date")
    list_filter = ("category", "status")
    search_fields = ("landlord__name", "property__name", "description")
    list_select_related = ("landlord", "property")
    ordering = ("-date",)
