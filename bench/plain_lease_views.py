"""Hand-written plain Django views doing the database work of the lease routes (bench only).

Baseline of ``bench/leases_load.py``: bearer token decoded and the user loaded, the same queries as
our views (count + page with ``select_related``; the rent roll's annotated aggregate; the payment
order check and the update of mark-as-paid), JSON built by hand. No DRF, no access rules, no audit
log, no camel-casing.
"""

from __future__ import annotations

import math

from django.db.models import Q
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from plain_views import _iso, _user

from apps.core.scope import SYSTEM, access_scope
from apps.leases.models import Lease, Transaction
from apps.leases.rent_roll import _summary, rent_roll_queryset


def _page(request):
    page = max(1, int(request.GET.get("page", 1)))
    limit = min(100, max(1, int(request.GET.get("limit", 10))))
    return page, limit


def _envelope(items, total, page, limit):
    pages = math.ceil(total / limit)
    return {
        "data": items,
        "total": total,
        "page": page,
        "limit": limit,
        "totalPages": pages,
        "hasNextPage": page < pages,
        "hasPrevPage": page > 1,
    }


def _money(value):
    return None if value is None else float(value)


def leases(request):
    user = _user(request)
    if user is None:
        return JsonResponse({"statusCode": 401}, status=401)
    page, limit = _page(request)
    with access_scope(SYSTEM):
        rows = Lease.objects.unscoped().filter(landlord_id=user.organization_id)
        total = rows.count()
        page_rows = rows.select_related("unit__property", "tenant").order_by("-created_at", "-id")[
            (page - 1) * limit : page * limit
        ]
        items = [
            {
                "_id": str(lease.pk),
                "landlord": str(lease.landlord_id),
                "startDate": _iso(lease.start_date),
                "endDate": _iso(lease.end_date),
                "rentAmount": _money(lease.rent_amount),
                "status": lease.status,
                "paymentCycle": lease.payment_cycle,
                "unit": {
                    "_id": str(lease.unit_id),
                    "unitNumber": lease.unit.unit_number,
                    "property": {"_id": str(lease.unit.property_id), "name": lease.unit.property.name},
                },
                "tenant": {"_id": str(lease.tenant_id), "name": lease.tenant.name},
                "createdAt": _iso(lease.created_at),
            }
            for lease in page_rows
        ]
    return JsonResponse(_envelope(items, total, page, limit))


def transactions(request):
    user = _user(request)
    if user is None:
        return JsonResponse({"statusCode": 401}, status=401)
    page, limit = _page(request)
    with access_scope(SYSTEM):
        rows = Transaction.objects.unscoped().filter(landlord_id=user.organization_id)
        total = rows.count()
        page_rows = rows.select_related("lease__unit__property", "lease__tenant", "rental_period").order_by(
            "-due_date", "-id"
        )[(page - 1) * limit : page * limit]
        items = [
            {
                "_id": str(tx.pk),
                "amount": _money(tx.amount),
                "dueDate": _iso(tx.due_date),
                "status": tx.status,
                "type": tx.type,
                "lease": {
                    "_id": str(tx.lease_id),
                    "unit": {"_id": str(tx.lease.unit_id), "unitNumber": tx.lease.unit.unit_number},
                    "tenant": {"name": tx.lease.tenant.name},
                },
                "rentalPeriod": {
                    "_id": str(tx.rental_period_id),
                    "rentAmount": _money(tx.rental_period.rent_amount),
                },
            }
            for tx in page_rows
        ]
    return JsonResponse(_envelope(items, total, page, limit))


def rent_roll(request):
    user = _user(request)
    if user is None:
        return JsonResponse({"statusCode": 401}, status=401)
    page, limit = _page(request)
    now = timezone.now()
    from apps.core.scope import Principal

    with access_scope(Principal.for_user(user)):
        summary = _summary(property_id=None, now=now)
        rows = rent_roll_queryset(now=now).filter(status="ACTIVE").order_by("unit__property__name", "pk")
        total = rows.count()
        items = [
            {
                "leaseId": str(row["pk"]),
                "propertyName": row["unit__property__name"],
                "unitNumber": row["unit__unit_number"],
                "tenantName": row["tenant__name"],
                "monthlyRent": _money(row["monthly_rent"]),
                "amountCollected": _money(row["collected"]),
                "outstandingBalance": _money(row["outstanding"]),
                "dueDate": _iso(row["next_due"]),
                "lastPaymentDate": _iso(row["last_payment"]),
            }
            for row in rows[(page - 1) * limit : page * limit]
        ]
    return JsonResponse(
        {
            "summary": {k: _money(v) if not isinstance(v, int) else v for k, v in summary.items()},
            "rentRoll": items,
            "total": total,
        }
    )


@csrf_exempt
def mark_as_paid(request, pk):
    user = _user(request)
    if user is None:
        return JsonResponse({"statusCode": 401}, status=401)
    with access_scope(SYSTEM):
        tx = Transaction.objects.unscoped().filter(pk=pk, landlord_id=user.organization_id).first()
        if tx is None:
            return JsonResponse({"statusCode": 404}, status=404)
        pending = (
            Transaction.objects.unscoped().filter(lease_id=tx.lease_id, status="PENDING").exclude(pk=tx.pk)
        )
        if pending.filter(Q(type="DEPOSIT") | Q(due_date__lt=tx.due_date)).exists():
            return JsonResponse({"statusCode": 400}, status=400)
        now = timezone.now()
        Transaction.objects.unscoped().filter(pk=tx.pk).update(
            status="PAID", paid_at=now, payment_method="CASH", updated_at=now
        )
        tx = Transaction.objects.unscoped().select_related("lease", "rental_period").get(pk=tx.pk)
    return JsonResponse(
        {
            "_id": str(tx.pk),
            "status": tx.status,
            "paidAt": _iso(tx.paid_at),
            "amount": _money(tx.amount),
            "lease": {"_id": str(tx.lease_id)},
        },
        status=201,
    )
