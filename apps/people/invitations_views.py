"""Invitation routes (spec 02 section 4)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from apps.accounts.models import Invitation
from apps.accounts.schemas import MESSAGE, page_of
from apps.accounts.users_serializers import WEAK_PASSWORD_LONG, StrongPasswordField
from apps.core import access
from apps.core.exceptions import Forbidden
from apps.core.pagination import ListQuery, search_filter
from apps.core.serializers import IdField, InputSerializer, RecordSerializer, record_meta_fields
from apps.core.views import ApiView
from apps.people import schemas
from apps.people.invitations_services import (
    invitation_accept,
    invitation_create,
    invitation_delete,
    invitation_revoke,
    invitation_validate,
)


class InvitationRecord(RecordSerializer):
    """The Invitation record; the token hash is never emitted (spec README rule 1)."""

    invited_by = IdField(source="invited_by_id", read_only=True)
    landlord = IdField(source="landlord_id", read_only=True)

    class Meta:
        model = Invitation
        fields = record_meta_fields(
            "invited_by",
            "landlord",
            "entity_type",
            "email",
            "entity_data",
            "status",
            "expires_at",
            "accepted_at",
        )


INVITATION_PAGE = page_of("InvitationPage", InvitationRecord)


class InvitationCreateInput(InputSerializer):
    entity_type = serializers.ChoiceField(choices=Invitation.EntityType.values)
    email = serializers.EmailField()
    entity_data = serializers.DictField(required=False)


class InvitationListQuery(ListQuery):
    entity_type = serializers.ChoiceField(choices=Invitation.EntityType.values, required=False)
    status = serializers.ChoiceField(choices=Invitation.Status.values, required=False)
    sort_order = serializers.CharField(required=False, max_length=8)

    sortable = {
        "createdAt": "created_at",
        "updatedAt": "updated_at",
        "expiresAt": "expires_at",
        "email": "email",
        "status": "status",
        "entityType": "entity_type",
    }

    def ordering(self) -> tuple[str, ...]:
        """``desc`` sorts descending, anything else (or nothing) ascending, as the original."""
        data = self.validated_data
        prefix = "-" if str(data.get("sort_order", "")).lower() == "desc" else ""
        return (f"{prefix}{self.sortable[data['sort_by']]}", f"{prefix}id")


class InvitationAcceptInput(InputSerializer):
    name = serializers.CharField(required=False, allow_blank=True, min_length=2, max_length=100)
    first_name = serializers.CharField(required=False, allow_blank=True, max_length=50)
    last_name = serializers.CharField(required=False, allow_blank=True, max_length=50)
    username = serializers.CharField(required=False, allow_blank=True, min_length=3, max_length=64)
    phone = serializers.CharField(required=False, allow_blank=True)
    category = serializers.CharField(required=False, allow_blank=True, max_length=100)
    password = StrongPasswordField(required=False, allow_blank=True, weak_message=WEAK_PASSWORD_LONG)


class InvitationsView(ApiView):
    audit_controller = "InvitationsController"
    audit_handlers = {"GET": "findAll", "POST": "create"}

    @extend_schema(tags=["invitations"], request=InvitationCreateInput, responses={201: InvitationRecord})
    def post(self, request):
        if not access.can(self.principal, access.CREATE, "Invitation"):
            raise Forbidden("You do not have permission to create invitations")
        data = self.parse_body(InvitationCreateInput)
        invitation, _ = invitation_create(
            inviter=request.user,
            principal=self.principal,
            entity_type=data["entity_type"],
            email=data["email"],
            entity_data=data.get("entity_data"),
        )
        return Response(InvitationRecord(invitation).data, status=201)

    @extend_schema(tags=["invitations"], parameters=[InvitationListQuery], responses={200: INVITATION_PAGE})
    def get(self, request):
        if not access.can(self.principal, access.READ, "Invitation"):
            raise Forbidden("You do not have permission to view invitations")
        query = self.parse_query(InvitationListQuery)
        params = query.validated_data
        queryset = Invitation.objects.all()
        for field in ("entity_type", "status"):
            if params.get(field):
                queryset = queryset.filter(**{field: params[field]})
        clause = search_filter(params.get("search"), "email", "entity_data__name")
        if clause is not None:
            queryset = queryset.filter(clause)
        return Response(
            query.page_of(
                queryset,
                serialize=lambda rows: InvitationRecord(rows, many=True).data,
            )
        )


class InvitationValidateView(ApiView):
    public = True
    audit_controller = "InvitationsController"
    audit_handlers = {"GET": "validateToken"}

    @extend_schema(tags=["invitations"], responses={200: schemas.INVITATION_VALIDATE})
    def get(self, request, token):
        return Response(invitation_validate(token))


class InvitationAcceptView(ApiView):
    public = True
    error_statuses = (401,)
    audit_controller = "InvitationsController"
    audit_handlers = {"POST": "acceptInvitation"}

    @extend_schema(
        tags=["invitations"], request=InvitationAcceptInput, responses={201: schemas.INVITATION_ACCEPT}
    )
    def post(self, request, token):
        from apps.accounts.sessions import apply_auth_cookies

        data = self.parse_body(InvitationAcceptInput)
        body, user, access_token, refresh_token = invitation_accept(
            raw_token=token, data=data, request=request
        )
        response = Response(body, status=201)
        apply_auth_cookies(response, user=user, access_token=access_token, refresh_token=refresh_token)
        return response


class InvitationRevokeView(ApiView):
    audit_controller = "InvitationsController"
    audit_handlers = {"PATCH": "revoke"}

    @extend_schema(tags=["invitations"], request=None, responses={200: MESSAGE})
    def patch(self, request, pk):
        if not access.can(self.principal, access.UPDATE, "Invitation"):
            raise Forbidden("You do not have permission to revoke invitations")
        invitation = self.load(Invitation, pk, not_found=f"Invitation with ID {pk} not found")
        invitation_revoke(invitation=invitation)
        return Response({"message": "Invitation revoked successfully"})


class InvitationDetailView(ApiView):
    audit_controller = "InvitationsController"
    audit_handlers = {"DELETE": "remove"}

    @extend_schema(tags=["invitations"], responses={200: MESSAGE})
    def delete(self, request, pk):
        if not access.can(self.principal, access.DELETE, "Invitation"):
            raise Forbidden("You do not have permission to delete invitations")
        invitation = self.load(Invitation, pk, not_found=f"Invitation with ID {pk} not found")
        invitation_delete(invitation=invitation)
        return Response({"message": "Invitation deleted successfully"})
