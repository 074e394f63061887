"""The large bench data set of issue 9: 5,003 properties, 50,009 units, 2,000 tenants.

One landlord ("Big Landlord", user ``big@example.com``) owns 5,000 properties x 10 units (50,000
units, 2,230 of them published to the marketplace); three small landlords own the remaining
3 properties and 9 units, so scoping has something to exclude. 2,000 tenant organizations are linked
to the big landlord, each with one tenant user. Rows get distinct ``created_at`` values (one second
apart, as real traffic would) so the sort is exercised.

Used by ``bench/properties_load.py --scale large`` and ``bench/explain_plans.py``; seeding is done
with ``bulk_create`` in batches (about a minute on SQLite).
"""

from __future__ import annotations

import sys
import time
from datetime import timedelta

BIG_PROPERTIES, UNITS_PER_PROPERTY, PUBLISHED_EVERY = 5000, 10, 22
SMALL_LANDLORDS = 3
TENANTS = 2000
BIG_EMAIL = "big@example.com"


def seeded() -> bool:
    from apps.accounts.models import Landlord

    return Landlord.objects.filter(name="Big Landlord").exists()


def seed() -> None:
    """Create the data set (the caller is in the system scope, migrations applied)."""
    from django.utils import timezone

    from apps.accounts.models import Landlord, Tenant, User
    from apps.core.scope import Role, UserType
    from apps.properties.models import Property, Unit

    started = time.monotonic()
    origin = timezone.now() - timedelta(days=400)
    big = Landlord.objects.create(name="Big Landlord")
    small = Landlord.objects.bulk_create(
        [Landlord(name=f"Small Landlord {n}") for n in range(SMALL_LANDLORDS)]
    )
    User.objects.bulk_create(
        [
            User(
                username=f"landlord{n}",
                email=BIG_EMAIL if landlord is big else f"small{n}@example.com",
                first_name="Bench",
                last_name=str(n),
                user_type=UserType.LANDLORD,
                role=Role.LANDLORD_ADMIN,
                is_primary=True,
                organization_id=landlord.pk,
                password="!",
            )
            for n, landlord in enumerate([big, *small])
        ]
    )
    address = dict(
        address_street="1 Bench St",
        address_state="BS",
        address_country="Benchland",
        address_country_code="BL",
    )
    owners = [(big, BIG_PROPERTIES, UNITS_PER_PROPERTY)] + [(landlord, 1, 3) for landlord in small]
    tick = 0
    for landlord, count, per_property in owners:
        for start in range(0, count, 500):
            properties = []
            for n in range(start, min(count, start + 500)):
                tick += 1
                properties.append(
                    Property(
                        landlord=landlord,
                        name=f"Property {n}",
                        description=f"A bench property number {n} near the river",
                        address_city=f"City {n % 50}",
                        address_postal_code=f"{10000 + n}",
                        created_at=origin + timedelta(seconds=tick),
                        **address,
                    )
                )
            Property.objects.bulk_create(properties)
            units = []
            for prop in properties:
                for n in range(per_property):
                    tick += 1
                    published = (tick % PUBLISHED_EVERY) == 0
                    units.append(
                        Unit(
                            landlord=landlord,
                            property=prop,
                            unit_number=str(100 + n),
                            size=500 + n,
                            type="APARTMENT",
                            availability_status="OCCUPIED" if n % 3 == 0 else "VACANT",
                            publish_to_marketplace=published,
                            market_rent=1000 + n if published else None,
                            address_city=prop.address_city,
                            created_at=origin + timedelta(seconds=tick),
                            **address,
                        )
                    )
            Unit.objects.bulk_create(units, batch_size=1000)
    tenants = Tenant.objects.bulk_create([Tenant(name=f"Tenant {n}") for n in range(TENANTS)], batch_size=500)
    big.tenants.add(*tenants)
    User.objects.bulk_create(
        [
            User(
                username=f"tenant{n}",
                email=f"tenant{n}@example.com",
                first_name="Tenant",
                last_name=str(n),
                user_type=UserType.TENANT,
                role=Role.TENANT,
                is_primary=True,
                organization_id=tenant.pk,
                password="!",
            )
            for n, tenant in enumerate(tenants)
        ],
        batch_size=500,
    )
    print(f"large data set seeded in {time.monotonic() - started:.1f}s", file=sys.stderr)


#: landlords of the other list sizes: name -> properties (10 units each)
SIZES = {"Landlord 1k": 100, "Landlord 10k": 1000}


def seed_sizes() -> None:
    """The 1k- and 10k-unit landlords (users ``1k@example.com``, ``10k@example.com``), once."""
    from django.utils import timezone

    from apps.accounts.models import Landlord
    from apps.core.db import atomic

    origin = timezone.now() - timedelta(days=200)
    for name, count in SIZES.items():
        if Landlord.objects.filter(name=name).exists():
            continue
        with atomic():
            _seed_size(name, count, origin)


def _seed_size(name: str, count: int, origin) -> None:
    from apps.accounts.models import Landlord, User
    from apps.core.scope import Role, UserType
    from apps.properties.models import Property, Unit

    landlord = Landlord.objects.create(name=name)
    label = name.split()[-1]
    User.objects.create(
        username=f"landlord-{label}",
        email=f"{label}@example.com",
        first_name="Bench",
        last_name=label,
        user_type=UserType.LANDLORD,
        role=Role.LANDLORD_ADMIN,
        is_primary=True,
        organization_id=landlord.pk,
        password="!",
    )
    properties = Property.objects.bulk_create(
        [
            Property(
                landlord=landlord,
                name=f"Property {n}",
                address_city=f"City {n % 50}",
                created_at=origin + timedelta(seconds=n * 11),
            )
            for n in range(count)
        ],
        batch_size=500,
    )
    Unit.objects.bulk_create(
        [
            Unit(
                landlord=landlord,
                property=prop,
                unit_number=str(100 + n),
                size=500 + n,
                type="APARTMENT",
                availability_status="VACANT",
                address_city=prop.address_city,
                created_at=prop.created_at + timedelta(seconds=n + 1),
            )
            for prop in properties
            for n in range(UNITS_PER_PROPERTY)
        ],
        batch_size=1000,
    )


def token_for(email: str) -> str:
    from apps.accounts.models import User
    from apps.core.authentication import issue_access_token

    return issue_access_token(User.objects.unscoped().get(email=email))


def big_landlord_token() -> str:
    from apps.accounts.models import User
    from apps.core.authentication import issue_access_token

    return issue_access_token(User.objects.unscoped().get(email=BIG_EMAIL))
