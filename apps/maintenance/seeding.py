"""Development data for ``manage.py seed_dev_data``: tickets in every state, a scope of work,
invoices and visit requests on the "Myte Estates" properties.

Runs after the accounts (10) and properties (20) seeders; without their landlord, nothing is
created. Records are written directly (no notifications), numbers come from the counters.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from apps.accounts.models import Contractor, Landlord
from apps.chat.models import Thread
from apps.core.scope import UserType
from apps.maintenance import workflow
from apps.maintenance.models import (
    Invoice,
    MaintenanceTicket,
    NumberCounter,
    ScopeOfWork,
    TicketComment,
    TicketStatus,
    VisitRequest,
)
from apps.properties.models import Availability, Unit

ORDER = 40

TICKETS = [
    ("Leaking kitchen tap", "Water drips all night.", "PLUMBING", "MEDIUM", TicketStatus.OPEN),
    ("Heating does not start", "Radiators stay cold.", "HVAC", "URGENT", TicketStatus.IN_REVIEW),
    ("Flickering hallway light", "Hallway light flickers.", "ELECTRICAL", "LOW", TicketStatus.ASSIGNED),
    ("Broken dishwasher", "Dishwasher shows error E4.", "APPLIANCES", "HIGH", TicketStatus.IN_PROGRESS),
    ("Peeling paint in bathroom", "Ceiling paint is peeling.", "PAINTING", "LOW", TicketStatus.DONE),
    ("Front door lock sticks", "The key turns hard.", "SECURITY", "MEDIUM", TicketStatus.CLOSED),
    ("Gutter cleaning", "Leaves block the gutters.", "CLEANING", "MEDIUM", TicketStatus.OPEN),
    ("Ants in the storage room", "Small ants near the window.", "PEST_CONTROL", "HIGH", TicketStatus.OPEN),
]


def wipe() -> None:
    VisitRequest.objects.including_deleted().all().delete()
    Invoice.objects.including_deleted().all().delete()
    TicketComment.objects.including_deleted().all().delete()
    Thread.objects.including_deleted().filter(linked_entity_type__in=("TICKET", "SCOPE_OF_WORK")).delete()
    MaintenanceTicket.objects.including_deleted().all().delete()
    ScopeOfWork.objects.including_deleted().all().delete()
    NumberCounter.objects.all().delete()


def seed(*, progress) -> dict[str, int]:
    landlord = Landlord.objects.filter(name="Myte Estates").order_by("created_at").first()
    units = list(
        Unit.objects.unscoped().filter(landlord=landlord).select_related("property").order_by("created_at")
    )
    if landlord is None or not units:
        return {"tickets": 0, "scopes of work": 0, "invoices": 0, "visit requests": 0}
    users = get_user_model().objects.unscoped()
    landlord_user = users.filter(user_type=UserType.LANDLORD, organization_id=landlord.pk).first()
    tenant_users = list(users.filter(user_type=UserType.TENANT).order_by("email"))
    contractor = Contractor.objects.unscoped().filter(landlords=landlord).order_by("name").first()
    worker = users.filter(organization_id=contractor.pk).first() if contractor else None
    now = timezone.now()
    tickets = []
    for index, (title, description, category, priority, status) in enumerate(progress(TICKETS, "tickets")):
        unit = units[index % len(units)]
        assigned = status not in (TicketStatus.OPEN, TicketStatus.IN_REVIEW) and contractor is not None
        ticket = MaintenanceTicket.objects.unscoped().create(
            landlord=landlord,
            property=unit.property,
            unit=unit,
            title=title,
            description=description,
            category=category,
            priority=priority,
            status=status,
            requested_by=tenant_users[index % len(tenant_users)] if tenant_users else landlord_user,
            request_date=now - timedelta(days=10 - index),
            assigned_contractor=contractor if assigned else None,
            assigned_by=landlord_user if assigned else None,
            assigned_date=now - timedelta(days=5) if assigned else None,
            assigned_user=worker
            if status in (TicketStatus.IN_PROGRESS, TicketStatus.DONE, TicketStatus.CLOSED)
            else None,
            completed_date=now - timedelta(days=1)
            if status in (TicketStatus.DONE, TicketStatus.CLOSED)
            else None,
            ticket_number=workflow.next_number("MT"),
        )
        tickets.append(ticket)
        TicketComment.objects.unscoped().create(
            ticket=ticket, author=ticket.requested_by, content="Thanks for looking into it."
        )
    sow = ScopeOfWork.objects.unscoped().create(
        landlord=landlord,
        property=tickets[6].property,
        title="Seasonal upkeep",
        description="Gutters and pest control before winter.",
        sow_number=workflow.next_number("SOW"),
    )
    MaintenanceTicket.objects.unscoped().filter(pk__in=[tickets[6].pk, tickets[7].pk]).update(
        scope_of_work=sow
    )
    invoices = [
        Invoice.objects.unscoped().create(
            landlord=landlord,
            ticket=tickets[4],
            linked_entity_type="TICKET",
            amount=Decimal("185.00"),
            currency="USD",
            description="Paint and labour",
            issuer="CONTRACTOR",
            created_by=worker,
        ),
        Invoice.objects.unscoped().create(
            landlord=landlord,
            ticket=tickets[5],
            linked_entity_type="TICKET",
            amount=Decimal("92.50"),
            currency="USD",
            description="Lock replacement",
            issuer="CONTRACTOR",
            status="Confirmed",
            created_by=worker,
        ),
    ]
    visits = 0
    if contractor is not None:
        unit = tickets[2].unit
        slot = Availability.objects.unscoped().create(
            landlord=landlord,
            property=unit.property,
            unit=unit,
            created_by="LANDLORD",
            availability_type="RECURRING",
            day_of_week="MONDAY",
            start_time="09:00",
            end_time="12:00",
            notes="Mornings for contractor visits",
        )
        day = (now + timedelta(days=7 - now.weekday())).date()
        for offset, (start, end, status) in enumerate(
            (("09:00", "10:00", "PENDING"), ("10:30", "11:30", "APPROVED"))
        ):
            VisitRequest.objects.unscoped().create(
                landlord=landlord,
                contractor=contractor,
                requested_by=worker,
                source_type="TICKET",
                ticket=tickets[2 + offset],
                target_type="UNIT",
                property=unit.property,
                unit=unit,
                availability_slot=slot,
                visit_date=datetime(day.year, day.month, day.day, tzinfo=UTC),
                start_time=start,
                end_time=end,
                starts_at=datetime(day.year, day.month, day.day, int(start[:2]), int(start[3:]), tzinfo=UTC),
                ends_at=datetime(day.year, day.month, day.day, int(end[:2]), int(end[3:]), tzinfo=UTC),
                status=status,
                responded_by=landlord_user if status == "APPROVED" else None,
                responded_at=now if status == "APPROVED" else None,
            )
            visits += 1
    return {"tickets": len(tickets), "scopes of work": 1, "invoices": len(invoices), "visit requests": visits}
