"""OpenAPI shapes of the identity routes of the admin console (spec 02 section 9). Only documentation."""

from __future__ import annotations

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from apps.accounts.schemas import page_of, success_of
from apps.accounts.users_serializers import (
    ContractorRecordSerializer,
    LandlordRecordSerializer,
    TenantRecordSerializer,
    UserRecordSerializer,
)

# -- admin console ---------------------------------------------------------------------------------
ABSENT_DOMAIN = "omitted while its domain is not installed"


def _counters(present: tuple[str, ...], optional: tuple[str, ...]) -> dict:
    return {
        **{name: serializers.IntegerField() for name in present},
        **{name: serializers.IntegerField(required=False, help_text=ABSENT_DOMAIN) for name in optional},
    }


OVERVIEW = success_of(
    "AdminOverviewResponse",
    inline_serializer(
        name="AdminOverview",
        fields={
            **_counters(
                (
                    "total_landlords",
                    "total_users",
                    "total_tenants",
                    "total_contractors",
                    "total_properties",
                    "total_units",
                ),
                (
                    "total_active_leases",
                    "total_open_tickets",
                    "total_pending_transactions",
                    "total_open_tasks",
                ),
            ),
            "recent_activity": inline_serializer(
                name="AdminRecentActivity",
                fields=_counters(
                    ("new_users_last7_days", "new_properties_last7_days"),
                    ("new_tickets_last7_days", "transactions_last7_days"),
                ),
            ),
        },
    ),
)
LANDLORD_NAMES = success_of(
    "AdminLandlordNamesResponse",
    inline_serializer(
        name="AdminLandlordName",
        many=True,
        fields={
            "_id": serializers.UUIDField(),
            "name": serializers.CharField(),
            "created_at": serializers.DateTimeField(),
        },
    ),
)


class AdminUserRow(UserRecordSerializer):
    organization_name = serializers.CharField(allow_null=True, read_only=True)

    class Meta(UserRecordSerializer.Meta):
        fields = (*UserRecordSerializer.Meta.fields, "organization_name")


class AdminLandlordRow(LandlordRecordSerializer):
    user_count = serializers.IntegerField(read_only=True)
    property_count = serializers.IntegerField(read_only=True)

    class Meta(LandlordRecordSerializer.Meta):
        fields = (*LandlordRecordSerializer.Meta.fields, "user_count", "property_count")


class AdminLandlordDetail(LandlordRecordSerializer):
    users = UserRecordSerializer(many=True, read_only=True)
    stats = inline_serializer(
        name="AdminLandlordStats",
        fields={
            "user_count": serializers.IntegerField(),
            "property_count": serializers.IntegerField(),
            "active_lease_count": serializers.IntegerField(required=False, help_text=ABSENT_DOMAIN),
        },
        read_only=True,
    )

    class Meta(LandlordRecordSerializer.Meta):
        fields = (*LandlordRecordSerializer.Meta.fields, "users", "stats")


def _party_row(base):
    class Row(base):
        user_count = serializers.IntegerField(read_only=True)
        landlord_names = serializers.ListField(child=serializers.CharField(), read_only=True)

        class Meta(base.Meta):
            fields = (*base.Meta.fields, "user_count", "landlord_names")

    Row.__name__ = Row.__qualname__ = f"Admin{base.Meta.model.__name__}Row"
    return Row


class AdminLandlordRef(serializers.Serializer):
    _id = serializers.UUIDField()
    name = serializers.CharField()


def _party_detail(base):
    class Detail(base):
        landlords = AdminLandlordRef(many=True, read_only=True)
        users = UserRecordSerializer(many=True, read_only=True)

        class Meta(base.Meta):
            fields = (*base.Meta.fields, "users")

    Detail.__name__ = Detail.__qualname__ = f"Admin{base.Meta.model.__name__}Detail"
    return Detail


AdminTenantRow = _party_row(TenantRecordSerializer)
AdminContractorRow = _party_row(ContractorRecordSerializer)
AdminTenantDetail = _party_detail(TenantRecordSerializer)
AdminContractorDetail = _party_detail(ContractorRecordSerializer)

ADMIN_USER_PAGE = page_of("AdminUserPage", AdminUserRow)
ADMIN_USER = success_of("AdminUserResponse", UserRecordSerializer())
ADMIN_LANDLORD_PAGE = page_of("AdminLandlordPage", AdminLandlordRow)
ADMIN_LANDLORD = success_of("AdminLandlordResponse", AdminLandlordDetail())
ADMIN_TENANT_PAGE = page_of("AdminTenantPage", AdminTenantRow)
ADMIN_TENANT = success_of("AdminTenantResponse", AdminTenantDetail())
ADMIN_CONTRACTOR_PAGE = page_of("AdminContractorPage", AdminContractorRow)
ADMIN_CONTRACTOR = success_of("AdminContractorResponse", AdminContractorDetail())
