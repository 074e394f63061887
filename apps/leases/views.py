"""Lease routes (spec 05 section 5.1, L1-L18): views parse, load in scope, call, present."""

from __future__ import annotations

from rest_framework.response import Response

from apps.core import access
from apps.core.exceptions import AccessDenied, BadRequest, Unprocessable
from apps.core.idempotency import idempotent
from apps.core.schema import doc
from apps.core.serializers import iso
from apps.core.views import ApiView, parse_id
from apps.leases import deposits, rent_roll, selectors, services
from apps.leases.models import Lease
from apps.leases.serializers import (
    DepositAssessmentInput,
    LeaseListQuery,
    LeaseUpdateInput,
    LeaseWriteInput,
    RenewInput,
    RentRollQuery,
    TerminateInput,
    deposit_assessment_to_dict,
    lease_to_dict,
    period_to_dict,
    transaction_to_dict,
)

READ_LEASE = {"GET": [("read", "Lease")]}


def plain_body(request) -> tuple[dict, list]:
    """The body as a dict (last value of each multipart key) and the uploaded ``documents``."""
    data = request.data
    files = request.FILES.getlist("documents") if getattr(request, "FILES", None) else []
    if hasattr(data, "lists"):
        return {key: values[-1] for key, values in data.lists() if key != "documents"}, files
    if isinstance(data, dict):
        return dict(data), files
    return data, files


class LeaseMixin:
    def get_lease(self, pk, *, action: str | None = None, message: str | None = None) -> Lease:
        lease = selectors.lease_get(parse_id(pk), message=message or f"Lease with ID {pk} not found")
        if action and not access.can_on(self.principal, action, lease):
            raise AccessDenied()
        return lease

    def body(self, serializer_class, *, partial: bool = False):
        data, files = plain_body(self.request)
        if not isinstance(data, dict):
            raise BadRequest(["request body must be a JSON object"])
        serializer = serializer_class(data=data, partial=partial, context={"request": self.request})
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data, files


class LeaseListView(LeaseMixin, ApiView):
    policies = {"GET": [("read", "Lease")], "POST": [("create", "Lease")]}
    audit_controller = "LeasesController"

    @doc("leases", "List leases", query=LeaseListQuery)
    def get(self, request):
        serializer = self.parse_query(LeaseListQuery)
        return Response(
            serializer.page_of(
                selectors.lease_list_queryset(serializer.validated_data), serialize=selectors.present_leases
            )
        )

    @doc("leases", "Create a lease", request=LeaseWriteInput, status=201, multipart=True, errors=(422,))
    def post(self, request):
        data, files = self.body(LeaseWriteInput)
        lease = services.lease_create(principal=self.principal, data=data, documents=files)
        return Response(lease_to_dict(lease), status=201)


class RentRollView(ApiView):
    policies = READ_LEASE
    audit_controller = "LeasesController"
    audit_handlers = {"GET": "getRentRoll"}

    @doc("leases", "Rent roll and its summary", query=RentRollQuery)
    def get(self, request):
        return Response(rent_roll.rent_roll(self.parse_query(RentRollQuery).validated_data))


class LeaseDetailView(LeaseMixin, ApiView):
    policies = {"GET": [("read", "Lease")], "PATCH": [("update", "Lease")], "DELETE": [("delete", "Lease")]}
    audit_controller = "LeasesController"
    audit_handlers = {"GET": "findOne"}

    @doc("leases", "Get a lease", path=("pk",))
    def get(self, request, pk):
        return Response(selectors.lease_detail(self.get_lease(pk)))

    @doc("leases", "Update a lease", request=LeaseUpdateInput, path=("pk",), multipart=True, errors=(422,))
    def patch(self, request, pk):
        lease = self.get_lease(pk, action="update")
        data, files = self.body(LeaseUpdateInput, partial=True)
        lease = services.lease_update(
            lease=lease, data=data, documents=files, actor_id=self.principal.user_id
        )
        return Response(lease_to_dict(lease))

    @doc("leases", "Delete a draft lease (soft)", status=204, path=("pk",), errors=(422,))
    def delete(self, request, pk):
        services.lease_delete(lease=self.get_lease(pk, action="delete"))
        return Response(status=204)


class LeaseTerminateView(LeaseMixin, ApiView):
    policies = {"POST": [("update", "Lease")]}
    audit_controller = "LeasesController"
    audit_handlers = {"POST": "terminate"}

    @doc("leases", "Terminate an active lease", request=TerminateInput, status=201, path=("pk",))
    def post(self, request, pk):
        lease = self.get_lease(pk, action="update")
        data = self.parse_body(TerminateInput)
        lease = services.lease_terminate(
            lease=lease, termination_date=data["termination_date"], reason=data.get("termination_reason")
        )
        return Response(lease_to_dict(lease), status=201)


class LeaseRenewView(LeaseMixin, ApiView):
    policies = {"POST": [("update", "Lease")]}
    audit_controller = "LeasesController"
    audit_handlers = {"POST": "renew"}

    @doc("leases", "Renew an active lease", request=RenewInput, status=201, path=("pk",), errors=(422,))
    def post(self, request, pk):
        lease = self.get_lease(pk, action="update", message="Lease not found")
        data = self.parse_body(RenewInput)
        lease, period = services.lease_renew(lease=lease, desired_end_date=data["desired_end_date"])
        return Response(
            {"lease": lease_to_dict(lease), "new_rental_period": period_to_dict(period)}, status=201
        )


class DepositAssessmentView(LeaseMixin, ApiView):
    policies = {"GET": [("read", "Lease")], "POST": [("update", "Lease")]}
    audit_controller = "LeasesController"
    audit_handlers = {"GET": "getDepositAssessment", "POST": "processDepositAssessment"}

    @doc("deposits", "Deposit state of a lease", path=("pk",), errors=(422,))
    def get(self, request, pk):
        lease = self.get_lease(pk, message="Lease not found")
        if not lease.is_security_deposit:
            raise Unprocessable("This lease does not have a security deposit")
        data = {
            "has_deposit": True,
            "deposit_amount": lease.security_deposit_amount,
            "is_refunded": lease.security_deposit_refunded_at is not None,
            "refunded_at": iso(lease.security_deposit_refunded_at),
        }
        assessment = deposit_assessment_to_dict(lease)
        if assessment is not None:
            data["assessment"] = assessment
        return Response({"success": True, "data": data})

    @doc(
        "deposits",
        "Settle the security deposit",
        request=DepositAssessmentInput,
        status=201,
        path=("pk",),
        idempotent=True,
        errors=(422,),
    )
    @idempotent
    def post(self, request, pk):
        lease = self.get_lease(pk, action="update", message="Lease not found")
        data = self.parse_body(DepositAssessmentInput)
        lease = deposits.deposit_settle(lease=lease, data=data)
        return Response(
            {
                "success": True,
                "data": selectors.lease_with_relations(lease),
                "message": "Deposit assessment processed and security deposit refunded successfully",
            },
            status=201,
        )


class LeasePeriodPaymentView(LeaseMixin, ApiView):
    policies = READ_LEASE
    audit_controller = "LeasesController"
    audit_handlers = {"GET": "getRentalPeriodPayment"}

    @doc("rental-periods", "Transaction of a rental period", path=("pk", "rental_period_id"))
    def get(self, request, pk, rental_period_id):
        lease = self.get_lease(pk)
        tx = selectors.period_payment(lease, parse_id(rental_period_id))
        data = transaction_to_dict(
            tx,
            lease=lease_to_dict(tx.lease),
            rental_period=period_to_dict(tx.rental_period) if tx.rental_period else None,
        )
        return Response({"success": True, "data": data})


class LeaseTransactionsView(LeaseMixin, ApiView):
    policies = {"GET": [("read", "Lease"), ("read", "Transaction")]}
    audit_controller = "LeasesController"
    audit_handlers = {"GET": "getLeaseTransactions"}

    @doc("transactions", "Transactions of a lease", path=("pk",), array=True)
    def get(self, request, pk):
        return Response(selectors.lease_transactions(self.get_lease(pk)))


class LeaseTransactionSummaryView(LeaseMixin, ApiView):
    policies = {"GET": [("read", "Lease"), ("read", "Transaction")]}
    audit_controller = "LeasesController"
    audit_handlers = {"GET": "getLeaseTransactionSummary"}

    @doc("transactions", "Transaction figures of a lease", path=("pk",))
    def get(self, request, pk):
        return Response(selectors.lease_transaction_summary(self.get_lease(pk)))


class LeasePeriodsView(LeaseMixin, ApiView):
    policies = READ_LEASE
    audit_controller = "LeasesController"
    audit_handlers = {"GET": "getLeaseRentalPeriods"}

    @doc("rental-periods", "Rental periods of a lease", path=("pk",), array=True)
    def get(self, request, pk):
        return Response(selectors.lease_periods(self.get_lease(pk)))


class LeaseCurrentPeriodView(LeaseMixin, ApiView):
    policies = READ_LEASE
    audit_controller = "LeasesController"
    audit_handlers = {"GET": "getCurrentRentalPeriod"}

    @doc("rental-periods", "The ACTIVE rental period of a lease (empty body if none)", path=("pk",))
    def get(self, request, pk):
        period = selectors.current_period(self.get_lease(pk))
        if period is None:
            return Response(status=200)
        return Response(period_to_dict(period))
