"""Tenancy isolation across the whole URL conf (see ``tests/isolation.py``)."""

from __future__ import annotations

import pytest

from tests.isolation import api_routes, bearer_client, build_world, collect

CASES, EXEMPT = collect()


def test_every_api_route_has_a_name():
    unnamed = [f"{method} /{pattern}" for name, method, pattern in api_routes() if not name]
    assert not unnamed, f"Routes without a name cannot be tracked by the harness: {unnamed}"


def test_every_route_and_method_is_covered():
    covered = {case.key for case in CASES} | set(EXEMPT)
    missing = sorted(
        f"{method} /{pattern}  ({name})"
        for name, method, pattern in api_routes()
        if (name, method) not in covered
    )
    assert not missing, "Routes without an isolation case or exemption:\n" + "\n".join(missing)


def test_exemptions_name_real_routes_and_give_reasons():
    served = {(name, method) for name, method, _ in api_routes()}
    stale = [key for key in EXEMPT if key not in served]
    assert not stale, f"Exemptions for routes that do not exist: {stale}"
    assert all(reason.strip() for reason in EXEMPT.values())


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_cross_tenant_attempt_is_refused_without_side_effect(case):
    world = build_world()
    path = case.build(world)
    body = case.body(world) if callable(case.body) else case.body
    for attacker in case.attackers:
        client = bearer_client(getattr(world, attacker))
        call = getattr(client, case.method.lower())
        kwargs = {"format": case.format} if body is not None else {}
        response = call(path, body, **kwargs) if body is not None else call(path)
        assert response.status_code in case.expect, (
            f"{attacker} {case.method} {path} -> {response.status_code} {response.content[:300]!r}"
        )
        if case.unchanged is not None:
            case.unchanged(world, path)
