"""OpenAPI shapes of the people responses (users, invitations, tenants, contractors) that are not a
single record serializer. Only documentation: no view serializes through these.
"""

from __future__ import annotations

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from apps.accounts.schemas import AUTH_USER, page_of, success_of
from apps.accounts.users_serializers import UserRecordSerializer


def _obj(**fields) -> serializers.JSONField:
    return serializers.JSONField(**fields)


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

# -- invitations ------------------------------------------------------------------------------
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
        "active_leases_count": serializers.IntegerField(
            required=False,
            allow_null=True,
            help_text="includeStats only; absent (null) while the leases domain is not installed",
        ),
        "has_active_leases": serializers.BooleanField(
            required=False,
            allow_null=True,
            help_text="includeStats only; absent (null) while the leases domain is not installed",
        ),
        "outstanding_balance": serializers.FloatField(
            required=False,
            allow_null=True,
            help_text="includeStats only; absent (null) while the leases domain is not installed",
        ),
    },
)
TENANT_PAGE = page_of("TenantPage", TENANT_LIST_ITEM)
TENANT_STATS = inline_serializer(
    name="TenantStats",
    fields={
        "active_leases": serializers.IntegerField(
            allow_null=True, help_text="absent (null) while the leases domain is not installed"
        ),
        "total_monthly_rent": serializers.FloatField(
            allow_null=True, help_text="absent (null) while the leases domain is not installed"
        ),
        "outstanding": serializers.FloatField(
            allow_null=True, help_text="absent (null) while the leases domain is not installed"
        ),
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
        "active_tickets_count": serializers.IntegerField(
            allow_null=True, help_text="absent (null) while the maintenance domain is not installed"
        ),
        "completed_tickets_count": serializers.IntegerField(
            allow_null=True, help_text="absent (null) while the maintenance domain is not installed"
        ),
    },
)
CONTRACTOR_PAGE = page_of("ContractorPage", CONTRACTOR_VIEW)
