"""The isolation harness: every route, every method, attacked from outside the owner's tenancy.

Each app declares, in ``apps/<app>/tests/isolation*.py``:

* ``CASES``: :class:`Case` objects. ``build(world)`` creates records owned by landlord A (or its
  people) and returns the path to call; each attacker then calls it and must get a status in
  ``expect`` (404 by default: outside the caller's scope a record does not exist) and leave no side
  effect (``unchanged(world, path)`` asserts that, when given).
* ``EXEMPT``: ``{(route_name, METHOD): reason}`` for routes with no tenant data to protect (public
  sign-in, health...). The reason is required and reviewed.

``tests/test_isolation.py`` walks the URL conf and fails for any named API route and method that has
neither, so a new route cannot ship without its cross-tenant test.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps as django_apps


@dataclass
class World:
    """Two landlords, each with an admin, a staff member, a linked tenant and a linked contractor."""

    landlord_a: Any = None
    admin_a: Any = None
    staff_a: Any = None
    tenant_org_a: Any = None
    tenant_a: Any = None
    contractor_org_a: Any = None
    contractor_a: Any = None
    landlord_b: Any = None
    admin_b: Any = None
    staff_b: Any = None
    tenant_org_b: Any = None
    tenant_b: Any = None
    contractor_org_b: Any = None
    contractor_b: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Case:
    route: str
    method: str
    build: Callable[[World], str]
    body: dict | Callable[[World], dict] | None = None
    attackers: tuple[str, ...] = ("admin_b",)
    expect: tuple[int, ...] = (404,)
    unchanged: Callable[[World, str], None] | None = None
    format: str = "json"

    @property
    def key(self) -> tuple[str, str]:
        return (self.route, self.method.upper())

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.route}"


def bearer_client(user):
    """An ``APIClient`` that sends ``user``'s bearer access token (the attackers' and owners' calls)."""
    from rest_framework.test import APIClient

    from apps.core.authentication import issue_access_token

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_access_token(user)}")
    return client


def build_world() -> World:
    from apps.accounts.tests.factories import (
        ContractorOrgFactory,
        ContractorUserFactory,
        LandlordFactory,
        LandlordStaffFactory,
        LandlordUserFactory,
        TenantOrgFactory,
        TenantUserFactory,
    )

    world = World()
    for side in ("a", "b"):
        landlord = LandlordFactory()
        tenant_org = TenantOrgFactory(landlords=[landlord])
        contractor_org = ContractorOrgFactory(landlords=[landlord])
        setattr(world, f"landlord_{side}", landlord)
        setattr(world, f"admin_{side}", LandlordUserFactory(organization_id=landlord.pk))
        setattr(world, f"staff_{side}", LandlordStaffFactory(organization_id=landlord.pk))
        setattr(world, f"tenant_org_{side}", tenant_org)
        setattr(world, f"tenant_{side}", TenantUserFactory(organization_id=tenant_org.pk))
        setattr(world, f"contractor_org_{side}", contractor_org)
        setattr(world, f"contractor_{side}", ContractorUserFactory(organization_id=contractor_org.pk))
    return world


def _isolation_modules():
    for config in django_apps.get_app_configs():
        if not config.name.startswith("apps."):
            continue
        try:
            tests_package = importlib.import_module(f"{config.name}.tests")
        except ModuleNotFoundError:
            continue
        for info in pkgutil.iter_modules(tests_package.__path__):
            if info.name.startswith("isolation"):
                yield importlib.import_module(f"{config.name}.tests.{info.name}")


def collect() -> tuple[list[Case], dict[tuple[str, str], str]]:
    cases: list[Case] = []
    exempt: dict[tuple[str, str], str] = {}
    for module in _isolation_modules():
        cases.extend(getattr(module, "CASES", []))
        exempt.update(getattr(module, "EXEMPT", {}))
    return cases, exempt


HTTP_METHODS = ("get", "post", "put", "patch", "delete")


def api_routes() -> list[tuple[str, str, str]]:
    """``(route name, METHOD, pattern)`` for every named route served by an ``apps.*`` view."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found: list[tuple[str, str, str]] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                child_ns = namespace
                if entry.namespace:
                    child_ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(entry.url_patterns, prefix + str(entry.pattern), child_ns)
            elif isinstance(entry, URLPattern):
                view_class = getattr(entry.callback, "view_class", None) or getattr(
                    entry.callback, "cls", None
                )
                if view_class is None or not view_class.__module__.startswith("apps."):
                    continue
                name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
                for method in HTTP_METHODS:
                    if hasattr(view_class, method):
                        found.append((name or "", method.upper(), prefix + str(entry.pattern)))

    walk(get_resolver().url_patterns, "", "")
    return found
