"""Query and bodies of the expense routes (spec 05 section 5.7)."""

from __future__ import annotations

from rest_framework import serializers

from apps.core.serializers import IdField, InputSerializer
from apps.expenses.models import ExpenseCategory, ExpenseScope, ExpenseSource, ExpenseStatus
from apps.leases.serializers import amount_field


class ExpenseListQuery(InputSerializer):
    page = serializers.IntegerField(required=False, default=1, min_value=1, max_value=1_000_000)
    limit = serializers.IntegerField(required=False, default=10, min_value=1, max_value=1000)
    property = IdField(required=False)
    unit = IdField(required=False)
    category = serializers.ChoiceField(choices=ExpenseCategory.choices, required=False)
    status = serializers.ChoiceField(choices=ExpenseStatus.choices, required=False)
    scope_of_work = IdField(required=False)
    ticket = IdField(required=False)
    source = serializers.ChoiceField(choices=ExpenseSource.choices, required=False)
    scope = serializers.ChoiceField(choices=ExpenseScope.choices, required=False)
    start_date = serializers.DateTimeField(required=False)
    end_date = serializers.DateTimeField(required=False)
    search = serializers.CharField(required=False, allow_blank=True, max_length=200)


class ExpenseCreateInput(InputSerializer):
    property = IdField()
    unit = IdField(required=False, allow_null=True)
    category = serializers.ChoiceField(choices=ExpenseCategory.choices)
    amount = amount_field(min_value=0)
    description = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=2000)
    status = serializers.ChoiceField(choices=ExpenseStatus.choices, required=False)
    media = serializers.FileField(required=False, help_text="a receipt: an image or a PDF, at most 10 MB")


class ExpenseUpdateInput(ExpenseCreateInput):
    property = IdField(required=False)
    category = serializers.ChoiceField(choices=ExpenseCategory.choices, required=False)
    amount = amount_field(min_value=0, required=False)
