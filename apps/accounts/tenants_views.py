"""Tenant organization routes (spec 02 section 6).

Visibility comes from the scoped manager of ``Tenant`` (policies_people): a landlord reaches only
tenants linked to it, a tenant user only its own; anything else is a 404.
"""

from __future__ import annotations

from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from apps.accounts.models import Tenant, User
from apps.accounts.people_common import (
    LONG_PASSWORD_MESSAGE,
    OrgUserCreateInput,
    OrgUsersQuery,
    OrgUserUpdateInput,
    PeopleUserRecord,
    StrongPasswordField,
    TenantRecord,
    org_members,
    tenant_record,
    tenant_records,
)
from apps.accounts.people_related import (
    are_neighbors,
    tenant_lease_figures,
    tenant_neighbors,
    tenant_properties,
    tenant_stats,
    tenants_with_active_lease,
)
from apps.accounts.people_services import (
    org_delete,
    org_member,
    org_member_create,
    org_member_delete,
    org_member_update,
    org_remove_from_landlord,
)
from apps.accounts.tenants_services import tenant_create, tenant_update
from apps.core.exceptions import Forbidden, NotFound
from apps.core.pagination import ListQuery, paginate, search_filter
from apps.core.scope import Role, UserType
from apps.core.serializers import InputSerializer
from apps.core.views import ApiView, parse_id

CONTROLLER = "TenantsController"
READ = {"GET": [("read", "Tenant")]}


def not_found(pk) -> NotFound:
    return NotFound(f"Tenant with ID {pk} not found")


class TenantCreateInput(InputSerializer):
    name = serializers.CharField(min_length=2, max_length=100)
    username = serializers.CharField(min_length=3, max_length=64)
    first_name = serializers.CharField(max_length=50)
    last_name = serializers.CharField(max_length=50)
    email = serializers.EmailField()
    phone = serializers.CharField(required=False, allow_blank=True)
    password = StrongPasswordField(message=LONG_PASSWORD_MESSAGE)
    invitation_context = serializers.DictField(required=False)
    profile_picture = serializers.CharField(required=False, allow_blank=True)


class TenantUpdateInput(InputSerializer):
    name = serializers.CharField(required=False, min_length=2, max_length=100)


class TenantListQuery(ListQuery):
    sort_order = serializers.CharField(required=False, max_length=8)
    include_stats = serializers.BooleanField(required=False, default=False)
    has_active_leases = serializers.BooleanField(required=False, allow_null=True, default=None)
    property_id = serializers.UUIDField(required=False)
    unit_id = serializers.UUIDField(required=False)

    sortable = {"name": "name", "createdAt": "created_at", "updatedAt": "updated_at"}

    def ordering(self) -> tuple[str, ...]:
        data = self.validated_data
        prefix = "-" if str(data.get("sort_order", "")).lower() == "desc" else ""
        return (f"{prefix}{self.sortable[data['sort_by']]}", f"{prefix}id")


def _refuse_tenant_users(principal, message: str) -> None:
    if principal.user_type == UserType.TENANT:
        raise Forbidden(message)


def _with_stats(tenants: list[Tenant], principal) -> list[dict]:
    records = tenant_records(tenants, principal)
    ids = [tenant.pk for tenant in tenants]
    primaries: dict = {}
    for user in (
        User.objects.unscoped()
        .filter(organization_id__in=ids, user_type=UserType.TENANT)
        .order_by("-is_primary", "created_at")
    ):
        primaries.setdefault(user.organization_id, user)
    figures = tenant_lease_figures(ids)
    for tenant, record in zip(tenants, records, strict=True):
        user = primaries.get(tenant.pk)
        numbers = figures.get(tenant.pk, {"active_leases_count": 0, "outstanding_balance": 0})
        record.update(
            email=user.email if user else None,
            phone=user.phone if user else None,
            profile_picture=(user.profile_picture or None) if user else None,
            active_leases_count=numbers["active_leases_count"],
            has_active_leases=numbers["active_leases_count"] > 0,
            outstanding_balance=numbers["outstanding_balance"],
        )
    return records


class TenantsView(ApiView):
    policies = {**READ, "POST": [("create", "Tenant")]}
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "findAll", "POST": "create"}

    @extend_schema(tags=["tenants"], request=TenantCreateInput, responses={201: TenantRecord})
    def post(self, request):
        data = self.parse_body(TenantCreateInput)
        tenant = tenant_create(principal=self.principal, data=data)
        return Response(tenant_record(tenant, self.principal), status=201)

    @extend_schema(tags=["tenants"], parameters=[TenantListQuery], responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        _refuse_tenant_users(
            self.principal,
            "Tenant users cannot access the tenant list. Use /tenants/me to access your own profile.",
        )
        query = self.parse_query(TenantListQuery)
        params = query.validated_data
        queryset = Tenant.objects.all()
        if params.get("unit_id"):
            queryset = queryset.filter(pk__in=tenants_with_active_lease(unit_id=params["unit_id"]))
        elif params.get("property_id"):
            queryset = queryset.filter(pk__in=tenants_with_active_lease(property_id=params["property_id"]))
        if params.get("has_active_leases") is not None:
            active = tenants_with_active_lease()
            queryset = (
                queryset.filter(pk__in=active)
                if params["has_active_leases"]
                else queryset.exclude(pk__in=active)
            )
        search = params.get("search")
        if search:
            clause = search_filter(search, "name")
            if params["include_stats"]:
                emails = (
                    User.objects.unscoped()
                    .filter(user_type=UserType.TENANT, email__icontains=search)
                    .values("organization_id")
                )
                clause = clause | Q(pk__in=emails)
            queryset = queryset.filter(clause)
        if params["include_stats"]:
            serialize = lambda rows: _with_stats(rows, self.principal)  # noqa: E731
        else:
            serialize = lambda rows: tenant_records(rows, self.principal)  # noqa: E731
        return Response(
            paginate(
                queryset.order_by(*query.ordering()),
                page=params["page"],
                limit=params["limit"],
                serialize=serialize,
            )
        )


class TenantMeMixin:
    def own_tenant_id(self):
        principal = self.principal
        if principal.user_type != UserType.TENANT:
            raise Forbidden("Only tenant users can access this endpoint")
        if principal.organization_id is None:
            raise Forbidden("No tenant profile associated with this user")
        return principal.organization_id


class TenantMeView(TenantMeMixin, ApiView):
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "getMyProfile"}

    @extend_schema(tags=["tenants"], responses={200: TenantRecord})
    def get(self, request):
        tenant = Tenant.objects.filter(pk=self.own_tenant_id()).first()
        if tenant is None:
            raise NotFound("Tenant profile not found")
        return Response(tenant_record(tenant, self.principal))


class TenantMeNeighborsView(TenantMeMixin, ApiView):
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "getMyNeighbors"}

    @extend_schema(tags=["tenants"], responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        return Response(tenant_neighbors(self.own_tenant_id()))


class TenantMePropertiesView(TenantMeMixin, ApiView):
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "getMyProperties"}

    @extend_schema(tags=["tenants"], responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        return Response(tenant_properties(self.own_tenant_id()))


class TenantLoadMixin:
    def tenant(self, pk, *, action: str | None = None) -> Tenant:
        return self.load(Tenant, pk, action=action, not_found=f"Tenant with ID {pk} not found")

    def readable_tenant(self, pk) -> Tenant:
        _refuse_tenant_users(
            self.principal,
            "Tenant users cannot access other tenant records. Use /tenants/me to access your own profile.",
        )
        return self.tenant(pk)


class TenantDetailView(TenantLoadMixin, ApiView):
    policies = {**READ, "PATCH": [("update", "Tenant")], "DELETE": [("delete", "Tenant")]}
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "findOne", "PATCH": "update", "DELETE": "remove"}

    @extend_schema(tags=["tenants"], responses={200: TenantRecord})
    def get(self, request, pk):
        return Response(tenant_record(self.readable_tenant(pk), self.principal))

    @extend_schema(tags=["tenants"], request=TenantUpdateInput, responses={200: TenantRecord})
    def patch(self, request, pk):
        parse_id(pk)
        data = self.parse_body(TenantUpdateInput)
        tenant = self.tenant(pk, action="update")
        tenant = tenant_update(principal=self.principal, tenant=tenant, data=data)
        return Response(tenant_record(tenant, self.principal))

    @extend_schema(tags=["tenants"], responses={204: None})
    def delete(self, request, pk):
        org_delete(principal=self.principal, org=self.tenant(pk, action="delete"))
        return Response(status=204)


class TenantStatsView(TenantLoadMixin, ApiView):
    policies = READ
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "getStats"}

    @extend_schema(tags=["tenants"], responses={200: OpenApiTypes.OBJECT})
    def get(self, request, pk):
        return Response(tenant_stats(self.readable_tenant(pk).pk))


class TenantRemoveFromOrganizationView(TenantLoadMixin, ApiView):
    policies = {"DELETE": [("delete", "Tenant")]}
    audit_controller = CONTROLLER
    audit_handlers = {"DELETE": "removeFromOrganization"}

    @extend_schema(tags=["tenants"], responses={200: OpenApiTypes.OBJECT})
    def delete(self, request, pk):
        if self.principal.organization_id is None:
            raise Forbidden("User does not have an organization")
        tenant = self.tenant(pk, action="delete")
        org_remove_from_landlord(principal=self.principal, org=tenant)
        return Response({"message": "Tenant removed from your organization successfully"})


class TenantUsersView(TenantLoadMixin, ApiView):
    policies = {**READ, "POST": [("create", "Tenant")]}
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "getTenantUsers", "POST": "createTenantUser"}

    def _readable_for_users(self, pk) -> Tenant:
        principal = self.principal
        if principal.user_type != UserType.TENANT:
            return self.tenant(pk)
        # A tenant may list its own members and its neighbours' (spec 02 section 6); any other
        # household does not exist for it.
        tenant_id = parse_id(pk)
        tenant = Tenant.objects.unscoped().filter(pk=tenant_id).first()
        if tenant is None or (
            tenant.pk != principal.organization_id and not are_neighbors(principal.organization_id, tenant.pk)
        ):
            raise not_found(pk)
        return tenant

    @extend_schema(tags=["tenants"], parameters=[OrgUsersQuery], responses={200: OpenApiTypes.OBJECT})
    def get(self, request, pk):
        tenant = self._readable_for_users(pk)
        query = self.parse_query(OrgUsersQuery)
        params = query.validated_data
        members = org_members(organization_id=tenant.pk, user_type=UserType.TENANT, query=params)
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

    @extend_schema(tags=["tenants"], request=OrgUserCreateInput, responses={201: PeopleUserRecord})
    def post(self, request, pk):
        parse_id(pk)
        data = self.parse_body(OrgUserCreateInput)
        tenant = self.tenant(pk)
        user = org_member_create(principal=self.principal, org=tenant, data=data)
        return Response(PeopleUserRecord(user).data, status=201)


class TenantUserDetailView(TenantLoadMixin, ApiView):
    policies = {"PATCH": [("update", "Tenant")], "DELETE": [("delete", "Tenant")]}
    audit_controller = CONTROLLER
    audit_handlers = {"PATCH": "updateTenantUser", "DELETE": "removeTenantUser"}

    @extend_schema(tags=["tenants"], request=OrgUserUpdateInput, responses={200: PeopleUserRecord})
    def patch(self, request, pk, user_pk):
        parse_id(pk)
        user_id = parse_id(user_pk)
        data = self.parse_body(OrgUserUpdateInput)
        tenant = self.tenant(pk, action="update")
        user = org_member(org=tenant, user_pk=user_id)
        user = org_member_update(principal=self.principal, org=tenant, user=user, data=data)
        return Response(PeopleUserRecord(user).data)

    @extend_schema(tags=["tenants"], responses={204: None})
    def delete(self, request, pk, user_pk):
        parse_id(pk)
        user_id = parse_id(user_pk)
        tenant = self.tenant(pk, action="delete")
        user = org_member(org=tenant, user_pk=user_id)
        org_member_delete(principal=self.principal, org=tenant, user=user)
        return Response(status=204)
