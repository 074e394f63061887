"""Scope-of-work routes (spec 07 section 5). Mutations answer with the SOW detail."""

from __future__ import annotations

from rest_framework.response import Response

from apps.core.exceptions import Forbidden
from apps.core.scope import UserType
from apps.core.views import ApiView, parse_id
from apps.maintenance import schema, selectors, sow_services
from apps.maintenance.models import ScopeOfWork
from apps.maintenance.schema import doc
from apps.maintenance.serializers import (
    AcceptInput,
    AssignInput,
    EmptyInput,
    RefuseInput,
    SowCreateInput,
    SowListQuery,
    TicketIdInput,
)

TAG = "maintenance-scope-of-work"
SOW_RELATED = ("assigned_contractor", "assigned_user", "parent_sow", "property", "unit")
LANDLORD_ONLY = "Only landlords can manage scopes of work"


class SowMixin:
    audit_controller = "ScopeOfWorkController"

    def get_sow(self, pk, *, action: str | None = None) -> ScopeOfWork:
        return self.load(
            ScopeOfWork.objects.select_related(
                "assigned_contractor", "assigned_user", "parent_sow", "property", "unit"
            ),
            pk,
            action=action,
            not_found=f"Scope of Work with ID {pk} not found",
        )


class SowListView(SowMixin, ApiView):
    policies = {"GET": [("read", "ScopeOfWork")], "POST": [("create", "ScopeOfWork")]}

    @doc(TAG, "List scopes of work", query=SowListQuery)
    def get(self, request):
        query = self.parse_query(SowListQuery)
        queryset = selectors.sow_list_queryset(query=query.validated_data)
        return Response(query.page_of(queryset, serialize=selectors.present_sows))

    @doc(TAG, "Group tickets into a scope of work", request=SowCreateInput, status=201)
    def post(self, request):
        data = self.parse_body(SowCreateInput)
        sow = sow_services.sow_create(
            actor=request.user,
            title=data["title"],
            description=data.get("description", ""),
            ticket_ids=data["tickets"],
        )
        return Response(selectors.sow_detail(self.get_sow(sow.pk)), status=201)


class SowDetailView(SowMixin, ApiView):
    policies = {"GET": [("read", "ScopeOfWork")], "DELETE": [("delete", "ScopeOfWork")]}
    audit_handlers = {"GET": "findOne", "DELETE": "remove"}

    @doc(TAG, "A scope of work with its tree and tickets", path=("pk",))
    def get(self, request, pk):
        return Response(selectors.sow_detail(self.get_sow(pk)))

    @doc(TAG, "Delete a scope of work (children and tickets move up)", response=schema.MESSAGE, path=("pk",))
    def delete(self, request, pk):
        sow_services.sow_delete(sow=self.get_sow(pk, action="delete"))
        return Response({"message": "Scope of Work deleted successfully"})


class SowActionView(SowMixin, ApiView):
    policies = {"POST": [("update", "ScopeOfWork")]}
    input_class = EmptyInput
    #: actions only the landlord side takes; contractors accept and refuse
    landlord_only = True

    def perform(self, sow, data):
        raise NotImplementedError

    def post(self, request, pk):
        parse_id(pk)
        data = self.parse_body(self.input_class)
        sow = self.get_sow(pk, action="update")
        if self.landlord_only and self.principal.user_type not in (UserType.LANDLORD, UserType.ADMIN):
            raise Forbidden(LANDLORD_ONLY)
        self.perform(sow, data)
        # Read back unscoped: a contractor that refuses the work no longer sees the SOW.
        fresh = ScopeOfWork.objects.unscoped().select_related(*SOW_RELATED).get(pk=sow.pk)
        return Response(selectors.sow_detail(fresh), status=201)


class SowAssignView(SowActionView):
    audit_handlers = {"POST": "assign"}
    input_class = AssignInput

    @doc(TAG, "Assign a contractor", request=AssignInput, status=201, path=("pk",))
    def post(self, request, pk):
        return super().post(request, pk)

    def perform(self, sow, data):
        sow_services.sow_assign(sow=sow, actor=self.request.user, contractor_id=data["contractor_id"])


class SowTicketAddView(SowActionView):
    audit_handlers = {"POST": "addTicket"}
    input_class = TicketIdInput

    @doc(TAG, "Add a ticket", request=TicketIdInput, status=201, path=("pk",))
    def post(self, request, pk):
        return super().post(request, pk)

    def perform(self, sow, data):
        sow_services.sow_ticket_add(sow=sow, actor=self.request.user, ticket_id=data["ticket_id"])


class SowTicketRemoveView(SowActionView):
    audit_handlers = {"POST": "removeTicket"}
    input_class = TicketIdInput

    @doc(TAG, "Remove a ticket", request=TicketIdInput, status=201, path=("pk",))
    def post(self, request, pk):
        return super().post(request, pk)

    def perform(self, sow, data):
        sow_services.sow_ticket_remove(sow=sow, ticket_id=data["ticket_id"])


class SowAcceptView(SowActionView):
    audit_handlers = {"POST": "accept"}
    input_class = AcceptInput
    landlord_only = False

    @doc(TAG, "Accept and start work", request=AcceptInput, status=201, path=("pk",))
    def post(self, request, pk):
        return super().post(request, pk)

    def perform(self, sow, data):
        sow_services.sow_accept(sow=sow, actor=self.request.user, user_id=data["user_id"])


class SowRefuseView(SowActionView):
    audit_handlers = {"POST": "refuse"}
    input_class = RefuseInput
    landlord_only = False

    @doc(TAG, "Refuse the work", request=RefuseInput, status=201, path=("pk",))
    def post(self, request, pk):
        return super().post(request, pk)

    def perform(self, sow, data):
        sow_services.sow_refuse(sow=sow, refuse_reason=data.get("refuse_reason"))


class SowCloseView(SowActionView):
    audit_handlers = {"POST": "close"}

    @doc(TAG, "Close a top-level scope of work", status=201, path=("pk",))
    def post(self, request, pk):
        return super().post(request, pk)

    def perform(self, sow, data):
        sow_services.sow_close(sow=sow)


class SowMarkInReviewView(SowActionView):
    audit_handlers = {"POST": "markInReview"}

    @doc(TAG, "Mark in review", status=201, path=("pk",))
    def post(self, request, pk):
        return super().post(request, pk)

    def perform(self, sow, data):
        sow_services.sow_mark_in_review(sow=sow)
