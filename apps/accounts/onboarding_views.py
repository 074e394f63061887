"""Onboarding routes (spec 02 section 5).

``/onboarding/property`` and ``/onboarding/unit`` hand the request to the properties app's own
create routes (``POST /properties`` and ``POST /properties/:id/units``), so the rules, validation
and response are exactly those routes'.
"""

from __future__ import annotations

import copy
import io
import json

from django.urls import Resolver404, resolve
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from apps.accounts.invitations_views import InvitationRecord
from apps.accounts.onboarding_services import (
    landlord_rename,
    onboarding_invite_staff,
    onboarding_invite_tenant,
    onboarding_state,
)
from apps.core.exceptions import ServiceUnavailable
from apps.core.serializers import InputSerializer
from apps.core.views import ApiView, parse_id

CONTROLLER = "OnboardingController"


def _raw_body(request) -> dict:
    data = request.data
    if isinstance(data, dict):
        return dict(data)
    return data.dict() if hasattr(data, "dict") else {}


def forward_post(request, path: str, body: dict):
    """Run ``POST path`` of this API in-process with ``body`` (JSON) and the caller's credentials."""
    try:
        match = resolve(path)
    except Resolver404:
        raise ServiceUnavailable("Property management is not available") from None
    raw = json.dumps(body, default=str).encode()
    inner = copy.copy(request._request)
    inner.META = {
        **inner.META,
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(raw)),
        "PATH_INFO": path,
    }
    inner.path = inner.path_info = path
    inner._stream = io.BytesIO(raw)
    inner._read_started = False
    inner._body = raw
    for attribute in ("_post", "_files", "_data"):
        inner.__dict__.pop(attribute, None)
    return match.func(inner, *match.args, **match.kwargs)


class OnboardingStaffInput(InputSerializer):
    email = serializers.EmailField()


class OnboardingTenantInput(InputSerializer):
    email = serializers.EmailField()
    property_id = serializers.UUIDField(required=False, allow_null=True)
    unit_id = serializers.UUIDField(required=False, allow_null=True)


class OnboardingOrgView(ApiView):
    audit_controller = CONTROLLER
    audit_handlers = {"POST": "updateOrg"}

    @extend_schema(tags=["onboarding"], request=OpenApiTypes.OBJECT, responses={201: OpenApiTypes.OBJECT})
    def post(self, request):
        return Response(
            landlord_rename(principal=self.principal, name=_raw_body(request).get("name")),
            status=201,
        )


class OnboardingStateView(ApiView):
    audit_controller = CONTROLLER
    audit_handlers = {"GET": "getState"}

    @extend_schema(tags=["onboarding"], responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        return Response(onboarding_state(principal=self.principal))


class OnboardingPropertyView(ApiView):
    audit_controller = CONTROLLER
    audit_handlers = {"POST": "createProperty"}

    @extend_schema(tags=["onboarding"], request=OpenApiTypes.OBJECT, responses={201: OpenApiTypes.OBJECT})
    def post(self, request):
        return forward_post(request, "/properties", _raw_body(request))


class OnboardingUnitView(ApiView):
    audit_controller = CONTROLLER
    audit_handlers = {"POST": "createUnit"}

    @extend_schema(tags=["onboarding"], request=OpenApiTypes.OBJECT, responses={201: OpenApiTypes.OBJECT})
    def post(self, request):
        body = _raw_body(request)
        property_id = parse_id(body.pop("property_id", None), label="propertyId")
        return forward_post(request, f"/properties/{property_id}/units", body)


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
