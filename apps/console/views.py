"""Identity routes of the admin console (spec 02 section 9): read-only, SuperAdmin only."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.response import Response

from apps.accounts.models import Contractor, Landlord, Tenant, User
from apps.accounts.schemas import page_of, success_of
from apps.console import schemas
from apps.console import selectors as console
from apps.core.console import AdminListQuery, AdminView
from apps.core.models import AuditLog
from apps.core.serializers import IdField
from apps.people.users_views import UserListQuery


class AdminUserQuery(AdminListQuery):
    # ``user_type`` is a wire-verbatim key, so the camelCase parser leaves ``userType`` as sent.
    userType = serializers.ChoiceField(choices=User.UserTypes.choices, required=False)  # noqa: N815
    sortable = {
        wire: field
        for wire, field in UserListQuery.sortable.items()
        if wire in ("createdAt", "updatedAt", "email", "username", "firstName", "lastName")
    }


class AdminNamedQuery(AdminListQuery):
    sortable = {"createdAt": "created_at", "updatedAt": "updated_at", "name": "name"}


class AdminContractorQuery(AdminNamedQuery):
    sortable = {**AdminNamedQuery.sortable, "category": "category"}


class AdminAuditQuery(AdminListQuery):
    user_id = IdField(required=False)
    action = serializers.CharField(required=False, allow_blank=True, max_length=200)
    start_date = serializers.DateTimeField(required=False)
    end_date = serializers.DateTimeField(required=False)
    sortable = {"createdAt": "created_at", "action": "action"}


class AuditLogRow(console.AuditLogRecordSerializer):
    user_name = serializers.CharField(read_only=True)
    user_email = serializers.EmailField(read_only=True, allow_null=True)

    class Meta(console.AuditLogRecordSerializer.Meta):
        fields = (*console.AuditLogRecordSerializer.Meta.fields, "user_name", "user_email")


AUDIT_PAGE = page_of("AdminAuditLogPage", AuditLogRow)
AUDIT_DETAIL = success_of("AdminAuditLogResponse", AuditLogRow())


class OverviewView(AdminView):
    audit_handlers = {"GET": "getOverview"}

    @extend_schema(tags=["admin"], responses={200: schemas.OVERVIEW})
    def get(self, request):
        return Response({"success": True, "data": console.overview()})


class LandlordNamesView(AdminView):
    audit_handlers = {"GET": "getLandlordsList"}

    @extend_schema(tags=["admin"], responses={200: schemas.LANDLORD_NAMES})
    def get(self, request):
        return Response({"success": True, "data": console.landlord_names()})


class UserListView(AdminView):
    audit_handlers = {"GET": "getUsers"}

    @extend_schema(tags=["admin"], parameters=[AdminUserQuery], responses={200: schemas.ADMIN_USER_PAGE})
    def get(self, request):
        query = self.parse_query(AdminUserQuery)
        data = query.validated_data
        queryset = console.admin_users_queryset(
            search=data.get("search"), landlord_id=data.get("landlord_id"), user_type=data.get("userType")
        )
        return self.page(query, queryset, console.admin_user_rows)


class UserDetailView(AdminView):
    audit_handlers = {"GET": "getUser"}

    @extend_schema(tags=["admin"], responses={200: schemas.ADMIN_USER})
    def get(self, request, id):
        user = self.load(User, id, not_found="User not found")
        return Response({"success": True, "data": console.admin_user_detail(user)})


class LandlordListView(AdminView):
    audit_handlers = {"GET": "getLandlords"}

    @extend_schema(tags=["admin"], parameters=[AdminNamedQuery], responses={200: schemas.ADMIN_LANDLORD_PAGE})
    def get(self, request):
        query = self.parse_query(AdminNamedQuery)
        queryset = console.admin_landlords_queryset(search=query.validated_data.get("search"))
        return self.page(query, queryset, console.admin_landlord_rows)


class LandlordDetailView(AdminView):
    audit_handlers = {"GET": "getLandlord"}

    @extend_schema(tags=["admin"], responses={200: schemas.ADMIN_LANDLORD})
    def get(self, request, id):
        landlord = self.load(Landlord, id, not_found="Landlord not found")
        return Response({"success": True, "data": console.admin_landlord_detail(landlord)})


class PartyListView(AdminView):
    model: type = Tenant
    query_class: type = AdminNamedQuery

    def get(self, request):
        query = self.parse_query(self.query_class)
        data = query.validated_data
        queryset = console.admin_parties_queryset(
            self.model, search=data.get("search"), landlord_id=data.get("landlord_id")
        )
        return self.page(query, queryset, lambda rows: console.admin_party_rows(self.model, rows))


class PartyDetailView(AdminView):
    model: type = Tenant
    not_found = "Tenant not found"

    def get(self, request, id):
        party = self.load(self.model, id, not_found=self.not_found)
        return Response({"success": True, "data": console.admin_party_detail(self.model, party)})


def _party_schema(page, item, detail: bool = False):
    return extend_schema_view(
        get=extend_schema(
            tags=["admin"],
            parameters=None
            if detail
            else [AdminContractorQuery if "Contractor" in item else AdminNamedQuery],
            responses={200: page},
        )
    )


@_party_schema(schemas.ADMIN_TENANT_PAGE, "Tenant")
class TenantListView(PartyListView):
    model = Tenant
    audit_handlers = {"GET": "getTenants"}


@_party_schema(schemas.ADMIN_TENANT, "Tenant", detail=True)
class TenantDetailView(PartyDetailView):
    model = Tenant
    not_found = "Tenant not found"
    audit_handlers = {"GET": "getTenant"}


@_party_schema(schemas.ADMIN_CONTRACTOR_PAGE, "Contractor")
class ContractorListView(PartyListView):
    model = Contractor
    query_class = AdminContractorQuery
    audit_handlers = {"GET": "getContractors"}


@_party_schema(schemas.ADMIN_CONTRACTOR, "Contractor", detail=True)
class ContractorDetailView(PartyDetailView):
    model = Contractor
    not_found = "Contractor not found"
    audit_handlers = {"GET": "getContractor"}


class AuditLogListView(AdminView):
    audit_handlers = {"GET": "getAuditLogs"}

    @extend_schema(tags=["admin"], parameters=[AdminAuditQuery], responses={200: AUDIT_PAGE})
    def get(self, request):
        query = self.parse_query(AdminAuditQuery)
        data = query.validated_data
        queryset = console.admin_audit_queryset(
            user_id=data.get("user_id"),
            action=data.get("action"),
            search=data.get("search"),
            start_date=data.get("start_date"),
            end_date=data.get("end_date"),
        )
        return self.page(query, queryset, console.admin_audit_rows)


class AuditLogDetailView(AdminView):
    audit_handlers = {"GET": "getAuditLog"}

    @extend_schema(tags=["admin"], responses={200: AUDIT_DETAIL})
    def get(self, request, id):
        log = self.load(AuditLog, id, not_found="Audit log not found")
        return Response({"success": True, "data": console.admin_audit_detail(log)})
