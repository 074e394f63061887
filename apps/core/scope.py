"""The access scope: who the current code runs for.

Every request, WebSocket connection and job runs inside a scope that holds its principal. The
scope lives in a context variable, so it follows the code across ``sync_to_async`` boundaries, and
is always reset when the unit of work ends (the same worker thread serves many requests). Scoped
managers read it and refuse to run without one: forgetting to enter a scope is an error, never a
silent "see everything".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID


class AccessScopeError(RuntimeError):
    """A scoped model was queried with no active access scope."""


class Role:
    SUPER_ADMIN = "SuperAdmin"
    LANDLORD_ADMIN = "LandlordAdmin"
    LANDLORD_STAFF = "LandlordStaff"
    TENANT = "Tenant"
    CONTRACTOR = "Contractor"
    ALL = (SUPER_ADMIN, LANDLORD_ADMIN, LANDLORD_STAFF, TENANT, CONTRACTOR)


class UserType:
    LANDLORD = "Landlord"
    TENANT = "Tenant"
    CONTRACTOR = "Contractor"
    ADMIN = "Admin"
    ALL = (LANDLORD, TENANT, CONTRACTOR, ADMIN)


def resolve_role(*, stored_role: str | None, user_type: str | None, is_primary: bool) -> str | None:
    """The effective role of spec 01 section 2.

    A stored role wins; otherwise it is derived from the user type. ``Admin`` users without a
    stored role are treated as SuperAdmin (spec 01 open question 4, recommended answer).
    """
    if stored_role in Role.ALL:
        return stored_role
    if stored_role:
        # An unknown stored string falls back on the user type, as the original does.
        return {
            UserType.LANDLORD: Role.LANDLORD_ADMIN,
            UserType.TENANT: Role.TENANT,
            UserType.CONTRACTOR: Role.CONTRACTOR,
        }.get(user_type or "")
    return {
        UserType.LANDLORD: Role.LANDLORD_ADMIN if is_primary else Role.LANDLORD_STAFF,
        UserType.TENANT: Role.TENANT,
        UserType.CONTRACTOR: Role.CONTRACTOR,
        UserType.ADMIN: Role.SUPER_ADMIN,
    }.get(user_type or "")


@dataclass(frozen=True)
class Principal:
    """The party a unit of work acts for.

    ``kind`` is ``user`` for an authenticated user, ``anonymous`` for a public request and
    ``system`` for jobs, commands and the staff admin, which see everything by design.
    """

    kind: str
    user_id: UUID | None = None
    user_type: str | None = None
    organization_id: UUID | None = None
    role: str | None = None
    is_primary: bool = False
    label: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def for_user(cls, user: Any) -> Principal:
        return cls(
            kind="user",
            user_id=user.pk,
            user_type=user.user_type,
            organization_id=user.organization_id,
            role=resolve_role(stored_role=user.role, user_type=user.user_type, is_primary=user.is_primary),
            is_primary=bool(user.is_primary),
            label=str(user.pk),
        )

    @property
    def is_system(self) -> bool:
        return self.kind == "system"

    @property
    def is_anonymous(self) -> bool:
        return self.kind == "anonymous"

    @property
    def landlord_id(self) -> UUID | None:
        """L of spec 01: the caller's organization when it is a landlord user."""
        return self.organization_id if self.user_type == UserType.LANDLORD else None

    @property
    def tenant_org_id(self) -> UUID | None:
        return self.organization_id if self.user_type == UserType.TENANT else None

    @property
    def contractor_org_id(self) -> UUID | None:
        return self.organization_id if self.user_type == UserType.CONTRACTOR else None


SYSTEM = Principal(kind="system", label="system")
ANONYMOUS = Principal(kind="anonymous", label="anonymous")

_current: ContextVar[Principal | None] = ContextVar("myte_access_principal", default=None)


def current_principal() -> Principal:
    """The active principal; raises :class:`AccessScopeError` when none is active."""
    principal = _current.get()
    if principal is None:
        raise AccessScopeError(
            "No access scope is active. Requests enter one automatically; jobs, commands and "
            "tests use `with access_scope(...)` or `with system_scope()`."
        )
    return principal


def active_principal() -> Principal | None:
    """The active principal or ``None``: for code that works both inside and outside a scope."""
    return _current.get()


def enter_scope(principal: Principal):
    """Activate ``principal`` and return the token that :func:`leave_scope` needs."""
    return _current.set(principal)


def leave_scope(token) -> None:
    _current.reset(token)


@contextmanager
def access_scope(principal: Principal) -> Iterator[Principal]:
    token = enter_scope(principal)
    try:
        yield principal
    finally:
        leave_scope(token)


@contextmanager
def system_scope() -> Iterator[Principal]:
    """Run as the system: jobs, scheduled tasks and management commands that cross tenants."""
    with access_scope(SYSTEM) as principal:
        yield principal
