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
