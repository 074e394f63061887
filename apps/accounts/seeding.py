"""Identity part of ``manage.py seed_dev_data`` (spec 00 section 16).

Creates the landlord "Myte Estates" with its admin ``landlord@example.com``, five tenant households
(``tenant1..5@example.com``) and four contractor companies (``contractor1..4@example.com``), all with
the password ``password123``. Unlike the original seeder, tenants and contractors are linked to the
landlord, so the seeded data is usable right away, and SuperAdmin accounts survive the wipe.
Later seeders find the landlord by :data:`LANDLORD_NAME`.
"""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from apps.accounts.models import (
    Contractor,
    Landlord,
    PasswordReset,
    Session,
    Tenant,
    User,
    VerificationToken,
)
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


def wipe() -> None:
    """Hard-delete identity records, keeping SuperAdmin accounts."""
    keep = User.objects.including_deleted().filter(user_type=UserType.ADMIN)
    Session.objects.including_deleted().exclude(user__in=keep).delete()
    PasswordReset.objects.including_deleted().exclude(user__in=keep).delete()
    VerificationToken.objects.including_deleted().exclude(user__in=keep).delete()
    User.objects.including_deleted().exclude(user_type=UserType.ADMIN).delete()
    Tenant.objects.including_deleted().all().delete()
    Contractor.objects.including_deleted().all().delete()
    Landlord.objects.including_deleted().all().delete()


def _user(*, password_hash: str, **fields) -> User:
    return User(
        password=password_hash,
        is_primary=True,
        email_verified_at=timezone.now(),
        **fields,
    )


def seed(*, progress) -> dict[str, int]:
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
