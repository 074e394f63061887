"""OpenAPI shapes of the identity responses that are not a single record serializer.

Names are the internal snake_case ones; the camel-case postprocessing hook renames them as the
renderer does on the wire. The token fields are written as the views write them (``accessToken``,
``refreshToken``): ``access_token`` is one of the keys the renderer keeps verbatim. Only documentation: no view serializes through these.
"""

from __future__ import annotations

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from apps.accounts.auth_serializers import SessionOutput
from apps.accounts.models import User
from apps.accounts.users_serializers import (
    ContractorRecordSerializer,
    LandlordRecordSerializer,
    TenantRecordSerializer,
    UserRecordSerializer,
)


def _obj(**fields) -> serializers.JSONField:
    return serializers.JSONField(**fields)


def page_of(name: str, item) -> serializers.Serializer:
    """The list envelope of spec 00 section 8 around ``item`` (a serializer instance or class)."""
    child = item(many=True) if isinstance(item, type) else serializers.ListField(child=item)
    return inline_serializer(
        name=name,
        fields={
            "data": child,
            "total": serializers.IntegerField(),
            "page": serializers.IntegerField(),
            "limit": serializers.IntegerField(),
            "total_pages": serializers.IntegerField(),
            "has_next_page": serializers.BooleanField(),
            "has_prev_page": serializers.BooleanField(),
        },
    )


def success_of(name: str, data) -> serializers.Serializer:
    """``{success: true, data}``."""
    return inline_serializer(name=name, fields={"success": serializers.BooleanField(), "data": data})


SUCCESS = inline_serializer(name="Success", fields={"success": serializers.BooleanField()})
MESSAGE = inline_serializer(name="Message", fields={"message": serializers.CharField()})

AUTH_USER = inline_serializer(
    name="AuthUser",
    fields={
        "_id": serializers.UUIDField(),
        "username": serializers.CharField(),
        "email": serializers.EmailField(),
        "user_type": serializers.ChoiceField(choices=User.UserTypes.choices),
        "organization_id": serializers.UUIDField(allow_null=True),
        "is_primary": serializers.BooleanField(),
        "email_verified_at": serializers.DateTimeField(allow_null=True),
        "role": serializers.ChoiceField(choices=User.Roles.choices, allow_null=True),
    },
)
LOGIN = inline_serializer(
    name="LoginResponse",
    fields={
        "user": AUTH_USER,
        "accessToken": serializers.CharField(),
        "refreshToken": serializers.CharField(),
    },
)
TOKENS = inline_serializer(
    name="TokenPair",
    fields={"accessToken": serializers.CharField(), "refreshToken": serializers.CharField()},
)
REGISTRATION = inline_serializer(
    name="RegistrationResponse",
    fields={
        "success": serializers.BooleanField(),
        "message": serializers.CharField(),
        "organization": inline_serializer(
            name="OrganizationName", fields={"_id": serializers.UUIDField(), "name": serializers.CharField()}
        ),
        "user": AUTH_USER,
        "accessToken": serializers.CharField(),
    },
)
SEED_REGISTRATION = inline_serializer(
    name="SeedRegistrationResponse",
    fields={
        "accessToken": serializers.CharField(),
        "refreshToken": serializers.CharField(),
        "user": AUTH_USER,
    },
)
VERIFIED = inline_serializer(
    name="VerificationResponse",
    fields={
        "success": serializers.BooleanField(),
        "user": AUTH_USER,
        "accessToken": serializers.CharField(),
    },
)
SESSIONS = inline_serializer(name="SessionList", fields={"data": SessionOutput(many=True)})
ME = inline_serializer(
    name="Me",
    fields={
        "_id": serializers.UUIDField(),
        "username": serializers.CharField(),
        "email": serializers.EmailField(),
        "user_type": serializers.ChoiceField(choices=User.UserTypes.choices),
        "organization_id": _obj(allow_null=True, help_text="The organization record (no Stripe settings)"),
        "organization_info": _obj(allow_null=True, help_text="Same as organization_id"),
        "role": serializers.ChoiceField(choices=User.Roles.choices, allow_null=True),
        "email_verified_at": serializers.DateTimeField(allow_null=True),
        "is_primary": serializers.BooleanField(),
    },
)

# -- users -----------------------------------------------------------------------------------------
USER_PAGE = page_of("UserPage", UserRecordSerializer)
USER_WRAPPED = success_of("UserResponse", UserRecordSerializer())
PROFILE_PICTURE = success_of(
    "ProfilePictureResponse",
    inline_serializer(
        name="ProfilePicture", fields={"profile_picture": serializers.URLField(allow_null=True)}
    ),
)
PRIVACY = success_of(
    "PrivacySettingsResponse",
    inline_serializer(
        name="PrivacySettings",
        fields={
            "allow_neighbors_to_message": serializers.BooleanField(),
            "allow_group_chat_invites": serializers.BooleanField(),
        },
    ),
)

# -- invitations and onboarding ----------------------------------------------------------------------
INVITATION_VALIDATE = inline_serializer(
    name="InvitationValidation",
    fields={
        "valid": serializers.BooleanField(),
        "invitation": inline_serializer(
            name="InvitationSummary",
            fields={
                "entity_type": serializers.CharField(),
                "email": serializers.EmailField(),
                "entity_data": _obj(),
                "expires_at": serializers.DateTimeField(),
            },
        ),
        "existing_user": serializers.BooleanField(),
        "requires_form": serializers.BooleanField(),
    },
)
INVITATION_ACCEPT = inline_serializer(
    name="InvitationAcceptance",
    fields={
        "success": serializers.BooleanField(),
        "entity_type": serializers.CharField(),
        "entity": _obj(help_text="The new Tenant/Contractor record or staff UserRecord, or a link summary"),
        "existing_user": serializers.BooleanField(),
        "message": serializers.CharField(),
        "auth": inline_serializer(
            name="InvitationAuth",
            fields={"user": AUTH_USER, "accessToken": serializers.CharField()},
            allow_null=True,
        ),
    },
)
ONBOARDING_ORG = inline_serializer(
    name="OnboardingOrgResponse",
    fields={"success": serializers.BooleanField(), "message": serializers.CharField(required=False)},
)
ONBOARDING_ORG_INPUT = inline_serializer(name="OnboardingOrgInput", fields={"name": serializers.CharField()})
ONBOARDING_STATE = inline_serializer(
    name="OnboardingState",
    fields={
        name: serializers.BooleanField()
        for name in ("has_properties", "has_units", "has_tenants", "has_contractors", "has_tickets")
    },
)
ONBOARDING_UNIT = inline_serializer(
    name="OnboardingUnitInput",
    fields={
        "property_id": serializers.UUIDField(),
        "unit_number": serializers.CharField(),
        "size": serializers.FloatField(),
        "type": serializers.CharField(help_text="The unit fields of POST /properties/:id/units"),
    },
)
PROPERTY_CREATED = success_of(
    "OnboardingPropertyResponse",
    inline_serializer(
        name="OnboardingPropertyData",
        fields={"property": _obj(), "units": serializers.ListField(child=_obj(), required=False)},
    ),
)
UNIT_CREATED = success_of(
    "OnboardingUnitResponse", inline_serializer(name="OnboardingUnitData", fields={"unit": _obj()})
)

# -- tenants and contractors -----------------------------------------------------------------------
TENANT_LIST_ITEM = inline_serializer(
    name="TenantListItem",
    fields={
        "_id": serializers.UUIDField(),
        "name": serializers.CharField(),
        "landlords": serializers.ListField(child=serializers.UUIDField()),
        "invitation_context": _obj(),
        "created_at": serializers.DateTimeField(),
        "updated_at": serializers.DateTimeField(),
        "email": serializers.EmailField(required=False, allow_null=True, help_text="includeStats only"),
        "phone": serializers.CharField(required=False, allow_null=True, help_text="includeStats only"),
        "profile_picture": serializers.CharField(
            required=False, allow_null=True, help_text="includeStats only"
        ),
        "active_leases_count": serializers.IntegerField(required=False, help_text="includeStats only"),
        "has_active_leases": serializers.BooleanField(required=False, help_text="includeStats only"),
        "outstanding_balance": serializers.FloatField(required=False, help_text="includeStats only"),
    },
)
TENANT_PAGE = page_of("TenantPage", TENANT_LIST_ITEM)
TENANT_STATS = inline_serializer(
    name="TenantStats",
    fields={
        "active_leases": serializers.IntegerField(),
        "total_monthly_rent": serializers.FloatField(),
        "outstanding": serializers.FloatField(),
        "next_expiry": serializers.DateTimeField(allow_null=True),
    },
)
UNIT_SUMMARIES = inline_serializer(
    name="UnitSummary",
    many=True,
    fields={
        "_id": serializers.UUIDField(),
        "unit_number": serializers.CharField(),
        "size": serializers.FloatField(allow_null=True),
        "type": serializers.CharField(allow_null=True),
    },
)
MY_PROPERTIES = inline_serializer(
    name="PartyProperty",
    many=True,
    fields={
        "_id": serializers.UUIDField(),
        "name": serializers.CharField(),
        "address": _obj(allow_null=True),
        "description": serializers.CharField(allow_null=True),
        "units": UNIT_SUMMARIES,
    },
)
NEIGHBORS = inline_serializer(
    name="NeighborUnit",
    many=True,
    fields={
        "_id": serializers.UUIDField(),
        "unit_number": serializers.CharField(),
        "size": serializers.FloatField(allow_null=True),
        "type": serializers.CharField(allow_null=True),
        "property": _obj(),
        "active_lease": _obj(),
        "media": serializers.ListField(child=_obj()),
    },
)
CONTRACTOR_VIEW = inline_serializer(
    name="ContractorView",
    fields={
        "_id": serializers.UUIDField(),
        "name": serializers.CharField(),
        "category": serializers.CharField(),
        "username": serializers.CharField(allow_null=True),
        "first_name": serializers.CharField(allow_null=True),
        "last_name": serializers.CharField(allow_null=True),
        "email": serializers.EmailField(allow_null=True),
        "phone": serializers.CharField(allow_null=True),
        "user_id": serializers.UUIDField(allow_null=True),
        "created_at": serializers.DateTimeField(),
        "updated_at": serializers.DateTimeField(),
        "active_tickets_count": serializers.IntegerField(),
        "completed_tickets_count": serializers.IntegerField(),
    },
)
CONTRACTOR_PAGE = page_of("ContractorPage", CONTRACTOR_VIEW)

# -- admin console ---------------------------------------------------------------------------------
OVERVIEW = success_of(
    "AdminOverviewResponse",
    inline_serializer(
        name="AdminOverview",
        fields={
            **{
                name: serializers.IntegerField()
                for name in (
                    "total_landlords",
                    "total_users",
                    "total_tenants",
                    "total_contractors",
                    "total_properties",
                    "total_units",
                    "total_active_leases",
                    "total_open_tickets",
                    "total_pending_transactions",
                    "total_open_tasks",
                )
            },
            "recent_activity": inline_serializer(
                name="AdminRecentActivity",
                fields={
                    name: serializers.IntegerField()
                    for name in (
                        "new_users_last7_days",
                        "new_properties_last7_days",
                        "new_tickets_last7_days",
                        "transactions_last7_days",
                    )
                },
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
            "active_lease_count": serializers.IntegerField(),
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
