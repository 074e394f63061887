"""The base API view: the request pipeline of spec 00 section 2, in order.

1. rate limit (429) - 2. authentication (401) - 3. CSRF for cookie-authenticated unsafe requests
(403) - 4. route policies and the admin-only guard (403) - 5. audit timing - 6. validation (400,
inside the handler) - 7. the handler - 8. the error format.

The access scope of the request's principal is entered after authentication and always left in
``dispatch``'s ``finally``: the worker thread serves other requests next. Views only parse,
authorize (declaratively), call a service or selector and serialize.
"""

from __future__ import annotations

import secrets
import time
from typing import Any, ClassVar

from django.db import DatabaseError, connection, transaction
from django.db.models import Model, QuerySet
from rest_framework import exceptions as drf
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core import access
from apps.core.audit import WRITE_METHODS, AuditWriteError, audit_http
from apps.core.db import atomic
from apps.core.exceptions import GENERIC_500, AccessDenied, BadRequest, Forbidden, NotFound, error_body
from apps.core.ids import parse_id
from apps.core.scope import ANONYMOUS, Principal, Role, enter_scope, leave_scope
from apps.core.throttling import RouteRateThrottle, rate_limit_headers

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
CSRF_COOKIE = "csrf_token"
CSRF_HEADER = "HTTP_X_CSRF_TOKEN"

HANDLER_NAMES = {"GET": "findAll", "POST": "create", "PATCH": "update", "PUT": "update", "DELETE": "remove"}


def _carries_credential(request) -> bool:
    """A bearer token or the access-token cookie: the request may be an audited change."""
    return "HTTP_AUTHORIZATION" in request.META or "access_token" in request.COOKIES


class ApiView(APIView):
    #: public routes skip authentication and CSRF; a valid token still attaches its user
    public: ClassVar[bool] = False
    #: type-level policy checks per HTTP method: ``{"POST": [("create", "User")]}``
    policies: ClassVar[dict[str, list[tuple[str, str]]]] = {}
    #: ``/admin/*`` console routes: stored role SuperAdmin only
    admin_only: ClassVar[bool] = False
    #: a stricter per-minute limit, e.g. ``"5/minute"``, or one per method
    rate_limit: ClassVar[str | dict[str, str] | None] = None
    #: statuses a public route's handler answers besides 400/404/429 (OpenAPI, apps.core.schema)
    error_statuses: ClassVar[tuple[int, ...]] = ()
    #: the original's controller name and handler names, for audit action strings
    audit_controller: ClassVar[str] = ""
    audit_handlers: ClassVar[dict[str, str]] = {}

    _scope_token = None
    #: set while a change runs in its request transaction (see ``dispatch``)
    _write_transaction = False
    _handler_savepoint = None

    # -- pipeline --------------------------------------------------------------------------------
    def get_throttles(self):
        from django.conf import settings

        if not settings.RATE_LIMIT_ENABLED:
            return []
        throttles = [RouteRateThrottle()]
        limit = self.rate_limit
        if isinstance(limit, dict):
            limit = limit.get(self.request.method)
        if limit:
            throttles.append(RouteRateThrottle(rate=limit, scope="route"))
        return throttles

    def initial(self, request, *args, **kwargs):
        self.format_kwarg = self.get_format_suffix(**kwargs)
        neg = self.perform_content_negotiation(request)
        request.accepted_renderer, request.accepted_media_type = neg
        version, scheme = self.determine_version(request, *args, **kwargs)
        request.version, request.versioning_scheme = version, scheme

        self.check_throttles(request)
        user = self._authenticate(request)
        if not self.public:
            self._check_csrf(request)
        principal = Principal.for_user(user) if user is not None else ANONYMOUS
        self.principal = principal
        self._scope_token = enter_scope(principal)
        if self.admin_only:
            self._check_admin(user)
        self._check_policies(request, principal)
        request._audit_started = time.monotonic()
        self._check_query_text(request)
        self._check_body_shape(request)
        if self._write_transaction and connection.features.uses_savepoints:
            self._handler_savepoint = transaction.savepoint()

    def _authenticate(self, request):
        try:
            user = request.user
        except drf.AuthenticationFailed:
            if not self.public:
                raise
            request._user, request._auth = None, None
            user = None
        if user is None and not self.public:
            raise drf.NotAuthenticated("Unauthorized")
        return user

    def _check_csrf(self, request) -> None:
        """Double-submit check for requests whose credential is the ``access_token`` cookie.

        Requests with ``Authorization: Bearer`` carry no ambient credential and are exempt.
        """
        if request.method in SAFE_METHODS:
            return
        if not getattr(request._request, "authenticated_by_cookie", False):
            return
        cookie = request.COOKIES.get(CSRF_COOKIE, "")
        header = request.META.get(CSRF_HEADER, "")
        if not cookie or not header or not secrets.compare_digest(cookie, header):
            raise Forbidden("Invalid CSRF token")

    def _check_admin(self, user) -> None:
        if user is None:
            raise Forbidden("Authentication required")
        if user.role != Role.SUPER_ADMIN:
            raise Forbidden("Admin access required")

    def _check_policies(self, request, principal: Principal) -> None:
        for action, subject in self.policies.get(request.method, []):
            if not access.can(principal, action, subject):
                raise AccessDenied()

    def _check_query_text(self, request) -> None:
        """NUL characters in the query string are refused up front: no database stores them."""
        for key, values in request.query_params.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise BadRequest([f"{key.replace(chr(0), '')} must not contain null characters"])

    def _check_body_shape(self, request) -> None:
        """A JSON body is an object: a list, string or number is a 400 before any handler reads it."""
        if request.method in SAFE_METHODS or not request.content_type.startswith("application/json"):
            return
        if not isinstance(request.data, dict):
            raise BadRequest(["request body must be a JSON object"])

    def dispatch(self, request, *args, **kwargs):
        """Run the pipeline; a change by a caller with a credential runs in one transaction.

        That transaction holds the change and its audit entry: if the entry cannot be written
        (:class:`AuditWriteError`), the change rolls back and the caller gets a 500.
        """
        try:
            if request.method in WRITE_METHODS and _carries_credential(request):
                with atomic():
                    self._write_transaction = True
                    return super().dispatch(request, *args, **kwargs)
            return super().dispatch(request, *args, **kwargs)
        except AuditWriteError:
            response = Response(error_body(500, GENERIC_500), status=500)
            return APIView.finalize_response(self, self.request, response, *args, **kwargs)
        finally:
            if self._scope_token is not None:
                leave_scope(self._scope_token)
                self._scope_token = None

    def handle_exception(self, exc):
        self._handled_exception = exc
        if isinstance(exc, DatabaseError) and self._handler_savepoint is not None:
            # The database refused part of the change (answered as a 4xx): undo that part, so
            # the transaction stays usable for the audit entry (PostgreSQL aborts it otherwise).
            transaction.savepoint_rollback(self._handler_savepoint)
            self._handler_savepoint = None
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        for name, value in rate_limit_headers(request).items():
            response[name] = value
        started = getattr(request, "_audit_started", None)
        if started is not None and getattr(request, "user", None) is not None:
            audit_http(
                request=request,
                view=self,
                response=response,
                started=started,
                error=getattr(self, "_handled_exception", None),
            )
        return response

    def audit_action(self, request) -> str:
        controller = self.audit_controller or type(self).__name__
        handler = self.audit_handlers.get(request.method) or HANDLER_NAMES.get(
            request.method, request.method.lower()
        )
        return f"{controller}.{handler}"

    # -- helpers for handlers --------------------------------------------------------------------
    def parse_query(self, serializer_class, **context):
        serializer = serializer_class(data=self.request.query_params.dict(), context=context)
        serializer.is_valid(raise_exception=True)
        return serializer

    def parse_body(self, serializer_class, *, partial: bool = False, **context):
        data = self.request.data
        if not isinstance(data, dict):
            # A JSON list, string or number where an object is expected.
            raise BadRequest(["request body must be a JSON object"])
        serializer = serializer_class(
            data=data, partial=partial, context={"request": self.request, **context}
        )
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def load(
        self,
        source: type[Model] | QuerySet,
        raw_id: Any,
        *,
        action: str | None = None,
        not_found: str = "Not found",
        subject: str | None = None,
    ):
        """Fetch one record through the scoped manager: outside the scope is 404, never 403.

        With ``action``, a record the caller may read but not ``action`` is 403 ``Access denied``.
        """
        pk = parse_id(raw_id)
        queryset = source if isinstance(source, QuerySet) else source.objects.all()
        instance = queryset.filter(pk=pk).first()
        if instance is None:
            raise NotFound(not_found)
        if action and not access.can_on(self.principal, action, instance, subject):
            raise AccessDenied()
        return instance
