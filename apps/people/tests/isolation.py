"""Isolation cases of the people routes: invitations, tenants, contractors.

Landlord B's people (admin, staff, tenant, contractor) attack landlord A's records. List routes
answer 200 with B's own records, so their ``unchanged`` check lists as the attacker and asserts
that A's record is absent.
"""

from __future__ import annotations

from rest_framework.test import APIClient

from apps.accounts.models import Contractor, Invitation, Tenant, User
from apps.core.authentication import issue_access_token
from apps.people.tests.factories import STRONG_PASSWORD, make_invitation
from tests.isolation import Case


def _client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_access_token(user)}")
    return client


def _listing_excludes(*attackers: str, key: str):
    """``unchanged`` of a list route: A's record (``world.extra[key]``) is not listed."""

    def check(world, path):
        hidden = str(world.extra[key])
        for attacker in attackers:
            response = _client(getattr(world, attacker)).get(path + "?limit=100")
            assert response.status_code == 200, response.content
            listed = [item["_id"] for item in response.json()["data"]]
            assert hidden not in listed, f"{attacker} sees {hidden} at {path}"

    return check


def _remember(world, key, value):
    world.extra[key] = value
    return value


# -- invitations ---------------------------------------------------------------------------------


def _invitation_of_a(world) -> Invitation:
    invitation, _ = make_invitation(inviter=world.admin_a)
    return _remember(world, "invitation", invitation)


def _invitation_untouched(world, path):
    invitation = Invitation.objects.including_deleted().get(pk=world.extra["invitation"].pk)
    assert invitation.status == "pending" and not invitation.deleted


def _no_invitation_for_a(world, path):
    assert not Invitation.objects.unscoped().filter(landlord=world.landlord_a).exists()


INVITATION_CASES = [
    Case(
        "people:invitations-list",
        "GET",
        build=lambda w: (_invitation_of_a(w), "/invitations")[1],
        attackers=("admin_b", "staff_b"),
        expect=(200,),
        unchanged=_listing_excludes("admin_b", "staff_b", key="invitation"),
    ),
    Case(
        "people:invitations-list",
        "POST",
        build=lambda w: "/invitations",
        body=lambda w: {
            "entityType": "tenant",
            "email": "victim@example.com",
            "entityData": {"landlordId": str(w.landlord_a.pk)},
        },
        attackers=("admin_b",),
        expect=(201,),
        unchanged=_no_invitation_for_a,
    ),
    Case(
        "people:invitations-revoke",
        "PATCH",
        build=lambda w: f"/invitations/{_invitation_of_a(w).pk}/revoke",
        attackers=("admin_b", "staff_b"),
        unchanged=_invitation_untouched,
    ),
    Case(
        "people:invitations-revoke",
        "PATCH",
        build=lambda w: f"/invitations/{_invitation_of_a(w).pk}/revoke",
        attackers=("tenant_a", "contractor_a", "tenant_b"),
        expect=(403,),
        unchanged=_invitation_untouched,
    ),
    Case(
        "people:invitations-detail",
        "DELETE",
        build=lambda w: f"/invitations/{_invitation_of_a(w).pk}",
        attackers=("admin_b", "staff_b"),
        unchanged=_invitation_untouched,
    ),
]

# -- tenants and contractors ---------------------------------------------------------------------


def _org_snapshot(world, org):
    return _remember(
        world,
        "org",
        (type(org), org.pk, org.name, sorted(str(pk) for pk in org.landlords.values_list("pk", flat=True))),
    )


def _org_unchanged(world, path):
    model, pk, name, landlords = world.extra["org"]
    org = model.objects.including_deleted().get(pk=pk)
    assert not org.deleted
    assert org.name == name
    assert sorted(str(pk) for pk in org.landlords.values_list("pk", flat=True)) == landlords


def _org_path(kind: str, suffix: str = ""):
    def build(world):
        org = getattr(world, f"{kind}_org_a")
        _org_snapshot(world, org)
        world.extra["org_id"] = org.pk
        return f"/{kind}s/{org.pk}{suffix}"

    return build


def _member_path(kind: str, *, via_own_org: bool = False):
    def build(world):
        org = getattr(world, f"{kind}_org_a")
        member = getattr(world, f"{kind}_a")
        _org_snapshot(world, org)
        _remember(world, "member", (member.pk, member.first_name, member.email))
        path_org = getattr(world, f"{kind}_org_b") if via_own_org else org
        return f"/{kind}s/{path_org.pk}/users/{member.pk}"

    return build


def _member_unchanged(world, path):
    pk, first_name, email = world.extra["member"]
    member = User.objects.including_deleted().get(pk=pk)
    assert not member.deleted
    assert (member.first_name, member.email) == (first_name, email)


def _no_new_member(kind: str):
    def check(world, path):
        org = getattr(world, f"{kind}_org_a")
        assert User.objects.unscoped().filter(organization_id=org.pk).count() == 1

    return check


def _created_not_linked_to_a(model, name: str):
    def check(world, path):
        created = model.objects.unscoped().get(name=name)
        assert not created.landlords.filter(pk=world.landlord_a.pk).exists()

    return check


def _listed_org(kind: str):
    def build(world):
        _remember(world, "org_id", getattr(world, f"{kind}_org_a").pk)
        return f"/{kind}s"

    return build


NEW_MEMBER = {
    "username": "intruder",
    "firstName": "In",
    "lastName": "Truder",
    "email": "intruder@example.com",
    "password": STRONG_PASSWORD,
}


def _org_cases(kind: str, model) -> list[Case]:
    word = kind
    create_body = {
        "name": f"Attacker {word}",
        "username": f"attacker{word}",
        "firstName": "At",
        "lastName": "Tacker",
        "email": f"attacker-{word}@example.com",
        "password": STRONG_PASSWORD,
    }
    if kind == "contractor":
        create_body["category"] = "Plumbing"
    return [
        Case(
            f"people:{kind}s-list",
            "GET",
            build=_listed_org(kind),
            attackers=("admin_b", "staff_b"),
            expect=(200,),
            unchanged=_listing_excludes("admin_b", "staff_b", key="org_id"),
        ),
        Case(
            f"people:{kind}s-list",
            "POST",
            build=lambda w: f"/{kind}s",
            body=create_body,
            attackers=("admin_b",),
            expect=(201,),
            unchanged=_created_not_linked_to_a(model, create_body["name"]),
        ),
        Case(
            f"people:{kind}s-detail",
            "GET",
            build=_org_path(kind),
            attackers=("admin_b", "staff_b"),
            unchanged=_org_unchanged,
        ),
        Case(
            f"people:{kind}s-detail",
            "PATCH",
            build=_org_path(kind),
            body={"name": "Hacked Name"},
            attackers=("admin_b", "staff_b", f"{kind}_b"),
            expect=(403, 404),
            unchanged=_org_unchanged,
        ),
        Case(
            f"people:{kind}s-detail",
            "DELETE",
            build=_org_path(kind),
            attackers=("admin_b",),
            unchanged=_org_unchanged,
        ),
        Case(
            f"people:{kind}s-remove-from-organization",
            "DELETE",
            build=_org_path(kind, "/remove-from-organization"),
            attackers=("admin_b",),
            unchanged=_org_unchanged,
        ),
        Case(
            f"people:{kind}s-users",
            "GET",
            build=_org_path(kind, "/users"),
            attackers=("admin_b", "staff_b", f"{kind}_b"),
            unchanged=_org_unchanged,
        ),
        Case(
            f"people:{kind}s-users",
            "POST",
            build=_org_path(kind, "/users"),
            body=NEW_MEMBER,
            attackers=("admin_b",),
            unchanged=_no_new_member(kind),
        ),
        Case(
            f"people:{kind}s-user-detail",
            "PATCH",
            build=_member_path(kind),
            body={"firstName": "Hacked", "email": "hacked@example.com"},
            attackers=("admin_b",),
            unchanged=_member_unchanged,
        ),
        Case(
            f"people:{kind}s-user-detail",
            "PATCH",
            build=_member_path(kind, via_own_org=True),
            body={"firstName": "Hacked", "password": "Hacked123!"},
            attackers=("admin_b",),
            unchanged=_member_unchanged,
        ),
        Case(
            f"people:{kind}s-user-detail",
            "DELETE",
            build=_member_path(kind),
            attackers=("admin_b",),
            unchanged=_member_unchanged,
        ),
        Case(
            f"people:{kind}s-user-detail",
            "DELETE",
            build=_member_path(kind, via_own_org=True),
            attackers=("admin_b",),
            unchanged=_member_unchanged,
        ),
    ]


TENANT_CASES = [
    *_org_cases("tenant", Tenant),
    Case(
        "people:tenants-stats",
        "GET",
        build=_org_path("tenant", "/stats"),
        attackers=("admin_b", "staff_b"),
        unchanged=_org_unchanged,
    ),
]
CONTRACTOR_CASES = _org_cases("contractor", Contractor)

CASES = [*INVITATION_CASES, *TENANT_CASES, *CONTRACTOR_CASES]

EXEMPT = {
    ("people:invitations-validate", "GET"): (
        "public by design: the path token is 256 random bits known only from the invitee's email; "
        "only its hash is stored and no response emits it"
    ),
    ("people:invitations-accept", "POST"): (
        "public by design: only the holder of the emailed 256-bit token can accept; the landlord "
        "linked is the invitation's own, never one from the body"
    ),
    ("people:tenants-me", "GET"): "no id in the path: the caller's own tenant organization only",
    ("people:tenants-me-neighbors", "GET"): (
        "no id in the path: units next to the caller's own ACTIVE leases, without other households' rent"
    ),
    ("people:tenants-me-properties", "GET"): (
        "no id in the path: properties of the caller's own ACTIVE leases"
    ),
    ("people:contractors-me", "GET"): "no id in the path: the caller's own contractor only",
    ("people:contractors-me-properties", "GET"): (
        "no id in the path: properties of tickets assigned to the caller's own contractor"
    ),
}
