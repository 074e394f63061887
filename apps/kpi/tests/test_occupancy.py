"""``GET /kpi/occupancy-leasing`` against hand-computed figures (data.py, frozen in March 2026)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

PATH = "/kpi/occupancy-leasing"


def test_portfolio_with_comparison(a, b, kpi):
    body = kpi(a.admin, PATH, scope="portfolio", period="this-month", compare="true")
    assert body["current"] == {
        "occupancyUtilization": {
            "occupancyRate": {
                "rate": 66.67,  # 101 and 201 have ACTIVE leases overlapping March; 102 does not
                "occupiedUnits": 2,
                "totalUnits": 3,
                "graphicalData": [{"label": "Occupied", "value": 2}, {"label": "Vacant", "value": 1}],
            },
            "vacancyRate": {
                "rate": 33.33,
                "vacantUnits": 1,
                "totalUnits": 3,
                "graphicalData": [{"label": "Vacant", "value": 1}, {"label": "Occupied", "value": 2}],
            },
            "averageOccupancyDuration": 364,
            "occupancyGrowthRate": 100.0,  # from 1 of 3 to 2 of 3
        },
        "leasingActivity": {
            "newLeasesSigned": 1,
            "terminatedLeases": 1,
            "leaseRenewalRate": {
                "rate": 100.0,  # 102's lease ending 5 March renews automatically
                "renewedLeases": 1,
                "expiringLeases": 1,
                "graphicalData": [{"label": "Renewed", "value": 1}, {"label": "Not Renewed", "value": 0}],
            },
            "averageVacancyDuration": 5,  # 102: 5 March to 10 March
            "turnoverRate": 33.33,
        },
    }
    previous = body["previous"]
    assert "occupancyGrowthRate" not in previous["occupancyUtilization"]
    assert previous["occupancyUtilization"]["occupancyRate"]["occupiedUnits"] == 1
    assert previous["leasingActivity"] == {
        "newLeasesSigned": 0,
        "terminatedLeases": 0,
        "leaseRenewalRate": {
            "rate": 100.0,  # 201's lease ending 25 February is followed by an ACTIVE one on 1 March
            "renewedLeases": 1,
            "expiringLeases": 1,
            "graphicalData": [{"label": "Renewed", "value": 1}, {"label": "Not Renewed", "value": 0}],
        },
        "averageVacancyDuration": 4,
        "turnoverRate": 0.0,
    }


def test_other_landlord(a, b, kpi):
    body = kpi(b.admin, PATH, scope="portfolio", period="this-month")
    rate = body["current"]["occupancyUtilization"]["occupancyRate"]
    assert rate == {
        "rate": 100.0,
        "occupiedUnits": 1,
        "totalUnits": 1,
        "graphicalData": [{"label": "Occupied", "value": 1}, {"label": "Vacant", "value": 0}],
    }
    assert body["current"]["occupancyUtilization"]["averageOccupancyDuration"] == 364


def test_property_scope_and_tenant_filter(a, kpi):
    body = kpi(a.admin, PATH, scope="property", propertyId=str(a["alpha"].pk), period="this-month")
    rate = body["current"]["occupancyUtilization"]["occupancyRate"]
    assert (rate["occupiedUnits"], rate["totalUnits"]) == (1, 2)
    other_tenant = kpi(
        a.admin, PATH, scope="portfolio", period="this-month", tenantId="00000000-0000-4000-8000-000000000000"
    )
    assert other_tenant["current"]["occupancyUtilization"]["occupancyRate"]["occupiedUnits"] == 0
    assert other_tenant["current"]["occupancyUtilization"]["occupancyRate"]["totalUnits"] == 3


def test_validation_and_access(a, kpi):
    assert kpi(a.admin, PATH, expect=400, scope="property", period="this-month")["message"] == [
        "propertyId should not be empty"
    ]
    assert kpi(a.admin, PATH, expect=400, scope="portfolio", period="custom")["message"]
    assert kpi(a.admin, PATH, expect=400, scope="unit", period="this-month")
    kpi(a.tenant, PATH, expect=403, scope="portfolio", period="this-month")
    kpi(a.contractor, PATH, expect=403, scope="portfolio", period="this-month")
