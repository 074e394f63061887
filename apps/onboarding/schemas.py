"""OpenAPI shapes of the onboarding responses (spec 02 section 5). Only documentation."""

from __future__ import annotations

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from apps.accounts.schemas import success_of


def _obj(**fields) -> serializers.JSONField:
    return serializers.JSONField(**fields)


ONBOARDING_ORG = inline_serializer(
    name="OnboardingOrgResponse",
    fields={"success": serializers.BooleanField(), "message": serializers.CharField(required=False)},
)
ONBOARDING_ORG_INPUT = inline_serializer(name="OnboardingOrgInput", fields={"name": serializers.CharField()})
ONBOARDING_STATE = inline_serializer(
    name="OnboardingState",
    fields={
        **{
            name: serializers.BooleanField()
            for name in ("has_properties", "has_units", "has_tenants", "has_contractors")
        },
        "has_tickets": serializers.BooleanField(
            allow_null=True, help_text="absent (null) while the maintenance domain is not installed"
        ),
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
