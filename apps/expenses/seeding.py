"""Development data: a mix of expenses for "Myte Estates" (categories, property- and unit-level,
draft and confirmed, spread over the last months)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from apps.accounts.models import Landlord
from apps.expenses.models import Expense, ExpenseCategory, ExpenseStatus
from apps.properties.models import Unit

ORDER = 40

PLAN = (
    (ExpenseCategory.MAINTENANCE, "320.00", "Boiler service", True, ExpenseStatus.CONFIRMED, 5),
    (ExpenseCategory.UTILITIES, "145.60", "Common-area electricity", False, ExpenseStatus.CONFIRMED, 20),
    (ExpenseCategory.LANDSCAPING, "90.00", "Lawn care", False, ExpenseStatus.DRAFT, 12),
    (ExpenseCategory.INSURANCE, "1250.00", "Building insurance premium", False, ExpenseStatus.CONFIRMED, 60),
    (ExpenseCategory.SUPPLIES, "48.25", "Light bulbs and filters", True, ExpenseStatus.DRAFT, 2),
    (ExpenseCategory.TAXES, "2100.00", "Property tax instalment", False, ExpenseStatus.DRAFT, 35),
)


def wipe() -> None:
    Expense.objects.unscoped().all().delete()


def seed(*, progress) -> dict[str, int]:
    landlord = Landlord.objects.filter(name="Myte Estates").order_by("created_at").first()
    if landlord is None:
        return {"expenses": 0}
    units = list(
        Unit.objects.unscoped().filter(landlord=landlord).select_related("property").order_by("unit_number")
    )
    if not units:
        return {"expenses": 0}
    now = timezone.now()
    made = 0
    for index, (category, amount, description, on_unit, status, days_ago) in enumerate(
        progress(PLAN, "expenses")
    ):
        unit = units[index % len(units)]
        Expense.objects.unscoped().create(
            landlord=landlord,
            property=unit.property,
            unit=unit if on_unit else None,
            category=category,
            amount=Decimal(amount),
            description=description,
            status=status,
            date=now - timedelta(days=days_ago),
        )
        made += 1
    return {"expenses": made}
