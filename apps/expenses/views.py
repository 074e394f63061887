"""Expense routes (spec 05 section 5.7): JSON or multipart (a ``media`` receipt)."""

from __future__ import annotations

from rest_framework.response import Response

from apps.core import access
from apps.core.exceptions import AccessDenied, BadRequest
from apps.core.schema import doc
from apps.core.views import ApiView, parse_id
from apps.expenses import selectors, services
from apps.expenses.serializers import ExpenseCreateInput, ExpenseListQuery, ExpenseUpdateInput
from apps.media.services import media_for_owners


def _body(view: ApiView, serializer_class, *, partial: bool = False):
    data = view.request.data
    if hasattr(data, "lists"):
        data = {key: values[-1] for key, values in data.lists()}
    if not isinstance(data, dict):
        raise BadRequest(["request body must be a JSON object"])
    serializer = serializer_class(data=data, partial=partial, context={"request": view.request})
    serializer.is_valid(raise_exception=True)
    validated = dict(serializer.validated_data)
    return validated, validated.pop("media", None)


def _with_media(expense) -> dict:
    media = media_for_owners("Expense", [expense.pk], collections=[services.COLLECTION])
    return selectors.expense_to_dict(expense, media=media.get(expense.pk, []), computed=False)


class ExpenseMixin:
    def get_expense(self, pk, *, action: str | None = None):
        expense = selectors.expense_get(parse_id(pk))
        if action and not access.can_on(self.principal, action, expense):
            raise AccessDenied()
        return expense


class ExpenseListView(ApiView):
    policies = {"GET": [("read", "Expense")], "POST": [("create", "Expense")]}
    audit_controller = "ExpensesController"

    @doc("expenses", "List expenses and maintenance invoices, newest first", query=ExpenseListQuery)
    def get(self, request):
        query = self.parse_query(ExpenseListQuery).validated_data
        return Response(selectors.expense_list(landlord_id=self.principal.landlord_id, query=query))

    @doc(
        "expenses",
        "Record an expense (optional receipt)",
        request=ExpenseCreateInput,
        status=201,
        multipart=True,
    )
    def post(self, request):
        data, receipt = _body(self, ExpenseCreateInput)
        expense = services.expense_create(principal=self.principal, data=data, receipt=receipt)
        return Response({"success": True, "data": _with_media(expense)}, status=201)


class ExpenseDetailView(ExpenseMixin, ApiView):
    policies = {
        "GET": [("read", "Expense")],
        "PATCH": [("update", "Expense")],
        "DELETE": [("delete", "Expense")],
    }
    audit_controller = "ExpensesController"
    audit_handlers = {"GET": "findOne"}

    @doc("expenses", "Get an expense (or a maintenance invoice in expense shape)", path=("pk",))
    def get(self, request, pk):
        data = selectors.expense_or_invoice(landlord_id=self.principal.landlord_id, pk=parse_id(pk))
        return Response({"success": True, "data": data})

    @doc("expenses", "Update an expense", request=ExpenseUpdateInput, path=("pk",), multipart=True)
    def patch(self, request, pk):
        expense = self.get_expense(pk, action="update")
        data, receipt = _body(self, ExpenseUpdateInput, partial=True)
        expense = services.expense_update(
            principal=self.principal, expense=expense, data=data, receipt=receipt
        )
        return Response({"success": True, "data": _with_media(expense)})

    @doc("expenses", "Delete an expense (hard delete)", path=("pk",))
    def delete(self, request, pk):
        services.expense_delete(expense=self.get_expense(pk, action="delete"))
        return Response({"success": True, "message": "Expense deleted successfully"})


class ExpenseConfirmView(ExpenseMixin, ApiView):
    policies = {"PATCH": [("update", "Expense")]}
    audit_controller = "ExpensesController"
    audit_handlers = {"PATCH": "confirmExpense"}

    @doc("expenses", "Confirm a draft expense", path=("pk",))
    def patch(self, request, pk):
        expense = services.expense_confirm(expense=self.get_expense(pk, action="update"))
        data = selectors.present_expenses([expense])[0]
        return Response({"success": True, "data": data, "message": "Expense confirmed successfully"})
