"""Identity part of ``manage.py seed_dev_data`` (spec 00 section 16).

Creates the landlord "Myte Estates" with its admin ``landlord@example.com``, five tenant households
(``tenant1..5@example.com``) and four contractor companies (``contractor1..4@example.com``), all with
the password ``password123``. Unlike the original seeder, tenants and contractors are linked to the
landlord, so the seeded data is usable right away. ``seed_dev_data`` replaces only rows an earlier
run created; if one of these emails belongs to another account, seeding stops with a clear error.
Later seeders find the landlord by :data:`LANDLORD_NAME` (the newest one: the one just created).
"""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError
from django.utils import timezone

from apps.accounts.models import Contractor, Landlord, Tenant, User
from apps.core.scope import Role, UserType

ORDER = 10
PASSWORD = "password123"
LANDLORD_NAME = "Myte Estates"
LANDLORD_EMAIL = "landlord@example.com"

TENANTS = [
    ("Smith Family", "Michael", "Smith"),
    ("Johnson Household", "Sarah", "Johnson"),
    ("Williams Residence", "David", "Williams"),
    ("Brown Living", "Emily", "Brown"),
    ("Davis Home", "James", "Davis"),
]
CONTRACTORS = [
    ("Premier Plumbing Services", "Plumbing", "Tom", "Harris"),
    ("Elite HVAC Solutions", "HVAC", "Lisa", "Chen"),
    ("ProElectric Inc", "Electrical", "Raj", "Patel"),
    ("Quality Handyman Services", "General Maintenance", "Carlos", "Rivera"),
]


def _user(*, password_hash: str, **fields) -> User:
    return User(
        password=password_hash,
        is_primary=True,
        email_verified_at=timezone.now(),
        **fields,
    )


def seed_emails() -> list[str]:
    return [
        LANDLORD_EMAIL,
        *(f"tenant{index}@example.com" for index in range(1, len(TENANTS) + 1)),
        *(f"contractor{index}@example.com" for index in range(1, len(CONTRACTORS) + 1)),
    ]


def seed_usernames() -> list[str]:
    return ["landlord", *(first.lower() for _, first, _ in TENANTS), *(row[2].lower() for row in CONTRACTORS)]


def taken_values() -> list[str]:
    """Seed emails, usernames and the landlord name that an account not made by the seeder holds."""
    users = User.objects.including_deleted()
    taken = [
        *users.filter(email__in=seed_emails()).values_list("email", flat=True),
        *users.filter(username__in=seed_usernames()).values_list("username", flat=True),
    ]
    if Landlord.objects.including_deleted().filter(name=LANDLORD_NAME).exists():
        taken.append(LANDLORD_NAME)
    return sorted(set(taken))


def seed(*, progress) -> dict[str, int]:
    taken = taken_values()
    if taken:
        raise CommandError(
            "Cannot seed: these names belong to records seed_dev_data did not create, or that other "
            "data depends on: " + ", ".join(taken)
        )
    password_hash = make_password(PASSWORD)
    landlord = Landlord.objects.create(name=LANDLORD_NAME)
    users = [
        _user(
            password_hash=password_hash,
            username="landlord",
            email=LANDLORD_EMAIL,
            first_name="John",
            last_name="Doe",
            user_type=UserType.LANDLORD,
            organization_id=landlord.pk,
            role=Role.LANDLORD_ADMIN,
        )
    ]
    tenants = []
    for index, (name, first, last) in enumerate(progress(TENANTS, "tenants"), start=1):
        tenant = Tenant(name=name, invitation_context={"source": "seed", "landlordId": str(landlord.pk)})
        tenant.save()
        tenant.landlords.add(landlord)
        tenants.append(tenant)
        users.append(
            _user(
                password_hash=password_hash,
                username=first.lower(),
                email=f"tenant{index}@example.com",
                first_name=first,
                last_name=last,
                phone=f"+1555000{index:04d}",
                user_type=UserType.TENANT,
                organization_id=tenant.pk,
                role=Role.TENANT,
            )
        )
    contractors = []
    for index, (name, category, first, last) in enumerate(progress(CONTRACTORS, "contractors"), start=1):
        contractor = Contractor(name=name, category=category)
        contractor.save()
        contractor.landlords.add(landlord)
        contractors.append(contractor)
        users.append(
            _user(
                password_hash=password_hash,
                username=first.lower(),
                email=f"contractor{index}@example.com",
                first_name=first,
                last_name=last,
                phone=f"+1555100{index:04d}",
                user_type=UserType.CONTRACTOR,
                organization_id=contractor.pk,
                role=Role.CONTRACTOR,
            )
        )
    for user in users:
        user.save()
    return {
        "landlords": 1,
        "tenant organizations": len(tenants),
        "contractor organizations": len(contractors),
        "users": len(users),
    }
