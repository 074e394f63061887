"""The ``/auth`` routes (spec 02 section 2) and the seed document's ``POST /auth/register``."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.response import Response

from apps.accounts import auth_services as services
from apps.accounts import schemas
from apps.accounts.auth_serializers import (
    ForgotPasswordInput,
    LoginInput,
    RefreshInput,
    RegisterContractorInput,
    RegisterLandlordInput,
    RegisterTenantInput,
    ResetPasswordInput,
    SessionOutput,
    VerifyConfirmInput,
)
from apps.accounts.sessions import (
    REFRESH_COOKIE,
    apply_auth_cookies,
    auth_user_payload,
    clear_auth_cookies,
)
from apps.accounts.users_serializers import organization_of, organization_public_record
from apps.core.views import ApiView, parse_id

SUCCESS = {"success": True}
REGISTERED = "Registration successful. Please verify your email."


class AuthView(ApiView):
    audit_controller = "AuthController"
    error_statuses = (401,)

    def signed_in(self, sign_in, body: dict, *, code: int = status.HTTP_201_CREATED, user_data: bool = True):
        response = Response(body, status=code)
        apply_auth_cookies(
            response,
            user=sign_in.user,
            access_token=sign_in.access_token,
            refresh_token=sign_in.refresh_token,
            include_user_data=user_data,
        )
        return response

    def refresh_token_from_request(self) -> str | None:
        cookie = self.request.COOKIES.get(REFRESH_COOKIE)
        if cookie:
            return cookie
        data = self.parse_body(RefreshInput)
        return data.get("refreshToken") or data.get("refresh_token") or None


class LoginView(AuthView):
    public = True
    rate_limit = "5/minute"
    audit_handlers = {"POST": "login"}

    @extend_schema(tags=["auth"], request=LoginInput, responses={201: schemas.LOGIN})
    def post(self, request):
        data = self.parse_body(LoginInput)
        sign_in = services.auth_login(email=data["email"], password=data["password"], request=request)
        body = {
            "user": auth_user_payload(sign_in.user),
            "accessToken": sign_in.access_token,
            "refreshToken": sign_in.refresh_token,
        }
        return self.signed_in(sign_in, body)


def _registration_body(registration) -> dict:
    return {
        "success": True,
        "message": REGISTERED,
        "organization": {"_id": str(registration.organization.pk), "name": registration.organization.name},
        "user": auth_user_payload(registration.user),
        "accessToken": registration.access_token,
    }


class RegistrationView(AuthView):
    """Self-registration of an organization and its primary user (spec 02 section 2)."""

    public = True
    rate_limit = "3/minute"
    input_class: type
    register = staticmethod(services.register_landlord)

    def registration_body(self, registration) -> dict:
        return _registration_body(registration)

    def post(self, request):
        data = self.parse_body(self.input_class)
        data.pop("invitation_context", None)  # accepted and ignored here, as in the original
        registration = self.register(**data, request=request)
        return self.signed_in(registration, self.registration_body(registration))


def _registration_schema(input_class, response=schemas.REGISTRATION):
    return extend_schema_view(
        post=extend_schema(tags=["auth"], request=input_class, responses={201: response})
    )


@_registration_schema(RegisterLandlordInput)
class RegisterLandlordView(RegistrationView):
    input_class = RegisterLandlordInput
    audit_handlers = {"POST": "registerLandlord"}


@_registration_schema(RegisterTenantInput)
class RegisterTenantView(RegistrationView):
    input_class = RegisterTenantInput
    register = staticmethod(services.register_tenant)
    audit_handlers = {"POST": "registerTenant"}


@_registration_schema(RegisterContractorInput)
class RegisterContractorView(RegistrationView):
    input_class = RegisterContractorInput
    register = staticmethod(services.register_contractor)
    audit_handlers = {"POST": "registerContractor"}


@_registration_schema(RegisterLandlordInput, schemas.SEED_REGISTRATION)
class RegisterView(RegistrationView):
    """The seed document's registration: a landlord organization and its admin user."""

    input_class = RegisterLandlordInput
    audit_handlers = {"POST": "register"}

    def registration_body(self, registration) -> dict:
        return {
            "accessToken": registration.access_token,
            "refreshToken": registration.refresh_token,
            "user": auth_user_payload(registration.user),
        }


class RefreshView(AuthView):
    public = True
    audit_handlers = {"POST": "refresh"}

    @extend_schema(tags=["auth"], request=RefreshInput, responses={201: schemas.TOKENS})
    def post(self, request):
        sign_in = services.auth_refresh(refresh_token=self.refresh_token_from_request(), request=request)
        body = {"accessToken": sign_in.access_token, "refreshToken": sign_in.refresh_token}
        return self.signed_in(sign_in, body, user_data=False)


class LogoutView(AuthView):
    public = True
    audit_handlers = {"POST": "logout"}

    @extend_schema(tags=["auth"], request=RefreshInput, responses={201: schemas.SUCCESS})
    def post(self, request):
        services.auth_logout(refresh_token=self.refresh_token_from_request())
        response = Response(SUCCESS, status=status.HTTP_201_CREATED)
        clear_auth_cookies(response)
        return response


class ForgotPasswordView(AuthView):
    public = True
    rate_limit = "5/minute"
    audit_handlers = {"POST": "forgotPassword"}

    @extend_schema(tags=["auth"], request=ForgotPasswordInput, responses={201: schemas.SUCCESS})
    def post(self, request):
        data = self.parse_body(ForgotPasswordInput)
        services.password_forgot(email=data["email"])
        return Response(SUCCESS, status=status.HTTP_201_CREATED)


class ResetPasswordView(AuthView):
    public = True
    rate_limit = "5/minute"
    audit_handlers = {"POST": "resetPassword"}

    @extend_schema(tags=["auth"], request=ResetPasswordInput, responses={201: schemas.SUCCESS})
    def post(self, request):
        data = self.parse_body(ResetPasswordInput)
        services.password_reset(token=data["token"], password=data["password"])
        return Response(SUCCESS, status=status.HTTP_201_CREATED)


class VerifyEmailRequestView(AuthView):
    rate_limit = "3/minute"
    audit_handlers = {"POST": "requestEmailVerification"}

    @extend_schema(tags=["auth"], request=None, responses={201: schemas.SUCCESS})
    def post(self, request):
        services.verification_request(user=services.current_user_reload(request.user))
        return Response(SUCCESS, status=status.HTTP_201_CREATED)


class VerifyEmailConfirmView(AuthView):
    public = True
    rate_limit = "10/minute"
    audit_handlers = {"POST": "confirmEmailVerification"}

    @extend_schema(tags=["auth"], request=VerifyConfirmInput, responses={201: schemas.VERIFIED})
    def post(self, request):
        data = self.parse_body(VerifyConfirmInput)
        sign_in = services.verification_confirm(
            token=data.get("token") or None,
            code=data.get("code") or None,
            current_user=request.user,
            request=request,
        )
        body = {
            "success": True,
            "user": auth_user_payload(sign_in.user),
            "accessToken": sign_in.access_token,
        }
        return self.signed_in(sign_in, body)


class SessionListView(AuthView):
    audit_handlers = {"GET": "listSessions"}

    @extend_schema(tags=["auth"], request=None, responses={200: schemas.SESSIONS})
    def get(self, request):
        sessions = services.sessions_of(request.user)
        return Response({"data": SessionOutput(sessions, many=True).data})


class SessionRevokeAllView(AuthView):
    audit_handlers = {"POST": "revokeAllSessions"}

    @extend_schema(tags=["auth"], request=None, responses={201: schemas.SUCCESS})
    def post(self, request):
        services.sessions_revoke_all(user=request.user)
        return Response(SUCCESS, status=status.HTTP_201_CREATED)


class SessionRevokeView(AuthView):
    audit_handlers = {"POST": "revokeSession"}

    @extend_schema(tags=["auth"], request=None, responses={201: schemas.SUCCESS})
    def post(self, request, id):
        services.session_revoke(user=request.user, session_id=parse_id(id))
        return Response(SUCCESS, status=status.HTTP_201_CREATED)


class MeView(AuthView):
    audit_handlers = {"GET": "me"}

    @extend_schema(tags=["auth"], request=None, responses={200: schemas.ME})
    def get(self, request):
        user = request.user  # loaded once, by the authentication of this request
        organization = organization_public_record(organization_of(user))
        payload = auth_user_payload(user)
        return Response(
            {
                "_id": payload["_id"],
                "username": user.username,
                "email": user.email,
                "user_type": user.user_type,
                "organization_id": organization,
                "organization_info": organization,
                "role": payload["role"],
                "email_verified_at": payload["email_verified_at"],
                "is_primary": payload["is_primary"],
            }
        )
