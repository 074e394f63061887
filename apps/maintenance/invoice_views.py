"""Invoice routes on tickets and scopes of work (spec 07 section 4)."""

from __future__ import annotations

from rest_framework.response import Response

from apps.core import access
from apps.core.exceptions import AccessDenied, NotFound
from apps.core.views import ApiView, parse_id
from apps.maintenance import invoices, schema, selectors
from apps.maintenance.models import Invoice, MaintenanceTicket, ScopeOfWork
from apps.maintenance.schema import doc
from apps.maintenance.serializers import InvoiceCreateInput, InvoiceUpdateInput, invoice_to_dict
from apps.maintenance.views import split_body

TAG = "maintenance-invoices"


class InvoiceParentMixin:
    """Loads the ticket or scope of work of the path (404 outside the caller's scope)."""

    parent_kind = "ticket"

    def get_parent(self, pk):
        if self.parent_kind == "ticket":
            return self.load(MaintenanceTicket, pk, not_found="Ticket not found")
        return self.load(ScopeOfWork, pk, not_found="Scope of Work not found")

    def link(self, parent) -> dict:
        return {"ticket": parent} if self.parent_kind == "ticket" else {"scope_of_work": parent}

    def get_invoice(self, parent, invoice_id, action: str) -> Invoice:
        pk = parse_id(invoice_id)
        invoice = Invoice.objects.filter(pk=pk, **self.link(parent)).select_related("created_by").first()
        if invoice is None:
            raise NotFound("Invoice not found")
        if not access.can_on(self.principal, action, invoice):
            raise AccessDenied()
        return invoice

    def present(self, invoice: Invoice) -> dict:
        return invoice_to_dict(invoice, file=selectors.invoice_files([invoice]).get(invoice.pk))

    def validated(self, serializer_class, data):
        serializer = serializer_class(data=data, context={"request": self.request})
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class InvoiceListView(InvoiceParentMixin, ApiView):
    policies = {"GET": [("read", "Invoice")], "POST": [("create", "Invoice")]}
    audit_controller = "MaintenanceTicketsController"
    audit_handlers = {"GET": "getInvoices", "POST": "createInvoice"}

    @doc(TAG, "Invoices of the record, newest first", response=schema.INVOICE_LIST, path=("pk",))
    def get(self, request, pk):
        parent = self.get_parent(pk)
        rows = list(
            Invoice.objects.filter(**self.link(parent))
            .select_related("created_by")
            .order_by("-created_at", "-id")
        )
        files = selectors.invoice_files(rows)
        return Response([invoice_to_dict(row, file=files.get(row.pk)) for row in rows])

    @doc(
        TAG,
        "Add an invoice (optional file)",
        request=InvoiceCreateInput,
        status=201,
        path=("pk",),
        multipart=True,
    )
    def post(self, request, pk):
        parse_id(pk)
        data, files = split_body(request, "invoice_file")
        validated = self.validated(InvoiceCreateInput, data)
        parent = self.get_parent(pk)
        invoice = invoices.invoice_create(
            actor=request.user,
            ticket=parent if self.parent_kind == "ticket" else None,
            sow=parent if self.parent_kind == "sow" else None,
            amount=validated["amount"],
            currency=validated["currency"],
            description=validated.get("description", ""),
            notes=validated.get("notes", ""),
            upload=files[0] if files else None,
        )
        return Response(self.present(invoice), status=201)


class InvoiceDetailView(InvoiceParentMixin, ApiView):
    policies = {"PATCH": [("update", "Invoice")], "DELETE": [("delete", "Invoice")]}
    audit_controller = "MaintenanceTicketsController"
    audit_handlers = {"PATCH": "updateInvoice", "DELETE": "deleteInvoice"}

    @doc(
        TAG,
        "Edit an invoice (a new file replaces the old)",
        request=InvoiceUpdateInput,
        path=("pk", "invoice_id"),
        multipart=True,
    )
    def patch(self, request, pk, invoice_id):
        parse_id(pk)
        parse_id(invoice_id)
        data, files = split_body(request, "invoice_file")
        validated = self.validated(InvoiceUpdateInput, data)
        invoice = self.get_invoice(self.get_parent(pk), invoice_id, "update")
        invoice = invoices.invoice_update(
            invoice=invoice,
            actor=request.user,
            amount=validated["amount"],
            currency=validated["currency"],
            description=validated.get("description"),
            upload=files[0] if files else None,
        )
        return Response(self.present(invoice))

    @doc(TAG, "Delete an invoice and its file", response=schema.MESSAGE, path=("pk", "invoice_id"))
    def delete(self, request, pk, invoice_id):
        invoice = self.get_invoice(self.get_parent(pk), invoice_id, "delete")
        invoices.invoice_delete(invoice=invoice)
        return Response({"message": "Invoice deleted successfully"})


class SowInvoiceListView(InvoiceListView):
    parent_kind = "sow"
    audit_controller = "ScopeOfWorkController"


class SowInvoiceDetailView(InvoiceDetailView):
    parent_kind = "sow"
    audit_controller = "ScopeOfWorkController"
