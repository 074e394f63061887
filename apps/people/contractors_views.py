"""Contractor organization routes (spec 02 section 7).

Visibility comes from the scoped manager of ``Contractor`` (policies_people): a landlord reaches
only contractors linked to it, a contractor user only its own; anything else is a 404.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from apps.accounts.auth_serializers import RegisterContractorInput
from apps.accounts.models import Contractor
from apps.accounts.users_serializers import (
    ContractorRecordSerializer,
    party_record,
)
from apps.core.exceptions import Forbidden, NotFound
from apps.core.pagination import ListQuery, search_filter
from apps.core.scope import UserType
from apps.core.serializers import InputSerializer
from apps.core.views import ApiView, parse_id
from apps.people import schemas
from apps.people.contractors_services import contractor_create, contractor_update, contractor_views
from apps.people.figures import contractor_properties
from apps.people.organizations_services import org_delete
from apps.people.organizations_views import (
    OrgLoader,
    OrgMemberDetailView,
    OrgMembersView,
    OrgRemoveFromOrganizationView,
)

CONTROLLER = "ContractorsController"
READ = {"GET": [("read", "Contractor")]}


ContractorCreateInput = RegisterContractorInput


class ContractorUpdateInput(InputSerializer):
    name = serializers.CharField(required=False, min_length=2, max_length=100)
    category = serializers.CharField(required=False, max_length=100)


class ContractorListQuery(ListQuery):
    sortable = {"name": "name", "createdAt": "created_at", "updatedAt": "updated_at", "category": "category"}


def _refuse_contractor_users(principal, message: str) -> None:
    if principal.user_type == UserType.CONTRACTOR:
        raise Forbidden(message)


class ContractorsView(ApiView):
    policies = {**READ, "POST": [("create", "Contractor")]}
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "findAll", "POST": "create"}

    @extend_schema(
        tags=["contractors"], request=ContractorCreateInput, responses={201: ContractorRecordSerializer}
    )
    def post(self, request):
        data = self.parse_body(ContractorCreateInput)
        contractor = contractor_create(principal=self.principal, data=data)
        return Response(party_record(contractor, self.principal), status=201)

    @extend_schema(
        tags=["contractors"], parameters=[ContractorListQuery], responses={200: schemas.CONTRACTOR_PAGE}
    )
    def get(self, request):
        _refuse_contractor_users(
            self.principal,
            "Contractor users cannot access the contractor list. Use /contractors/me to access "
            "your own profile.",
        )
        query = self.parse_query(ContractorListQuery)
        params = query.validated_data
        queryset = Contractor.objects.all()
        clause = search_filter(params.get("search"), "name")
        if clause is not None:
            queryset = queryset.filter(clause)
        return Response(
            query.page_of(
                queryset,
                serialize=lambda rows: contractor_views(rows, self.principal),
            )
        )


class ContractorMeMixin:
    def own_contractor_id(self):
        principal = self.principal
        if principal.user_type != UserType.CONTRACTOR:
            raise Forbidden("Only contractor users can access this endpoint")
        if principal.organization_id is None:
            raise Forbidden("No contractor profile associated with this user")
        return principal.organization_id


class ContractorMeView(ContractorMeMixin, ApiView):
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "getMyProfile"}

    @extend_schema(tags=["contractors"], responses={200: schemas.CONTRACTOR_VIEW})
    def get(self, request):
        contractor = Contractor.objects.filter(pk=self.own_contractor_id()).first()
        if contractor is None:
            raise NotFound("Contractor profile not found")
        return Response(contractor_views([contractor], self.principal)[0])


class ContractorMePropertiesView(ContractorMeMixin, ApiView):
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "getMyProperties"}

    @extend_schema(tags=["contractors"], responses={200: schemas.MY_PROPERTIES})
    def get(self, request):
        return Response(contractor_properties(self.own_contractor_id()) or [])


class ContractorLoadMixin(OrgLoader):
    model = Contractor
    not_found = "Contractor with ID {pk} not found"

    def contractor(self, pk, *, action: str | None = None) -> Contractor:
        return self.organization(pk, action=action)


class ContractorDetailView(ContractorLoadMixin, ApiView):
    policies = {**READ, "PATCH": [("update", "Contractor")], "DELETE": [("delete", "Contractor")]}
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "findOne", "PATCH": "update", "DELETE": "remove"}

    @extend_schema(tags=["contractors"], responses={200: schemas.CONTRACTOR_VIEW})
    def get(self, request, pk):
        _refuse_contractor_users(
            self.principal,
            "Contractor users cannot access other contractor records. Use /contractors/me to "
            "access your own profile.",
        )
        return Response(contractor_views([self.contractor(pk)], self.principal)[0])

    @extend_schema(
        tags=["contractors"], request=ContractorUpdateInput, responses={200: ContractorRecordSerializer}
    )
    def patch(self, request, pk):
        parse_id(pk)
        data = self.parse_body(ContractorUpdateInput)
        contractor = self.contractor(pk, action="update")
        contractor = contractor_update(principal=self.principal, contractor=contractor, data=data)
        return Response(party_record(contractor, self.principal))

    @extend_schema(tags=["contractors"], responses={204: None})
    def delete(self, request, pk):
        org_delete(principal=self.principal, org=self.contractor(pk, action="delete"))
        return Response(status=204)


@extend_schema(tags=["contractors"])
class ContractorRemoveFromOrganizationView(ContractorLoadMixin, OrgRemoveFromOrganizationView):
    policies = {"DELETE": [("delete", "Contractor")]}
    audit_controller = CONTROLLER
    audit_handlers = {"DELETE": "removeFromOrganization"}
    message = "Contractor removed from your organization successfully"


@extend_schema(tags=["contractors"])
class ContractorUsersView(ContractorLoadMixin, OrgMembersView):
    policies = {**READ, "POST": [("create", "Contractor")]}
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "getContractorUsers", "POST": "createContractorUser"}


@extend_schema(tags=["contractors"])
class ContractorUserDetailView(ContractorLoadMixin, OrgMemberDetailView):
    policies = {"PATCH": [("update", "Contractor")], "DELETE": [("delete", "Contractor")]}
    audit_controller = CONTROLLER
    audit_handlers = {"PATCH": "updateContractorUser", "DELETE": "removeContractorUser"}
