"""The four maintenance routes against hand-computed figures (data.py, frozen in March 2026)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

BASE = {"scope": "portfolio", "period": "this-month", "creator": "all"}


def test_overview(a, b, kpi):
    body = kpi(a.admin, "/kpi/maintenance", compare="true", **BASE)
    # March: t1 (closed, 48 h), t2 (open, landlord-created), t3 (done, 24 h); t4 is February's
    assert body["current"] == {
        "totalTickets": 3,
        "openTickets": 1,
        "inProgressTickets": 0,
        "closedTickets": 1,
        "avgResolutionTime": 36.0,
        "ticketGrowthRate": 200.0,
    }
    assert body["previous"] == {
        "totalTickets": 1,
        "openTickets": 0,
        "inProgressTickets": 1,
        "closedTickets": 0,
        "avgResolutionTime": 0.0,
    }
    assert body["categoryBreakdown"] == [
        {"category": "PLUMBING", "count": 2, "percentage": 66.67, "avgResolutionTime": 36.0},
        {"category": "ELECTRICAL", "count": 1, "percentage": 33.33, "avgResolutionTime": 0.0},
    ]
    assert body["statusBreakdown"] == [
        {"status": "CLOSED", "count": 1, "percentage": 33.33},
        {"status": "DONE", "count": 1, "percentage": 33.33},
        {"status": "OPEN", "count": 1, "percentage": 33.33},
    ]
    assert body["contractorPerformance"] == [
        {
            "contractorId": str(a.contractor_org.pk),
            "contractorName": a.contractor_org.name,
            "ticketsAssigned": 2,
            "ticketsCompleted": 2,
            "avgResolutionTime": 36.0,
            "completionRate": 100.0,
        }
    ]
    assert body["monthlyTrend"] == [{"month": "2026-03", "opened": 3, "closed": 1, "inProgress": 0}]
    assert body["propertyShare"] == [
        {
            "entityId": str(a["alpha"].pk),
            "entityName": "Alpha Tower",
            "entityType": "property",
            "ticketCount": 2,
            "percentage": 66.67,
        },
        {
            "entityId": str(a["beta"].pk),
            "entityName": "Beta Court",
            "entityType": "property",
            "ticketCount": 1,
            "percentage": 33.33,
        },
    ]


def test_overview_of_the_other_landlord(a, b, kpi):
    body = kpi(b.admin, "/kpi/maintenance", **BASE)
    assert body["current"]["totalTickets"] == 1
    assert body["current"]["openTickets"] == 1
    assert body["categoryBreakdown"] == [
        {"category": "PAINTING", "count": 1, "percentage": 100.0, "avgResolutionTime": 0.0}
    ]
    assert body["contractorPerformance"] == []


def test_property_scope_names_units_by_number_and_filters(a, kpi):
    body = kpi(a.admin, "/kpi/maintenance", **{**BASE, "scope": "property", "propertyId": str(a["alpha"].pk)})
    assert [
        (item["entityName"], item["entityType"], item["ticketCount"]) for item in body["propertyShare"]
    ] == [
        ("101", "unit", 1),
        ("102", "unit", 1),
    ]
    tenants = kpi(a.admin, "/kpi/maintenance", **{**BASE, "creator": "tenant"})
    assert tenants["current"]["totalTickets"] == 2
    landlords = kpi(a.admin, "/kpi/maintenance", **{**BASE, "creator": "landlord"})
    assert landlords["current"]["totalTickets"] == 1
    by_org = kpi(a.admin, "/kpi/maintenance", **{**BASE, "tenantId": str(a.tenant_org.pk)})
    assert by_org["current"]["totalTickets"] == 2
    plumbing = kpi(
        a.admin, "/kpi/maintenance?scope=portfolio&period=this-month&creator=all&categories=PLUMBING"
    )
    assert plumbing["current"]["totalTickets"] == 2
    several = kpi(
        a.admin,
        "/kpi/maintenance?scope=portfolio&period=this-month&creator=all&statuses[]=OPEN&statuses[]=DONE",
    )
    assert several["current"]["totalTickets"] == 2
    assert (
        kpi(a.admin, "/kpi/maintenance", **{**BASE, "contractorId": str(a.contractor_org.pk)})["current"][
            "totalTickets"
        ]
        == 2
    )


def test_ticket_work_volume(a, b, kpi):
    body = kpi(a.admin, "/kpi/maintenance/ticket-work-volume", **BASE)
    assert body == {
        "current": {
            "totalTickets": 3,
            "ticketsByCreator": {
                "tenantCount": 2,
                "landlordCount": 1,
                "total": 3,
                "tenantPercentage": 66.67,
                "landlordPercentage": 33.33,
                "graphicalData": [
                    {"label": "Tenant Created", "value": 2},
                    {"label": "Landlord Created", "value": 1},
                ],
            },
            "standaloneTicketsCount": 2,
            "standaloneTicketsPercentage": 66.67,
            "propertyWideTicketsCount": 1,
            "propertyWideTicketsPercentage": 33.33,
            "totalSows": 2,
            "closedSows": 1,
            "totalSubSows": 1,
            "closedSubSows": 0,
            "subSowsPerSow": 0.5,
        }
    }


def test_cost_invoicing(a, b, kpi):
    body = kpi(a.admin, "/kpi/maintenance/cost-invoicing", compare="true", **BASE)
    assert body["current"] == {
        "totalMaintenanceCost": 350.0,  # 200 on the closed ticket + 150 on the closed scope of work
        "closedJobsCount": 2,
        "averageCostPerJob": 175.0,
        "invoicesPendingConfirmation": 1,
        "confirmedInvoices": 2,
        "propertyWideCostAmount": 150.0,
        "propertyWideCostSharePercentage": 42.86,
    }
    assert body["previous"] == {
        "totalMaintenanceCost": 0.0,  # February's ticket is not closed
        "closedJobsCount": 0,
        "averageCostPerJob": 0.0,
        "invoicesPendingConfirmation": 0,
        "confirmedInvoices": 1,
        "propertyWideCostAmount": 0.0,
        "propertyWideCostSharePercentage": 0.0,
    }
    other = kpi(b.admin, "/kpi/maintenance/cost-invoicing", **BASE)
    assert other["current"]["confirmedInvoices"] == 1
    assert other["current"]["totalMaintenanceCost"] == 0.0


def test_resolution_completion(a, kpi):
    body = kpi(a.admin, "/kpi/maintenance/resolution-completion", **BASE)
    assert body == {
        "current": {
            "closedTickets": 2,
            "reopenedTicketsCount": 0,
            "totalTicketsCount": 3,
            "reopenedTicketsPercentage": 0.0,
            "sowCompletionRate": 50.0,
            "closedSowsCount": 1,
            "totalSowsCount": 2,
            "subSowCompletionRate": 0.0,
            "closedSubSowsCount": 0,
            "totalSubSowsCount": 1,
        }
    }


@pytest.mark.parametrize(
    "route",
    [
        "/kpi/maintenance",
        "/kpi/maintenance/ticket-work-volume",
        "/kpi/maintenance/cost-invoicing",
        "/kpi/maintenance/resolution-completion",
    ],
)
def test_validation_and_access(a, kpi, route, api_client):
    assert kpi(a.admin, route, expect=400, scope="portfolio", period="this-month")["message"]  # creator
    assert kpi(a.admin, route, expect=400, **{**BASE, "categories": "ROOF"})
    assert kpi(a.admin, route, expect=400, **{**BASE, "contractorId": "x"})
    assert api_client.get(route, BASE).status_code == 401
    kpi(a.tenant, route, expect=403, **BASE)
    kpi(a.contractor, route, expect=403, **BASE)
