"""Expenses a landlord records (spec 05 section 2.5): hard-deleted, receipts in the media app."""

from __future__ import annotations

import builtins

from django.db import models
from django.utils import timezone

from apps.accounts.models import Landlord
from apps.core.models import ScopedManager, ScopedModel
from apps.properties.models import Property, Unit


class ExpenseCategory(models.TextChoices):
    MAINTENANCE = "Maintenance & Repairs"
    UTILITIES = "Utilities & Energy"
    MANAGEMENT = "Property Management & Admin Fees"
    SUPPLIES = "Supplies & Consumables"
    LANDSCAPING = "Landscaping & Outdoor Maintenance"
    CONTRACTORS = "Contractor Services (External Work Orders)"
    INSURANCE = "Insurance & Compliance"
    STAFF = "Staff & Labor"
    TAXES = "Taxes & Permits"
    CAPITAL = "Capital Expenditures"
    PROFESSIONAL = "Professional Services"


class ExpenseStatus(models.TextChoices):
    DRAFT = "Draft"
    CONFIRMED = "Confirmed"


class ExpenseSource(models.TextChoices):
    MAINTENANCE = "Maintenance"
    MANUAL = "Manual"


class ExpenseScope(models.TextChoices):
    UNIT = "Unit"
    PROPERTY = "Property"


class Expense(ScopedModel):
    """``scope_of_work_id`` and ``ticket_id`` reference maintenance records by id: the maintenance
    app sits on a lower floor but arrives later; the lead may turn them into foreign keys."""

    access_subject = "Expense"

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="expenses")
    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="expenses")
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="expenses")
    scope_of_work_id = models.UUIDField(null=True, blank=True)
    ticket_id = models.UUIDField(null=True, blank=True)
    category = models.CharField(max_length=64, choices=ExpenseCategory.choices)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    description = models.CharField(max_length=2000, null=True, blank=True)
    date = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=ExpenseStatus.choices, default=ExpenseStatus.DRAFT)

    objects = ScopedManager()

    class Meta:
        db_table = "expenses"
        indexes = [models.Index(fields=["landlord", "category", "-date"], name="expense_landlord_cat_date")]

    def __str__(self) -> str:
        return f"{self.category} {self.amount}"

    @builtins.property
    def source(self) -> str:
        return (
            ExpenseSource.MAINTENANCE if (self.scope_of_work_id or self.ticket_id) else ExpenseSource.MANUAL
        )

    @builtins.property
    def scope(self) -> str:
        return ExpenseScope.UNIT if self.unit_id else ExpenseScope.PROPERTY
