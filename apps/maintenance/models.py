"""Maintenance tickets, comments, scopes of work, invoices and visit requests (spec 07 section 1).

Differences from the original, all for tenancy (spec README rule 1): a scope of work records the
landlord it belongs to (spec 07 open question 3), and an invoice references its ticket or scope of
work by foreign key besides the original's ``linkedEntity*`` fields, so every record answers
"whose is this?" in the database. Money is a ``Decimal`` with two places.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from apps.accounts.models import Contractor, Landlord, Tenant
from apps.core.models import BaseModel, ScopedManager, ScopedModel
from apps.properties.models import Availability, Property, Unit


class TicketCategory(models.TextChoices):
    PLUMBING = "PLUMBING"
    ELECTRICAL = "ELECTRICAL"
    HVAC = "HVAC"
    APPLIANCES = "APPLIANCES"
    STRUCTURAL = "STRUCTURAL"
    PAINTING = "PAINTING"
    CLEANING = "CLEANING"
    PEST_CONTROL = "PEST_CONTROL"
    SECURITY = "SECURITY"
    GENERAL = "GENERAL"
    OTHER = "OTHER"


class TicketPriority(models.TextChoices):
    URGENT = "URGENT"
    HIGH = "HIGH"
    MEDIUM = "MEDIUM"
    LOW = "LOW"


class TicketStatus(models.TextChoices):
    OPEN = "OPEN"
    IN_REVIEW = "IN_REVIEW"
    ASSIGNED = "ASSIGNED"
    IN_PROGRESS = "IN_PROGRESS"
    DONE = "DONE"
    CLOSED = "CLOSED"


class TicketSource(models.TextChoices):
    WEB = "web"
    MOBILE = "mobile"
    VOICE = "voice"
    API = "api"


USER = settings.AUTH_USER_MODEL


class NumberCounter(BaseModel):
    """The last number handed out per series (``MT2026``, ``SOW2026``).

    Incremented with a conditional ``update(value=F("value") + 1)``: the database serializes
    concurrent increments on the row, so two creates never get the same number (no
    ``select_for_update``, which the MongoDB backend lacks).
    """

    key = models.CharField(max_length=32, unique=True)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "maintenance_number_counters"

    def __str__(self) -> str:
        return f"{self.key}: {self.value}"


class ScopeOfWork(ScopedModel):
    access_subject = "ScopeOfWork"

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="scopes_of_work")
    assigned_contractor = models.ForeignKey(
        Contractor, null=True, blank=True, on_delete=models.SET_NULL, related_name="scopes_of_work"
    )
    assigned_user = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    parent_sow = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="sub_sows"
    )
    property = models.ForeignKey(Property, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sow_number = models.CharField(max_length=200, unique=True)
    title = models.CharField(max_length=200)
    description = models.CharField(max_length=2000, blank=True, default="")
    status = models.CharField(max_length=12, choices=TicketStatus.choices, default=TicketStatus.OPEN)
    assigned_date = models.DateTimeField(null=True, blank=True)
    completed_date = models.DateTimeField(null=True, blank=True)
    notes = models.CharField(max_length=1000, blank=True, default="")
    refuse_reason = models.CharField(max_length=1000, null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        db_table = "scopeofworks"
        verbose_name = "scope of work"
        verbose_name_plural = "scopes of work"
        indexes = [
            models.Index(fields=["landlord", "-created_at"], name="sow_landlord_created"),
            models.Index(fields=["assigned_contractor", "status"], name="sow_contractor_status"),
            models.Index(fields=["parent_sow"], name="sow_parent"),
        ]

    def __str__(self) -> str:
        return self.sow_number


class MaintenanceTicket(ScopedModel):
    access_subject = "MaintenanceTicket"

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="tickets")
    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="tickets")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="tickets")
    assigned_contractor = models.ForeignKey(
        Contractor, null=True, blank=True, on_delete=models.SET_NULL, related_name="tickets"
    )
    title = models.CharField(max_length=200)
    description = models.CharField(max_length=2000)
    category = models.CharField(max_length=16, choices=TicketCategory.choices)
    priority = models.CharField(max_length=8, choices=TicketPriority.choices, default=TicketPriority.MEDIUM)
    status = models.CharField(max_length=12, choices=TicketStatus.choices, default=TicketStatus.OPEN)
    requested_by = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="requested_tickets")
    assigned_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    assigned_user = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    request_date = models.DateTimeField(null=True, blank=True)
    assigned_date = models.DateTimeField(null=True, blank=True)
    completed_date = models.DateTimeField(null=True, blank=True)
    notes = models.CharField(max_length=1000, blank=True, default="")
    refuse_reason = models.CharField(max_length=1000, null=True, blank=True)
    ticket_number = models.CharField(max_length=32, unique=True)
    scope_of_work = models.ForeignKey(
        ScopeOfWork, null=True, blank=True, on_delete=models.SET_NULL, related_name="tickets"
    )
    source = models.CharField(max_length=8, choices=TicketSource.choices, default=TicketSource.WEB)
    metadata = models.JSONField(null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        db_table = "maintenancetickets"
        indexes = [
            models.Index(fields=["landlord", "status", "priority"], name="ticket_landlord_status_prio"),
            models.Index(
                fields=["landlord", "status", "priority", "-created_at"],
                name="ticket_landlord_status_created",
            ),
            models.Index(fields=["landlord", "-created_at"], name="ticket_landlord_created"),
            models.Index(fields=["landlord", "assigned_contractor"], name="ticket_landlord_contractor"),
            models.Index(fields=["assigned_contractor", "status"], name="ticket_contractor_status"),
            models.Index(fields=["property", "unit"], name="ticket_property_unit"),
            models.Index(fields=["requested_by", "-created_at"], name="ticket_requester_created"),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_number} {self.title}"


class TicketComment(ScopedModel):
    access_subject = "TicketComment"

    ticket = models.ForeignKey(MaintenanceTicket, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    content = models.CharField(max_length=2000)

    objects = ScopedManager()

    class Meta:
        db_table = "ticketcomments"
        indexes = [models.Index(fields=["ticket", "-created_at"], name="comment_ticket_created")]


class InvoiceIssuer(models.TextChoices):
    CONTRACTOR = "CONTRACTOR"
    LANDLORD = "LANDLORD"


class InvoiceStatus(models.TextChoices):
    DRAFT = "Draft"
    CONFIRMED = "Confirmed"


class LinkedEntity(models.TextChoices):
    TICKET = "TICKET"
    SCOPE_OF_WORK = "SCOPE_OF_WORK"


class Invoice(ScopedModel):
    access_subject = "Invoice"

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="invoices")
    amount = models.DecimalField(max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    currency = models.CharField(max_length=3, default="USD")
    description = models.CharField(max_length=2000, blank=True, default="")
    notes = models.CharField(max_length=5000, blank=True, default="")
    issuer = models.CharField(max_length=12, choices=InvoiceIssuer.choices)
    linked_entity_type = models.CharField(max_length=16, choices=LinkedEntity.choices)
    ticket = models.ForeignKey(
        MaintenanceTicket, null=True, blank=True, on_delete=models.CASCADE, related_name="invoices"
    )
    scope_of_work = models.ForeignKey(
        ScopeOfWork, null=True, blank=True, on_delete=models.CASCADE, related_name="invoices"
    )
    status = models.CharField(max_length=10, choices=InvoiceStatus.choices, default=InvoiceStatus.DRAFT)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = ScopedManager()

    class Meta:
        db_table = "invoices"
        indexes = [
            models.Index(fields=["landlord", "-created_at"], name="invoice_landlord_created"),
            models.Index(fields=["landlord", "status"], name="invoice_landlord_status"),
            models.Index(fields=["landlord", "issuer"], name="invoice_landlord_issuer"),
            models.Index(fields=["ticket", "-created_at"], name="invoice_ticket_created"),
            models.Index(fields=["scope_of_work", "-created_at"], name="invoice_sow_created"),
        ]

    @property
    def linked_entity_id(self):
        return self.ticket_id if self.linked_entity_type == LinkedEntity.TICKET else self.scope_of_work_id

    @property
    def linked_entity_model(self) -> str:
        return "MaintenanceTicket" if self.linked_entity_type == LinkedEntity.TICKET else "ScopeOfWork"


class VisitSource(models.TextChoices):
    TICKET = "TICKET"
    SCOPE_OF_WORK = "SCOPE_OF_WORK"
    MARKETPLACE = "MARKETPLACE"


class VisitTarget(models.TextChoices):
    UNIT = "UNIT"
    PROPERTY = "PROPERTY"


class VisitStatus(models.TextChoices):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    DECLINED = "DECLINED"
    AWAITING_RESCHEDULE = "AWAITING_RESCHEDULE"
    RESCHEDULED = "RESCHEDULED"
    BOOKED = "BOOKED"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class VisitRequest(ScopedModel):
    """A visit of a unit or property in an availability slot (spec 07 section 1.6).

    ``starts_at``/``ends_at`` are the visit's real instants (the visit date at the "HH:mm" times,
    UTC), so the conflict check compares times, not strings (spec 07 open question 6).
    """

    access_subject = "VisitRequest"

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="visit_requests")
    contractor = models.ForeignKey(
        Contractor, null=True, blank=True, on_delete=models.SET_NULL, related_name="visit_requests"
    )
    requested_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    full_name = models.CharField(max_length=100, blank=True, default="")
    email = models.EmailField(max_length=254, blank=True, default="")
    phone_number = models.CharField(max_length=20, blank=True, default="")
    source_type = models.CharField(max_length=16, choices=VisitSource.choices)
    ticket = models.ForeignKey(
        MaintenanceTicket, null=True, blank=True, on_delete=models.SET_NULL, related_name="visit_requests"
    )
    scope_of_work = models.ForeignKey(
        ScopeOfWork, null=True, blank=True, on_delete=models.SET_NULL, related_name="visit_requests"
    )
    target_type = models.CharField(max_length=10, choices=VisitTarget.choices)
    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    tenant = models.ForeignKey(Tenant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    availability_slot = models.ForeignKey(Availability, on_delete=models.PROTECT, related_name="+")
    visit_date = models.DateTimeField()
    start_time = models.CharField(max_length=5)
    end_time = models.CharField(max_length=5)
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    message = models.CharField(max_length=1000, blank=True, default="")
    previous_suggestion = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    next_suggestion = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    original_request = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="chain"
    )
    suggested_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    suggested_at = models.DateTimeField(null=True, blank=True)
    reschedule_reason = models.CharField(max_length=1000, blank=True, default="")
    status = models.CharField(max_length=20, choices=VisitStatus.choices, default=VisitStatus.PENDING)
    response_message = models.CharField(max_length=1000, blank=True, default="")
    responded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    responded_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        db_table = "visitrequests"
        indexes = [
            models.Index(fields=["landlord", "-created_at"], name="visit_landlord_created"),
            models.Index(fields=["contractor", "-created_at"], name="visit_contractor_created"),
            models.Index(fields=["tenant", "-created_at"], name="visit_tenant_created"),
            models.Index(fields=["status", "starts_at"], name="visit_status_starts"),
        ]
