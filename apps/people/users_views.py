"""The ``/users`` routes (spec 02 section 3)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from apps.accounts.models import User
from apps.accounts.users_serializers import (
    WEAK_PASSWORD_LONG,
    StrongPasswordField,
    UserRecordSerializer,
    user_record,
    user_records,
)
from apps.core.pagination import ListQuery, paginate
from apps.core.serializers import IdField, InputSerializer
from apps.core.views import ApiView
from apps.people import schemas
from apps.people import users_services as services

USER_TYPES = User.UserTypes.choices
ROLES = User.Roles.choices


class MemberCreateInput(InputSerializer):
    """A user of an organization the route names (``POST /tenants/:id/users``...)."""

    username = serializers.CharField(max_length=64)
    first_name = serializers.CharField(max_length=50)
    last_name = serializers.CharField(max_length=50)
    email = serializers.EmailField()
    phone = serializers.CharField(required=False, allow_blank=True, max_length=40)
    password = StrongPasswordField(weak_message=WEAK_PASSWORD_LONG)
    is_primary = serializers.BooleanField(required=False)


class UserCreateInput(MemberCreateInput):
    password = StrongPasswordField()
    user_type = serializers.ChoiceField(choices=USER_TYPES)
    organization_id = IdField(required=False, allow_null=True)
    role = serializers.ChoiceField(choices=ROLES, required=False)
    profile_picture = serializers.CharField(required=False, allow_blank=True)

    def validate(self, attrs):
        attrs.pop("profile_picture", None)
        return attrs


class UserUpdateInput(InputSerializer):
    username = serializers.CharField(max_length=64)
    first_name = serializers.CharField(max_length=50)
    last_name = serializers.CharField(max_length=50)
    email = serializers.EmailField()
    phone = serializers.CharField(allow_blank=True, max_length=40)
    password = StrongPasswordField()
    is_primary = serializers.BooleanField()
    role = serializers.ChoiceField(choices=ROLES)
    profile_picture = serializers.CharField(allow_blank=True, max_length=1000)


class PrivacyInput(InputSerializer):
    allow_neighbors_to_message = serializers.BooleanField(required=False)
    allow_group_chat_invites = serializers.BooleanField(required=False)


class UserListQuery(ListQuery):
    user_type = serializers.ChoiceField(choices=USER_TYPES, required=False)
    role = serializers.ChoiceField(choices=ROLES, required=False)
    organization_id = IdField(required=False)
    is_primary = serializers.BooleanField(required=False, allow_null=True)

    sortable = {
        "createdAt": "created_at",
        "updatedAt": "updated_at",
        "email": "email",
        "username": "username",
        "firstName": "first_name",
        "lastName": "last_name",
        "user_type": "user_type",
        "role": "role",
        "isPrimary": "is_primary",
    }


class UsersView(ApiView):
    audit_controller = "UsersController"

    def load_user(self, raw_id, action: str) -> User:
        return self.load(User, raw_id, action=action, not_found=f"User with ID {raw_id} not found")


class UserListView(UsersView):
    policies = {"GET": [("read", "User")], "POST": [("create", "User")]}
    audit_handlers = {"GET": "findAll", "POST": "create"}

    @extend_schema(tags=["users"], parameters=[UserListQuery], responses={200: schemas.USER_PAGE})
    def get(self, request):
        query = self.parse_query(UserListQuery)
        queryset = services.users_list_queryset(
            principal=self.principal, caller=request.user, filters=query.validated_data
        ).order_by(*query.ordering())
        data = query.validated_data
        return Response(paginate(queryset, page=data["page"], limit=data["limit"], serialize=user_records))

    @extend_schema(tags=["users"], request=UserCreateInput, responses={201: UserRecordSerializer})
    def post(self, request):
        data = self.parse_body(UserCreateInput)
        user = services.user_create(principal=self.principal, caller=request.user, data=data)
        return Response(user_record(user), status=status.HTTP_201_CREATED)


class UserDetailView(UsersView):
    policies = {
        "GET": [("read", "User")],
        "PATCH": [("update", "User")],
        "DELETE": [("delete", "User")],
    }
    audit_handlers = {"GET": "findOne", "PATCH": "update", "DELETE": "remove"}

    @extend_schema(tags=["users"], responses={200: UserRecordSerializer})
    def get(self, request, id):
        return Response(user_record(self.load_user(id, "read")))

    @extend_schema(tags=["users"], request=UserUpdateInput, responses={200: UserRecordSerializer})
    def patch(self, request, id):
        user = self.load_user(id, "update")
        data = self.parse_body(UserUpdateInput, partial=True)
        user = services.user_update(principal=self.principal, caller=request.user, user=user, data=data)
        return Response(user_record(user))

    @extend_schema(tags=["users"], responses={204: None})
    def delete(self, request, id):
        services.user_delete(user=self.load_user(id, "delete"))
        return Response(status=status.HTTP_204_NO_CONTENT)


class UserProfilePictureView(UsersView):
    policies = {"GET": [("read", "User")], "POST": [("update", "User")]}
    audit_handlers = {"GET": "getProfilePicture", "POST": "uploadProfilePicture"}

    @extend_schema(tags=["users"], responses={200: schemas.PROFILE_PICTURE})
    def get(self, request, id):
        user = self.load_user(id, "read")
        return Response({"success": True, "data": {"profile_picture": user.profile_picture or None}})

    @extend_schema(
        tags=["users"],
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
            }
        },
        responses={201: schemas.USER_WRAPPED},
    )
    def post(self, request, id):
        user = self.load_user(id, "update")
        user = services.user_set_profile_picture(user=user, upload=request.FILES.get("file"))
        return Response({"success": True, "data": user_record(user)}, status=status.HTTP_201_CREATED)


class UserPrivacySettingsView(UsersView):
    policies = {"GET": [("read", "User")], "PATCH": [("update", "User")]}
    audit_handlers = {"GET": "getPrivacySettings", "PATCH": "updatePrivacySettings"}

    @extend_schema(tags=["users"], responses={200: schemas.PRIVACY})
    def get(self, request, id):
        user = self.load_user(id, "read")
        return Response(
            {
                "success": True,
                "data": {
                    "allow_neighbors_to_message": user.allow_neighbors_to_message,
                    "allow_group_chat_invites": user.allow_group_chat_invites,
                },
            }
        )

    @extend_schema(tags=["users"], request=PrivacyInput, responses={200: schemas.USER_WRAPPED})
    def patch(self, request, id):
        user = self.load_user(id, "update")
        data = self.parse_body(PrivacyInput)
        user = services.user_set_privacy(user=user, data=data)
        return Response({"success": True, "data": user_record(user)})
