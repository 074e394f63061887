"""Isolation cases of the onboarding routes (see ``tests/isolation.py``)."""

from __future__ import annotations

from apps.accounts.models import Invitation, Landlord
from apps.properties.models import Unit
from tests.isolation import Case


def _no_invitation_for_a(world, path):
    assert not Invitation.objects.unscoped().filter(landlord=world.landlord_a).exists()


def _remember(world, key, value):
    world.extra[key] = value
    return value


def _landlord_a_named(world) -> str:
    return _remember(world, "landlord_a_name", world.landlord_a.name)


def _landlord_a_name_unchanged(world, path):
    assert Landlord.objects.get(pk=world.landlord_a.pk).name == world.extra["landlord_a_name"]


def _property_of_a(world):
    from apps.properties.tests.factories import PropertyFactory

    if "property" not in world.extra:
        world.extra["property"] = PropertyFactory(landlord=world.landlord_a)
    return world.extra["property"]


def _no_unit_added(world, path):
    assert not Unit.objects.unscoped().filter(property=world.extra["property"], unit_number="X-1").exists()


CASES = [
    Case(
        "onboarding:onboarding-org",
        "POST",
        build=lambda w: (_landlord_a_named(w), "/onboarding/org")[1],
        body={"name": "Renamed By Attacker"},
        attackers=("admin_b",),
        expect=(201,),
        unchanged=_landlord_a_name_unchanged,
    ),
    Case(
        "onboarding:onboarding-unit",
        "POST",
        build=lambda w: "/onboarding/unit",
        body=lambda w: {
            "propertyId": str(_property_of_a(w).pk),
            "unitNumber": "X-1",
            "type": "APARTMENT",
            "size": 10,
        },
        attackers=("admin_b", "staff_b"),
        expect=(404, 422),
        unchanged=_no_unit_added,
    ),
    Case(
        "onboarding:onboarding-staff",
        "POST",
        build=lambda w: "/onboarding/staff",
        body={"email": "staff-victim@example.com"},
        attackers=("admin_b",),
        expect=(201,),
        unchanged=_no_invitation_for_a,
    ),
    Case(
        "onboarding:onboarding-tenant",
        "POST",
        build=lambda w: "/onboarding/tenant",
        body={"email": "tenant-victim@example.com"},
        attackers=("admin_b",),
        expect=(201,),
        unchanged=_no_invitation_for_a,
    ),
]

EXEMPT = {
    ("onboarding:onboarding-state", "GET"): (
        "no id in the path; booleans about the caller's own landlord only "
        "(test_onboarding.test_state_counts_only_own_landlord)"
    ),
    ("onboarding:onboarding-property", "POST"): (
        "forwards to POST /properties, whose own isolation case covers the data it touches"
    ),
}
