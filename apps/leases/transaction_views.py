"""Transaction routes (spec 05 section 5.4)."""

from __future__ import annotations

from rest_framework.response import Response

from apps.core import access
from apps.core.exceptions import AccessDenied
from apps.core.idempotency import idempotent
from apps.core.schema import doc
from apps.core.views import ApiView, parse_id
from apps.leases import selectors, transactions
from apps.leases.models import Transaction
from apps.leases.serializers import (
    MarkPaidInput,
    TransactionCreateInput,
    TransactionListQuery,
    TransactionUpdateInput,
    transaction_to_dict,
)


class TransactionMixin:
    def get_tx(self, pk, *, action: str | None = None) -> Transaction:
        tx = selectors.transaction_get(parse_id(pk))
        if action and not access.can_on(self.principal, action, tx):
            raise AccessDenied()
        return tx

    def populated(self, tx: Transaction) -> dict:
        """The transaction with lease and period, from the rows already loaded by ``get_tx``."""
        return selectors.present_transactions([tx])[0]


class TransactionListView(TransactionMixin, ApiView):
    policies = {"GET": [("read", "Transaction")], "POST": [("create", "Transaction")]}
    audit_controller = "TransactionsController"

    @doc("transactions", "List transactions", query=TransactionListQuery)
    def get(self, request):
        serializer = self.parse_query(TransactionListQuery)
        return Response(
            serializer.page_of(
                selectors.transaction_list_queryset(serializer.validated_data),
                serialize=selectors.present_transactions,
            )
        )

    @doc("transactions", "Create a transaction", request=TransactionCreateInput, status=201, idempotent=True)
    @idempotent
    def post(self, request):
        data = self.parse_body(TransactionCreateInput)
        tx = transactions.transaction_create(principal=self.principal, data=data)
        return Response(transaction_to_dict(tx), status=201)


class TransactionDetailView(TransactionMixin, ApiView):
    policies = {
        "GET": [("read", "Transaction")],
        "PATCH": [("update", "Transaction")],
        "DELETE": [("delete", "Transaction")],
    }
    audit_controller = "TransactionsController"
    audit_handlers = {"GET": "findOne"}

    @doc("transactions", "Get a transaction", path=("pk",))
    def get(self, request, pk):
        tx = self.get_tx(pk)
        return Response(selectors.present_transactions([tx], with_terms=True)[0])

    @doc("transactions", "Update a transaction", request=TransactionUpdateInput, path=("pk",))
    def patch(self, request, pk):
        tx = self.get_tx(pk, action="update")
        data = self.parse_body(TransactionUpdateInput, partial=True)
        return Response(transaction_to_dict(transactions.transaction_update(tx=tx, data=data)))

    @doc("transactions", "Delete a pending transaction (soft)", status=204, path=("pk",))
    def delete(self, request, pk):
        transactions.transaction_delete(tx=self.get_tx(pk, action="delete"))
        return Response(status=204)


class TransactionProcessView(TransactionMixin, ApiView):
    policies = {"POST": [("update", "Transaction")]}
    audit_controller = "TransactionsController"
    audit_handlers = {"POST": "processTransaction"}

    @doc("transactions", "Check a transaction can be processed", status=201, path=("pk",))
    def post(self, request, pk):
        tx = transactions.transaction_process(tx=self.get_tx(pk, action="update"))
        return Response(transaction_to_dict(tx), status=201)


class MarkPaidView(TransactionMixin, ApiView):
    policies = {"POST": [("update", "Transaction")]}
    audit_controller = "TransactionsController"
    audit_handlers = {"POST": "markAsPaid"}

    @doc("transactions", "Mark as paid", request=MarkPaidInput, status=201, path=("pk",), idempotent=True)
    @idempotent
    def post(self, request, pk):
        tx = self.get_tx(pk, action="update")
        data = self.parse_body(MarkPaidInput)
        tx = transactions.transaction_mark_paid(
            tx=tx, payment_method=data["payment_method"], notes=data.get("notes")
        )
        return Response(self.populated(tx), status=201)


class MarkNotPaidView(TransactionMixin, ApiView):
    policies = {"POST": [("update", "Transaction")]}
    audit_controller = "TransactionsController"
    audit_handlers = {"POST": "markAsNotPaid"}

    @doc("transactions", "Mark as not paid", status=201, path=("pk",))
    def post(self, request, pk):
        tx = transactions.transaction_mark_not_paid(tx=self.get_tx(pk, action="update"))
        return Response(transaction_to_dict(tx), status=201)
