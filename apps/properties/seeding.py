"""Development data for ``manage.py seed_dev_data``: 3 properties with 4 + 2 + 3 units.

They belong to the landlord organization "Myte Estates" that the accounts seeder creates; without
it nothing is created.
"""

from __future__ import annotations

from apps.accounts.models import Landlord
from apps.properties.models import Property, Unit

ORDER = 20

PROPERTIES = [
    {
        "name": "Sunset Apartments",
        "description": "Modern apartment building close to the waterfront.",
        "address": {
            "street": "123 Main St",
            "city": "San Francisco",
            "state": "CA",
            "postal_code": "94102",
            "country": "United States",
            "country_code": "US",
            "latitude": 37.7793,
            "longitude": -122.4193,
        },
        "units": [
            ("101", 850, "APARTMENT", True, 2400),
            ("102", 900, "APARTMENT", True, 2550),
            ("201", 650, "STUDIO", False, None),
            ("202", 1200, "APARTMENT", False, None),
        ],
    },
    {
        "name": "Oak Street Houses",
        "description": "Two family houses with gardens.",
        "address": {
            "street": "45 Oak St",
            "city": "Oakland",
            "state": "CA",
            "postal_code": "94607",
            "country": "United States",
            "country_code": "US",
            "latitude": 37.8044,
            "longitude": -122.2712,
        },
        "units": [("A", 1800, "HOUSE", True, 3900), ("B", 1650, "HOUSE", False, None)],
    },
    {
        "name": "Harbor Business Center",
        "description": "Offices and shops by the harbor.",
        "address": {
            "street": "9 Harbor Way",
            "city": "San Diego",
            "state": "CA",
            "postal_code": "92101",
            "country": "United States",
            "country_code": "US",
            "latitude": 32.7157,
            "longitude": -117.1611,
        },
        "units": [
            ("S1", 400, "OFFICE", True, 1800),
            ("S2", 600, "RETAIL", False, None),
            ("S3", 300, "OFFICE", False, None),
        ],
    },
]


def seed(*, progress) -> dict[str, int]:
    landlord = Landlord.objects.filter(name="Myte Estates").order_by("-created_at").first()
    if landlord is None:
        return {"properties": 0, "units": 0}
    properties = units = 0
    for spec in progress(PROPERTIES, "properties"):
        prop = Property(landlord=landlord, name=spec["name"], description=spec["description"])
        prop.set_address(spec["address"])
        prop.save()
        properties += 1
        for number, size, unit_type, published, rent in spec["units"]:
            unit = Unit(
                landlord=landlord,
                property=prop,
                unit_number=number,
                size=size,
                type=unit_type,
                publish_to_marketplace=published,
                market_rent=rent,
            )
            unit.set_address(spec["address"])
            unit.save()
            units += 1
    return {"properties": properties, "units": units}
