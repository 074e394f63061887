"""Onboarding routes (spec 02 section 5).

``/onboarding/property`` and ``/onboarding/unit`` call the properties app's create services with
that app's input serializers and output shapes, so the rules, validation and response are those of
``POST /properties`` and ``POST /properties/:id/units`` (without photo uploads).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from apps.core.serializers import InputSerializer
from apps.core.views import ApiView, parse_id
from apps.onboarding import schemas
from apps.onboarding.services import (
    landlord_rename,
    onboarding_invite_staff,
    onboarding_invite_tenant,
    onboarding_state,
)
from apps.people.invitations_views import InvitationRecord
from apps.properties.serializers import PropertyCreateInput, UnitWriteInput, property_to_dict, unit_to_dict
from apps.properties.services import property_create, unit_create

CONTROLLER = "OnboardingController"


def _raw_body(request) -> dict:
    data = request.data
    if isinstance(data, dict):
        return dict(data)
    return data.dict() if hasattr(data, "dict") else {}


def _validated(serializer_class, data: dict, request) -> dict:
    serializer = serializer_class(data=data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class OnboardingStaffInput(InputSerializer):
    email = serializers.EmailField()


class OnboardingTenantInput(InputSerializer):
    email = serializers.EmailField()
    property_id = serializers.UUIDField(required=False, allow_null=True)
    unit_id = serializers.UUIDField(required=False, allow_null=True)


class OnboardingOrgView(ApiView):
    audit_controller = CONTROLLER
    audit_handlers = {"POST": "updateOrg"}

    @extend_schema(
        tags=["onboarding"], request=schemas.ONBOARDING_ORG_INPUT, responses={201: schemas.ONBOARDING_ORG}
    )
    def post(self, request):
        return Response(
            landlord_rename(principal=self.principal, name=_raw_body(request).get("name")),
            status=201,
        )


class OnboardingStateView(ApiView):
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "getState"}

    @extend_schema(tags=["onboarding"], responses={200: schemas.ONBOARDING_STATE})
    def get(self, request):
        return Response(onboarding_state(principal=self.principal))


class OnboardingPropertyView(ApiView):
    """``POST /properties`` without photos: the same rules, validation and body (spec 03)."""

    policies = {"POST": [("create", "Property")]}
    audit_controller = CONTROLLER
    audit_handlers = {"POST": "createProperty"}

    @extend_schema(
        tags=["onboarding"], request=PropertyCreateInput, responses={201: schemas.PROPERTY_CREATED}
    )
    def post(self, request):
        data = _validated(PropertyCreateInput, _raw_body(request), request)
        prop, _media, units = property_create(principal=self.principal, data=data)
        payload = {"property": property_to_dict(prop)}
        if units:
            payload["units"] = [unit_to_dict(unit) for unit in units]
        return Response(
            {"success": True, "data": payload, "message": "Property created successfully"}, status=201
        )


class OnboardingUnitView(ApiView):
    """``POST /properties/:propertyId/units`` without photos, the property id in the body."""

    policies = {"POST": [("create", "Unit")]}
    audit_controller = CONTROLLER
    audit_handlers = {"POST": "createUnit"}

    @extend_schema(
        tags=["onboarding"], request=schemas.ONBOARDING_UNIT, responses={201: schemas.UNIT_CREATED}
    )
    def post(self, request):
        body = _raw_body(request)
        property_id = parse_id(body.pop("property_id", None), label="propertyId")
        data = _validated(UnitWriteInput, body, request)
        unit, _media = unit_create(principal=self.principal, property_id=property_id, data=data)
        return Response(
            {"success": True, "data": {"unit": unit_to_dict(unit)}, "message": "Unit created successfully"},
            status=201,
        )


class OnboardingStaffView(ApiView):
    audit_controller = CONTROLLER
    audit_handlers = {"POST": "inviteStaff"}

    @extend_schema(tags=["onboarding"], request=OnboardingStaffInput, responses={201: InvitationRecord})
    def post(self, request):
        data = self.parse_body(OnboardingStaffInput)
        invitation = onboarding_invite_staff(
            inviter=request.user, principal=self.principal, email=data["email"]
        )
        return Response(InvitationRecord(invitation).data, status=201)


class OnboardingTenantView(ApiView):
    audit_controller = CONTROLLER
    audit_handlers = {"POST": "inviteTenant"}

    @extend_schema(tags=["onboarding"], request=OnboardingTenantInput, responses={201: InvitationRecord})
    def post(self, request):
        data = self.parse_body(OnboardingTenantInput)
        invitation = onboarding_invite_tenant(
            inviter=request.user,
            principal=self.principal,
            email=data["email"],
            property_id=data.get("property_id"),
            unit_id=data.get("unit_id"),
        )
        return Response(InvitationRecord(invitation).data, status=201)
