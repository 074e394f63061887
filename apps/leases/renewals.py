"""Automatic renewal of leases with ``autoRenewal`` (spec 05 section 7.2), run by ``manage.py lease_renewal``.

Decisions (spec 05 open question 9; docs/compatibility/leases.md): the preview and the live run
compute the same new rent and the same new end, and automatic renewal follows the manual rules:
the new term starts the day after the current period ends and covers whole payment cycles
(``termMonths`` rounded up to whole cycles, ending the day before the next cycle would start).
The rent increase is the lease's own, else the configured default percentage, capped at the
configured maximum.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from apps.core.db import atomic
from apps.core.exceptions import ApplicationError
from apps.core.serializers import iso
from apps.leases import cycles, services
from apps.leases.models import Lease, LeaseStatus, RentalPeriod, RentalPeriodStatus, RentIncreaseType


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass
class RenewalConfig:
    window_days: int = field(default_factory=lambda: _env_int("RENEWAL_WINDOW_DAYS", 30))
    term_months: int = field(default_factory=lambda: _env_int("DEFAULT_RENEWAL_TERM_MONTHS", 12))
    default_increase: Decimal = field(
        default_factory=lambda: Decimal(os.environ.get("DEFAULT_RENT_INCREASE_PERCENTAGE", "0") or "0")
    )
    max_increase: Decimal = field(
        default_factory=lambda: Decimal(os.environ.get("MAX_RENT_INCREASE_PERCENTAGE", "20") or "20")
    )
    dry_run: bool = field(default_factory=lambda: os.environ.get("RENEWAL_DRY_RUN", "true") != "false")
    batch_size: int = field(default_factory=lambda: _env_int("RENEWAL_BATCH_SIZE", 50))


def eligible_leases(config: RenewalConfig) -> list[Lease]:
    today = cycles.midnight(timezone.now())
    future = RentalPeriod.objects.unscoped().filter(
        status__in=(RentalPeriodStatus.ACTIVE, RentalPeriodStatus.PENDING), start_date__gt=today
    )
    active = RentalPeriod.objects.unscoped().filter(status=RentalPeriodStatus.ACTIVE)
    return list(
        Lease.objects.unscoped()
        .filter(
            status=LeaseStatus.ACTIVE,
            auto_renewal=True,
            end_date__lte=today + timedelta(days=config.window_days),
            pk__in=active.values("lease_id"),
        )
        .exclude(pk__in=future.values("lease_id"))
        .select_related("unit__property")
        .order_by("end_date", "id")
    )


def renewal_terms(lease: Lease, config: RenewalConfig) -> tuple[Any, Any, Decimal, tuple]:
    """``(new start, new end, new rent, (increase type, amount))`` for one lease."""
    start = cycles.midnight(lease.end_date) + timedelta(days=1)
    term_end = start + relativedelta(months=config.term_months) - timedelta(days=1)
    end = cycles.complete_cycle(start, term_end, lease.payment_cycle)
    increase: tuple = (lease.rent_increase_type, lease.rent_increase_amount)
    if not lease.rent_increase_type and 0 < config.default_increase <= config.max_increase:
        increase = (RentIncreaseType.PERCENTAGE, config.default_increase)
    rent = cycles.increased_rent(lease.rent_amount, *increase)
    ceiling = cycles.increased_rent(lease.rent_amount, RentIncreaseType.PERCENTAGE, config.max_increase)
    return start, end, min(rent, ceiling), increase


def process(config: RenewalConfig) -> dict[str, Any]:
    result: dict[str, Any] = {"processed": 0, "successful": 0, "failed": 0, "errors": [], "details": []}
    leases = eligible_leases(config)
    result["processed"] = len(leases)
    for offset in range(0, len(leases), max(1, config.batch_size)):
        for lease in leases[offset : offset + config.batch_size]:
            start, end, rent, _increase = renewal_terms(lease, config)
            detail = {
                "leaseId": str(lease.pk),
                "oldEndDate": iso(lease.end_date),
                "newEndDate": iso(end),
                "oldRent": lease.rent_amount,
                "newRent": rent,
            }
            if config.dry_run:
                result["details"].append({**detail, "action": "skipped", "reason": "Dry run mode"})
                continue
            try:
                with atomic():
                    period = services.renewal_apply(lease=lease, new_start=start, new_end=end, new_rent=rent)
            except ApplicationError as exc:
                if "An active rental period already exists" in str(exc):
                    result["details"].append(
                        {**detail, "action": "skipped", "reason": "Already has active rental period"}
                    )
                    continue
                result["failed"] += 1
                result["errors"].append({"leaseId": str(lease.pk), "error": str(exc)})
                result["details"].append({**detail, "action": "error", "reason": str(exc)})
                continue
            result["successful"] += 1
            result["details"].append(
                {
                    **detail,
                    "newEndDate": iso(period.end_date),
                    "newRent": period.rent_amount,
                    "action": "renewed",
                }
            )
    return result
