"""The user routes of tenant and contractor organizations (spec 02 sections 6 and 7).

``GET/POST /<orgs>/:id/users`` and ``PATCH/DELETE /<orgs>/:id/users/:userId`` are the ``/users``
routes with the organization fixed by the path: the same query, bodies, services and output.
Subclasses say how the organization is loaded (which also decides who reaches it).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from apps.accounts.schemas import MESSAGE
from apps.accounts.users_serializers import UserRecordSerializer, user_record, user_records
from apps.core.exceptions import Forbidden
from apps.core.scope import Role
from apps.core.views import ApiView, parse_id
from apps.people import schemas
from apps.people.organizations_services import (
    org_kind,
    org_member,
    org_member_create,
    org_member_delete,
    org_member_update,
    org_remove_from_landlord,
)
from apps.people.users_services import organization_members
from apps.people.users_views import MemberCreateInput, UserListQuery, UserUpdateInput


class OrgLoader:
    """``organization(pk, action=...)``: the tenant/contractor in the caller's scope, else 404."""

    model: type
    not_found = "{pk}"

    def organization(self, pk, *, action: str | None = None):
        return self.load(self.model, pk, action=action, not_found=self.not_found.format(pk=pk))


class OrgRemoveFromOrganizationView(OrgLoader, ApiView):
    """``DELETE /<orgs>/:id/remove-from-organization``: unlink the caller's landlord."""

    message = ""

    @extend_schema(responses={200: MESSAGE})
    def delete(self, request, pk):
        if self.principal.organization_id is None:
            raise Forbidden("User does not have an organization")
        org = self.organization(pk, action="delete")
        org_remove_from_landlord(principal=self.principal, org=org)
        return Response({"message": self.message})


class OrgMembersView(OrgLoader, ApiView):
    def organization_for_listing(self, pk):
        return self.organization(pk)

    @extend_schema(parameters=[UserListQuery], responses={200: schemas.USER_PAGE})
    def get(self, request, pk):
        org = self.organization_for_listing(pk)
        query = self.parse_query(UserListQuery)
        params = query.validated_data
        user_type, _ = org_kind(org)
        members = organization_members(organization_id=org.pk, user_type=user_type, filters=params)
        if self.principal.role == Role.LANDLORD_STAFF:
            # Staff may not read users at all (spec 01); the original answered an empty page.
            members = members.none()
        return Response(
            query.page_of(
                members,
                serialize=user_records,
            )
        )

    @extend_schema(request=MemberCreateInput, responses={201: UserRecordSerializer})
    def post(self, request, pk):
        parse_id(pk)
        data = self.parse_body(MemberCreateInput)
        org = self.organization(pk)
        user = org_member_create(principal=self.principal, org=org, data=data)
        return Response(user_record(user), status=201)


class OrgMemberDetailView(OrgLoader, ApiView):
    @extend_schema(request=UserUpdateInput, responses={200: UserRecordSerializer})
    def patch(self, request, pk, userId):  # noqa: N803 - the spec's path parameter name
        parse_id(pk)
        user_id = parse_id(userId)
        data = self.parse_body(UserUpdateInput, partial=True)
        org = self.organization(pk, action="update")
        user = org_member(org=org, user_pk=user_id)
        user = org_member_update(principal=self.principal, caller=request.user, org=org, user=user, data=data)
        return Response(user_record(user))

    @extend_schema(responses={204: None})
    def delete(self, request, pk, userId):  # noqa: N803 - the spec's path parameter name
        parse_id(pk)
        user_id = parse_id(userId)
        org = self.organization(pk, action="delete")
        user = org_member(org=org, user_pk=user_id)
        org_member_delete(principal=self.principal, org=org, user=user)
        return Response(status=204)
