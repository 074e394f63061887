"""Tenant organization routes (spec 02 section 6).

Visibility comes from the scoped manager of ``Tenant`` (policies_people): a landlord reaches only
tenants linked to it, a tenant user only its own; anything else is a 404.
"""

from __future__ import annotations

from django.db.models import Q
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from apps.accounts.auth_serializers import RegisterTenantInput
from apps.accounts.models import Tenant, User
from apps.accounts.users_serializers import (
    TenantRecordSerializer,
    party_record,
    party_records,
)
from apps.core.exceptions import Forbidden, NotFound
from apps.core.pagination import ListQuery, search_filter
from apps.core.scope import UserType
from apps.core.serializers import InputSerializer
from apps.core.views import ApiView, parse_id
from apps.people import schemas
from apps.people.figures import (
    are_neighbors,
    tenant_lease_figures,
    tenant_neighbors,
    tenant_properties,
    tenant_stats,
    tenants_with_active_lease,
)
from apps.people.organizations_services import org_delete
from apps.people.organizations_views import (
    OrgLoader,
    OrgMemberDetailView,
    OrgMembersView,
    OrgRemoveFromOrganizationView,
)
from apps.people.tenants_services import tenant_create, tenant_update

CONTROLLER = "TenantsController"
READ = {"GET": [("read", "Tenant")]}


def not_found(pk) -> NotFound:
    return NotFound(f"Tenant with ID {pk} not found")


TenantCreateInput = RegisterTenantInput


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


#: the figures of a tenant while the leases domain is absent (:mod:`apps.people.figures`): unknown
ABSENT_LEASE_FIGURES = {"active_leases_count": None, "outstanding_balance": None}
ABSENT_TENANT_STATS = {
    "active_leases": None,
    "total_monthly_rent": None,
    "outstanding": None,
    "next_expiry": None,
}


def _active_lease_holders(**where) -> set:
    """Tenants with an ACTIVE lease; none while the leases domain is absent (no lease exists)."""
    holders = tenants_with_active_lease(**where)
    return set() if holders is None else holders


def _with_stats(tenants: list[Tenant], principal) -> list[dict]:
    records = party_records(tenants, principal)
    ids = [tenant.pk for tenant in tenants]
    primaries: dict = {}
    for user in (
        User.objects.unscoped()
        .filter(organization_id__in=ids, user_type=UserType.TENANT)
        .order_by("-is_primary", "created_at")
    ):
        primaries.setdefault(user.organization_id, user)
    figures = tenant_lease_figures(ids) or {}
    for tenant, record in zip(tenants, records, strict=True):
        user = primaries.get(tenant.pk)
        numbers = figures.get(tenant.pk, ABSENT_LEASE_FIGURES)
        count = numbers["active_leases_count"]
        record.update(
            email=user.email if user else None,
            phone=user.phone if user else None,
            profile_picture=(user.profile_picture or None) if user else None,
            active_leases_count=count,
            has_active_leases=None if count is None else count > 0,
            outstanding_balance=numbers["outstanding_balance"],
        )
    return records


class TenantsView(ApiView):
    policies = {**READ, "POST": [("create", "Tenant")]}
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "findAll", "POST": "create"}

    @extend_schema(tags=["tenants"], request=TenantCreateInput, responses={201: TenantRecordSerializer})
    def post(self, request):
        data = self.parse_body(TenantCreateInput)
        tenant = tenant_create(principal=self.principal, data=data)
        return Response(party_record(tenant, self.principal), status=201)

    @extend_schema(tags=["tenants"], parameters=[TenantListQuery], responses={200: schemas.TENANT_PAGE})
    def get(self, request):
        _refuse_tenant_users(
            self.principal,
            "Tenant users cannot access the tenant list. Use /tenants/me to access your own profile.",
        )
        query = self.parse_query(TenantListQuery)
        params = query.validated_data
        queryset = Tenant.objects.all()
        if params.get("unit_id"):
            queryset = queryset.filter(pk__in=_active_lease_holders(unit_id=params["unit_id"]))
        elif params.get("property_id"):
            queryset = queryset.filter(pk__in=_active_lease_holders(property_id=params["property_id"]))
        if params.get("has_active_leases") is not None:
            active = _active_lease_holders()
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
            serialize = lambda rows: party_records(rows, self.principal)  # noqa: E731
        return Response(
            query.page_of(
                queryset,
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

    @extend_schema(tags=["tenants"], responses={200: TenantRecordSerializer})
    def get(self, request):
        tenant = Tenant.objects.filter(pk=self.own_tenant_id()).first()
        if tenant is None:
            raise NotFound("Tenant profile not found")
        return Response(party_record(tenant, self.principal))


class TenantMeNeighborsView(TenantMeMixin, ApiView):
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "getMyNeighbors"}

    @extend_schema(tags=["tenants"], responses={200: schemas.NEIGHBORS})
    def get(self, request):
        return Response(tenant_neighbors(self.own_tenant_id()) or [])


class TenantMePropertiesView(TenantMeMixin, ApiView):
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "getMyProperties"}

    @extend_schema(tags=["tenants"], responses={200: schemas.MY_PROPERTIES})
    def get(self, request):
        return Response(tenant_properties(self.own_tenant_id()) or [])


class TenantLoadMixin(OrgLoader):
    model = Tenant
    not_found = "Tenant with ID {pk} not found"

    def tenant(self, pk, *, action: str | None = None) -> Tenant:
        return self.organization(pk, action=action)

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

    @extend_schema(tags=["tenants"], responses={200: TenantRecordSerializer})
    def get(self, request, pk):
        return Response(party_record(self.readable_tenant(pk), self.principal))

    @extend_schema(tags=["tenants"], request=TenantUpdateInput, responses={200: TenantRecordSerializer})
    def patch(self, request, pk):
        parse_id(pk)
        data = self.parse_body(TenantUpdateInput)
        tenant = self.tenant(pk, action="update")
        tenant = tenant_update(principal=self.principal, tenant=tenant, data=data)
        return Response(party_record(tenant, self.principal))

    @extend_schema(tags=["tenants"], responses={204: None})
    def delete(self, request, pk):
        org_delete(principal=self.principal, org=self.tenant(pk, action="delete"))
        return Response(status=204)


class TenantStatsView(TenantLoadMixin, ApiView):
    policies = READ
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "getStats"}

    @extend_schema(tags=["tenants"], responses={200: schemas.TENANT_STATS})
    def get(self, request, pk):
        stats = tenant_stats(self.readable_tenant(pk).pk)
        return Response(ABSENT_TENANT_STATS if stats is None else stats)


@extend_schema(tags=["tenants"])
class TenantRemoveFromOrganizationView(TenantLoadMixin, OrgRemoveFromOrganizationView):
    policies = {"DELETE": [("delete", "Tenant")]}
    audit_controller = CONTROLLER
    audit_handlers = {"DELETE": "removeFromOrganization"}
    message = "Tenant removed from your organization successfully"


@extend_schema(tags=["tenants"])
class TenantUsersView(TenantLoadMixin, OrgMembersView):
    policies = {**READ, "POST": [("create", "Tenant")]}
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "getTenantUsers", "POST": "createTenantUser"}

    def organization_for_listing(self, pk) -> Tenant:
        principal = self.principal
        if principal.user_type != UserType.TENANT:
            return self.organization(pk)
        # A tenant may list its own members and its neighbours' (spec 02 section 6); any other
        # household does not exist for it.
        tenant_id = parse_id(pk)
        tenant = Tenant.objects.unscoped().filter(pk=tenant_id).first()
        if tenant is None or (
            tenant.pk != principal.organization_id
            and not are_neighbors(
                principal.organization_id, tenant.pk
            )  # absent (None): no leases, no neighbours
        ):
            raise not_found(pk)
        return tenant


@extend_schema(tags=["tenants"])
class TenantUserDetailView(TenantLoadMixin, OrgMemberDetailView):
    policies = {"PATCH": [("update", "Tenant")], "DELETE": [("delete", "Tenant")]}
    audit_controller = CONTROLLER
    audit_handlers = {"PATCH": "updateTenantUser", "DELETE": "removeTenantUser"}
