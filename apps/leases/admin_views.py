"""Admin console routes for leases and transactions (spec 02 section 9): read-only, SuperAdmin."""

from __future__ import annotations

from django.db.models import Count, Sum
from rest_framework import serializers
from rest_framework.response import Response

from apps.core.console import AdminListQuery, AdminView, each
from apps.core.exceptions import NotFound
from apps.core.schema import doc
from apps.core.serializers import iso, named_ref
from apps.core.views import parse_id
from apps.leases.models import PaymentStatus, Transaction
from apps.leases.selectors import lease_get
from apps.leases.serializers import ADMIN_LEASE_STATUSES, lease_to_dict, transaction_to_dict


class AdminLeaseQuery(AdminListQuery):
    status = serializers.ChoiceField(choices=ADMIN_LEASE_STATUSES, required=False)
    sortable = {
        "createdAt": "created_at",
        "updatedAt": "updated_at",
        "startDate": "start_date",
        "endDate": "end_date",
    }


class AdminTransactionQuery(AdminListQuery):
    status = serializers.ChoiceField(choices=PaymentStatus.choices, required=False)
    type = serializers.CharField(required=False, max_length=40)
    sortable = {
        "createdAt": "created_at",
        "updatedAt": "updated_at",
        "dueDate": "due_date",
        "amount": "amount",
    }


class AdminLeasesView(AdminView):
    audit_handlers = {"GET": "getLeases"}

    @doc("admin", "All leases (SuperAdmin)", query=AdminLeaseQuery)
    def get(self, request):
        from apps.leases.models import Lease

        return self.list_page(
            AdminLeaseQuery,
            Lease.objects.select_related("landlord", "unit__property", "tenant"),
            narrow=("landlord_id", "status"),
            serialize=each(
                lease_to_dict,
                lambda row: {
                    "landlordName": row.landlord.name,
                    "unitNumber": row.unit.unit_number,
                    "tenantName": row.tenant.name,
                    "propertyName": row.unit.property.name,
                },
            ),
        )


class AdminLeaseDetailView(AdminView):
    audit_handlers = {"GET": "getLease"}

    @doc("admin", "One lease with its transaction figures (SuperAdmin)", path=("pk",))
    def get(self, request, pk):
        lease = lease_get(parse_id(pk), message="Lease not found")
        summary = [
            {"_id": row["status"], "count": row["count"], "total_amount": row["total"]}
            for row in Transaction.objects.filter(lease=lease)
            .values("status")
            .annotate(count=Count("id"), total=Sum("amount"))
            .order_by("status")
        ]
        data = lease_to_dict(
            lease,
            landlord=named_ref(lease.landlord, "name"),
            unit={
                "_id": str(lease.unit_id),
                "unit_number": lease.unit.unit_number,
                "type": lease.unit.type,
                "property": str(lease.unit.property_id),
            },
            tenant=named_ref(lease.tenant, "name"),
        )
        data["transaction_summary"] = summary
        return Response(data)


class AdminTransactionsView(AdminView):
    audit_handlers = {"GET": "getTransactions"}

    @doc("admin", "All transactions (SuperAdmin)", query=AdminTransactionQuery)
    def get(self, request):
        return self.list_page(
            AdminTransactionQuery,
            Transaction.objects.select_related("landlord", "unit", "property"),
            narrow=("landlord_id", "status", "type"),
            serialize=each(
                transaction_to_dict,
                lambda row: {
                    "landlordName": row.landlord.name,
                    "unitNumber": row.unit.unit_number if row.unit else None,
                    "propertyName": row.property.name if row.property else None,
                },
            ),
        )


class AdminTransactionDetailView(AdminView):
    audit_handlers = {"GET": "getTransaction"}

    @doc("admin", "One transaction (SuperAdmin)", path=("pk",))
    def get(self, request, pk):
        tx = (
            Transaction.objects.select_related("landlord", "lease", "unit", "property")
            .filter(pk=parse_id(pk))
            .first()
        )
        if tx is None:
            raise NotFound("Transaction not found")
        lease = tx.lease
        data = transaction_to_dict(
            tx,
            landlord=named_ref(tx.landlord, "name"),
            lease=None
            if lease is None
            else {
                "_id": str(lease.pk),
                "start_date": iso(lease.start_date),
                "end_date": iso(lease.end_date),
                "rent_amount": lease.rent_amount,
                "status": lease.status,
            },
            unit=named_ref(tx.unit, "unit_number", "type"),
            property=named_ref(tx.property, "name", "address"),
        )
        return Response(data)
