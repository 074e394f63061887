"""``GET /kpi/financial`` against hand-computed figures for two landlords (data.py)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

PATH = "/kpi/financial"


def test_portfolio_this_month_with_comparison(a, b, kpi):
    body = kpi(a.admin, PATH, scope="portfolio", period="this-month", compare="true")
    # revenue: 1000 + 800 (through its lease) + 50.25 fees; not the deposit, the pending or the deleted one
    # expenses: 300 + 40 confirmed, plus confirmed invoices 200 (ticket) + 150 (scope of work)
    assert body["current"] == {
        "totalRevenue": 1850.25,
        "totalExpenses": 690.0,
        "netOperatingIncome": 1160.25,
        "expenseToRevenueRatio": 37.29,
        "revenueGrowthRate": 85.03,  # (1850.25 - 1000) / 1000, half away from zero
    }
    assert body["previous"] == {
        "totalRevenue": 1000.0,
        "totalExpenses": 160.0,  # 100 expense + 60 invoice in February
        "netOperatingIncome": 840.0,
        "expenseToRevenueRatio": 16.0,
    }
    assert body["revenueBreakdown"] == [
        {"type": "RENT", "amount": 1800.0, "percentage": 97.28},
        {"type": "FEES", "amount": 50.25, "percentage": 2.72},
    ]
    assert body["expenseBreakdown"] == [
        {"category": "Utilities & Energy", "amount": 300.0, "percentage": 43.48},
        {"category": "Maintenance & Repairs", "amount": 40.0, "percentage": 5.8},
        {"category": "Maintenance & Repairs", "amount": 350.0, "percentage": 50.72},
    ]
    assert body["monthlyTrend"] == [
        {"month": "2026-03", "revenue": 1850.25, "expense": 690.0, "noi": 1160.25}
    ]
    assert body["revenueShare"] == [
        {
            "entityId": str(a["alpha"].pk),
            "entityName": "Alpha Tower",
            "entityType": "property",
            "revenue": 1050.25,
            "percentage": 56.76,
        },
        {
            "entityId": str(a["beta"].pk),
            "entityName": "Beta Court",
            "entityType": "property",
            "revenue": 800.0,
            "percentage": 43.24,
        },
    ]
    assert body["expenseShare"] == [
        {
            "entityId": str(a["alpha"].pk),
            "entityName": "Alpha Tower",
            "entityType": "property",
            "expense": 650.0,
            "percentage": 94.2,
        },
        {
            "entityId": str(a["beta"].pk),
            "entityName": "Beta Court",
            "entityType": "property",
            "expense": 40.0,
            "percentage": 5.8,
        },
    ]
    assert body["maintenanceCost"] == 350.0


def test_other_landlord_gets_its_own_figures(a, b, kpi):
    body = kpi(b.staff, PATH, scope="portfolio", period="this-month")
    assert body["current"] == {
        "totalRevenue": 5000.0,
        "totalExpenses": 1009.0,
        "netOperatingIncome": 3991.0,
        "expenseToRevenueRatio": 20.18,
    }
    assert "previous" not in body
    assert [item["entityName"] for item in body["revenueShare"]] == ["Gamma House"]
    assert body["maintenanceCost"] == 999.0


def test_property_scope_attributes_lease_transactions(a, b, kpi):
    body = kpi(a.admin, PATH, scope="property", propertyId=str(a["beta"].pk), period="this-month")
    assert body["current"]["totalRevenue"] == 800.0
    assert body["current"]["totalExpenses"] == 40.0
    assert body["maintenanceCost"] == 0.0
    # the property dashboard still compares the landlord's properties
    assert {item["entityName"] for item in body["revenueShare"]} == {"Alpha Tower", "Beta Court"}


def test_unit_scope(a, b, kpi):
    body = kpi(a.admin, PATH, scope="unit", unitId=str(a["u101"].pk), period="this-month")
    assert body["current"]["totalRevenue"] == 1050.25  # the fee has no unit: its lease's unit
    assert body["current"]["totalExpenses"] == 200.0  # the invoice of the unit's ticket
    assert body["revenueShare"] == [] and body["expenseShare"] == []


def test_status_and_type_filters(a, b, kpi):
    pending = kpi(a.admin, PATH, scope="portfolio", period="this-month", status="pending")
    assert pending["current"]["totalRevenue"] == 1000.0
    assert pending["current"]["totalExpenses"] == 460.5  # drafts too, no invoices
    both = kpi(a.admin, f"{PATH}?scope=portfolio&period=this-month&status[]=pending&status[]=paid")
    assert both["current"]["totalRevenue"] == 2850.25
    assert both["current"]["totalExpenses"] == 690.0
    deposits = kpi(a.admin, PATH, scope="portfolio", period="this-month", revenueType="deposit")
    assert deposits["current"]["totalRevenue"] == 500.0
    utilities = kpi(
        a.admin, PATH, scope="portfolio", period="this-month", expenseCategory="Utilities & Energy"
    )
    assert utilities["current"]["totalExpenses"] == 650.0  # 300 + invoices (never filtered by category)


def test_monthly_trend_covers_every_month_of_the_window(a, kpi):
    body = kpi(a.admin, PATH, scope="portfolio", period="year-to-date")
    assert body["monthlyTrend"] == [
        {"month": "2026-01", "revenue": 0.0, "expense": 0.0, "noi": 0.0},
        {"month": "2026-02", "revenue": 1000.0, "expense": 160.0, "noi": 840.0},
        {"month": "2026-03", "revenue": 1850.25, "expense": 690.0, "noi": 1160.25},
    ]


def test_custom_period_includes_the_whole_end_day(a, kpi):
    body = kpi(
        a.admin,
        PATH,
        scope="portfolio",
        period="custom",
        customStartDate="2026-03-01",
        customEndDate="2026-03-05",
    )
    assert body["current"]["totalRevenue"] == 1800.0  # 1000 on the 1st, 800 on the 5th


def test_validation(a, kpi):
    assert kpi(a.admin, PATH, expect=400, period="this-month")["message"]
    assert kpi(a.admin, PATH, expect=400, scope="portfolio")["message"]
    assert kpi(a.admin, PATH, expect=400, scope="portfolio", period="forever")["message"]
    assert kpi(a.admin, PATH, expect=400, scope="portfolio", period="this-month", bogus="1")["message"] == [
        "property bogus should not exist"
    ]
    assert kpi(a.admin, PATH, expect=400, scope="property", propertyId="nope", period="this-month")
    assert kpi(a.admin, PATH, expect=400, scope="portfolio", period="this-month", status="lost")
    assert kpi(a.admin, PATH, expect=400, scope="portfolio", period="custom", customStartDate="soon")


def test_access(a, kpi, api_client):
    assert api_client.get(PATH, {"scope": "portfolio", "period": "this-month"}).status_code == 401
    for user in (a.tenant, a.contractor):
        kpi(user, PATH, expect=403, scope="portfolio", period="this-month")
    assert kpi(a.staff, PATH, scope="portfolio", period="this-month")["current"]["totalRevenue"] == 1850.25


def test_another_landlords_property_gives_nothing(a, b, kpi):
    body = kpi(b.admin, PATH, scope="property", propertyId=str(a["alpha"].pk), period="this-month")
    assert body["current"]["totalRevenue"] == 0.0
    assert body["current"]["totalExpenses"] == 0.0
    assert {item["entityName"] for item in body["revenueShare"]} == {"Gamma House"}


def test_a_deleted_property_leaves_the_portfolio(a, kpi):
    a["beta"].soft_delete()
    body = kpi(a.admin, PATH, scope="portfolio", period="this-month")
    assert body["current"]["totalRevenue"] == 1050.25  # the 800 through the lease of unit 201 is Beta's
    assert body["current"]["totalExpenses"] == 650.0  # 300 + invoices 200 and 150; Beta's 40 is gone
    assert [(item["entityName"], item["percentage"]) for item in body["revenueShare"]] == [
        ("Alpha Tower", 100.0)
    ]
    assert [item["entityName"] for item in body["expenseShare"]] == ["Alpha Tower"]


def test_a_super_admin_belongs_to_no_landlord(a, kpi):
    from apps.accounts.tests.factories import AdminUserFactory

    assert kpi(AdminUserFactory(), PATH, expect=403, scope="portfolio", period="this-month")["message"]
