"""Request bodies of the ``/auth`` routes (spec 02 section 2)."""

from __future__ import annotations

from rest_framework import serializers

from apps.accounts.users_serializers import WEAK_PASSWORD_LONG, StrongPasswordField
from apps.core.serializers import InputSerializer, IsoDateTimeField


class LoginInput(InputSerializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False)


class RegisterLandlordInput(InputSerializer):
    first_name = serializers.CharField(max_length=50)
    last_name = serializers.CharField(max_length=50)
    email = serializers.EmailField()
    password = serializers.CharField(min_length=8, trim_whitespace=False)
    organization_name = serializers.CharField(required=False, allow_blank=True, max_length=200)


class PartyAccountInput(InputSerializer):
    """An organization and its first user: the tenant and contractor DTOs (spec 02 section 2).

    Also the body of ``POST /tenants`` and ``POST /contractors``. ``profilePicture`` is accepted and
    ignored, as in the original.
    """

    name = serializers.CharField(min_length=2, max_length=100)
    username = serializers.CharField(min_length=3, max_length=64)
    first_name = serializers.CharField(max_length=50)
    last_name = serializers.CharField(max_length=50)
    email = serializers.EmailField()
    phone = serializers.CharField(required=False, allow_blank=True, max_length=40)
    password = StrongPasswordField(weak_message=WEAK_PASSWORD_LONG)
    profile_picture = serializers.CharField(required=False, allow_blank=True)

    def validate(self, attrs):
        attrs.pop("profile_picture", None)
        return attrs


class RegisterTenantInput(PartyAccountInput):
    invitation_context = serializers.DictField(required=False)


class RegisterContractorInput(PartyAccountInput):
    category = serializers.CharField(max_length=100)


class RefreshInput(InputSerializer):
    """The refresh token may come in the body (``refreshToken``) when there is no cookie.

    ``refresh_token`` is a wire-verbatim key, so the parser leaves ``refreshToken`` as sent.
    """

    refreshToken = serializers.CharField(required=False, allow_blank=True, max_length=512)  # noqa: N815
    refresh_token = serializers.CharField(required=False, allow_blank=True, max_length=512)


class ForgotPasswordInput(InputSerializer):
    email = serializers.EmailField()


class ResetPasswordInput(InputSerializer):
    token = serializers.CharField(max_length=512)
    password = serializers.CharField(min_length=8, trim_whitespace=False)


class VerifyConfirmInput(InputSerializer):
    openapi_schema = {"anyOf": [{"required": ["token"]}, {"required": ["code"]}]}

    token = serializers.CharField(required=False, allow_blank=True, max_length=512)
    code = serializers.CharField(required=False, allow_blank=True, min_length=6, max_length=6)

    def validate_code(self, value: str) -> str:
        if value and len(value) != 6:
            raise serializers.ValidationError("must be longer than or equal to 6 characters")
        return value


class SessionOutput(serializers.Serializer):
    _id = serializers.CharField(source="pk")
    ip = serializers.CharField()
    user_agent = serializers.CharField()
    created_at = IsoDateTimeField()
    expires_at = IsoDateTimeField()
