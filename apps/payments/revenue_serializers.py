"""Query and bodies of the revenue routes (spec 05 section 5.8)."""

from __future__ import annotations

from rest_framework import serializers

from apps.core.pagination import ListQuery
from apps.core.serializers import IdField, InputSerializer
from apps.leases.models import PaymentMethod, PaymentStatus, PaymentType
from apps.leases.serializers import amount_field


class RevenueListQuery(ListQuery):
    sortable = {
        "createdAt": "created_at",
        "updatedAt": "updated_at",
        "dueDate": "due_date",
        "paidAt": "paid_at",
        "amount": "amount",
        "status": "status",
        "type": "type",
    }
    status = serializers.ChoiceField(choices=PaymentStatus.choices, required=False)
    type = serializers.ChoiceField(choices=PaymentType.choices, required=False)
    property_id = IdField(required=False)
    unit_id = IdField(required=False)
    tenant_id = IdField(required=False)
    lease_id = IdField(required=False)
    payment_method = serializers.ChoiceField(choices=PaymentMethod.choices, required=False)
    start_date = serializers.DateTimeField(required=False)
    end_date = serializers.DateTimeField(required=False)


class RevenueCreateInput(InputSerializer):
    lease = IdField(required=False, allow_null=True)
    property = IdField(required=False, allow_null=True)
    unit = IdField(required=False, allow_null=True)
    rental_period = IdField(required=False, allow_null=True)
    amount = amount_field(min_value=0)
    due_date = serializers.DateTimeField()
    paid_at = serializers.DateTimeField(required=False, allow_null=True)
    type = serializers.ChoiceField(choices=PaymentType.choices)
    status = serializers.ChoiceField(choices=PaymentStatus.choices, required=False)
    payment_method = serializers.ChoiceField(choices=PaymentMethod.choices, required=False, allow_null=True)
    notes = serializers.CharField(max_length=500, required=False, allow_blank=True, allow_null=True)


class RevenueUpdateInput(RevenueCreateInput):
    amount = amount_field(min_value=0, required=False)
    due_date = serializers.DateTimeField(required=False)
    type = serializers.ChoiceField(choices=PaymentType.choices, required=False)
