"""Contractor organization routes (spec 02 section 7).

Visibility comes from the scoped manager of ``Contractor`` (policies_people): a landlord reaches
only contractors linked to it, a contractor user only its own; anything else is a 404.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from apps.accounts.contractors_services import contractor_create, contractor_update, contractor_views
from apps.accounts.models import Contractor
from apps.accounts.people_common import (
    LONG_PASSWORD_MESSAGE,
    ContractorRecord,
    OrgUserCreateInput,
    OrgUsersQuery,
    OrgUserUpdateInput,
    PeopleUserRecord,
    StrongPasswordField,
    contractor_record,
    org_members,
)
from apps.accounts.people_related import contractor_properties
from apps.accounts.people_services import (
    org_delete,
    org_member,
    org_member_create,
    org_member_delete,
    org_member_update,
    org_remove_from_landlord,
)
from apps.core.exceptions import Forbidden, NotFound
from apps.core.pagination import ListQuery, paginate, search_filter
from apps.core.scope import Role, UserType
from apps.core.serializers import InputSerializer
from apps.core.views import ApiView, parse_id

CONTROLLER = "ContractorsController"
READ = {"GET": [("read", "Contractor")]}


class ContractorCreateInput(InputSerializer):
    name = serializers.CharField(min_length=2, max_length=100)
    username = serializers.CharField(min_length=3, max_length=64)
    first_name = serializers.CharField(max_length=50)
    last_name = serializers.CharField(max_length=50)
    email = serializers.EmailField()
    phone = serializers.CharField(required=False, allow_blank=True)
    category = serializers.CharField(max_length=100)
    password = StrongPasswordField(message=LONG_PASSWORD_MESSAGE)
    profile_picture = serializers.CharField(required=False, allow_blank=True)


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

    @extend_schema(tags=["contractors"], request=ContractorCreateInput, responses={201: ContractorRecord})
    def post(self, request):
        data = self.parse_body(ContractorCreateInput)
        contractor = contractor_create(principal=self.principal, data=data)
        return Response(contractor_record(contractor, self.principal), status=201)

    @extend_schema(
        tags=["contractors"], parameters=[ContractorListQuery], responses={200: OpenApiTypes.OBJECT}
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
            paginate(
                queryset.order_by(*query.ordering()),
                page=params["page"],
                limit=params["limit"],
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

    @extend_schema(tags=["contractors"], responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        contractor = Contractor.objects.filter(pk=self.own_contractor_id()).first()
        if contractor is None:
            raise NotFound("Contractor profile not found")
        return Response(contractor_views([contractor], self.principal)[0])


class ContractorMePropertiesView(ContractorMeMixin, ApiView):
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "getMyProperties"}

    @extend_schema(tags=["contractors"], responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        return Response(contractor_properties(self.own_contractor_id()))


class ContractorLoadMixin:
    def contractor(self, pk, *, action: str | None = None) -> Contractor:
        return self.load(Contractor, pk, action=action, not_found=f"Contractor with ID {pk} not found")


class ContractorDetailView(ContractorLoadMixin, ApiView):
    policies = {**READ, "PATCH": [("update", "Contractor")], "DELETE": [("delete", "Contractor")]}
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "findOne", "PATCH": "update", "DELETE": "remove"}

    @extend_schema(tags=["contractors"], responses={200: OpenApiTypes.OBJECT})
    def get(self, request, pk):
        _refuse_contractor_users(
            self.principal,
            "Contractor users cannot access other contractor records. Use /contractors/me to "
            "access your own profile.",
        )
        return Response(contractor_views([self.contractor(pk)], self.principal)[0])

    @extend_schema(tags=["contractors"], request=ContractorUpdateInput, responses={200: ContractorRecord})
    def patch(self, request, pk):
        parse_id(pk)
        data = self.parse_body(ContractorUpdateInput)
        contractor = self.contractor(pk, action="update")
        contractor = contractor_update(principal=self.principal, contractor=contractor, data=data)
        return Response(contractor_record(contractor, self.principal))

    @extend_schema(tags=["contractors"], responses={204: None})
    def delete(self, request, pk):
        org_delete(principal=self.principal, org=self.contractor(pk, action="delete"))
        return Response(status=204)


class ContractorRemoveFromOrganizationView(ContractorLoadMixin, ApiView):
    policies = {"DELETE": [("delete", "Contractor")]}
    audit_controller = CONTROLLER
    audit_handlers = {"DELETE": "removeFromOrganization"}

    @extend_schema(tags=["contractors"], responses={200: OpenApiTypes.OBJECT})
    def delete(self, request, pk):
        if self.principal.organization_id is None:
            raise Forbidden("User does not have an organization")
        contractor = self.contractor(pk, action="delete")
        org_remove_from_landlord(principal=self.principal, org=contractor)
        return Response({"message": "Contractor removed from your organization successfully"})


class ContractorUsersView(ContractorLoadMixin, ApiView):
    policies = {**READ, "POST": [("create", "Contractor")]}
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "getContractorUsers", "POST": "createContractorUser"}

    @extend_schema(tags=["contractors"], parameters=[OrgUsersQuery], responses={200: OpenApiTypes.OBJECT})
    def get(self, request, pk):
        contractor = self.contractor(pk)
        query = self.parse_query(OrgUsersQuery)
        params = query.validated_data
        members = org_members(organization_id=contractor.pk, user_type=UserType.CONTRACTOR, query=params)
        if self.principal.role == Role.LANDLORD_STAFF:
            members = members.none()
        return Response(
            paginate(
                members.order_by(*query.ordering()),
                page=params["page"],
                limit=params["limit"],
                serialize=lambda rows: PeopleUserRecord(rows, many=True).data,
            )
        )

    @extend_schema(tags=["contractors"], request=OrgUserCreateInput, responses={201: PeopleUserRecord})
    def post(self, request, pk):
        parse_id(pk)
        data = self.parse_body(OrgUserCreateInput)
        contractor = self.contractor(pk)
        user = org_member_create(principal=self.principal, org=contractor, data=data)
        return Response(PeopleUserRecord(user).data, status=201)


class ContractorUserDetailView(ContractorLoadMixin, ApiView):
    policies = {"PATCH": [("update", "Contractor")], "DELETE": [("delete", "Contractor")]}
    audit_controller = CONTROLLER
    audit_handlers = {"PATCH": "updateContractorUser", "DELETE": "removeContractorUser"}

    @extend_schema(tags=["contractors"], request=OrgUserUpdateInput, responses={200: PeopleUserRecord})
    def patch(self, request, pk, user_pk):
        parse_id(pk)
        user_id = parse_id(user_pk)
        data = self.parse_body(OrgUserUpdateInput)
        contractor = self.contractor(pk, action="update")
        user = org_member(org=contractor, user_pk=user_id)
        user = org_member_update(principal=self.principal, org=contractor, user=user, data=data)
        return Response(PeopleUserRecord(user).data)

    @extend_schema(tags=["contractors"], responses={204: None})
    def delete(self, request, pk, user_pk):
        parse_id(pk)
        user_id = parse_id(user_pk)
        contractor = self.contractor(pk, action="delete")
        user = org_member(org=contractor, user_pk=user_id)
        org_member_delete(principal=self.principal, org=contractor, user=user)
        return Response(status=204)
