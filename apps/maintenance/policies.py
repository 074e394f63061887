"""Rows of the access table for tickets, comments, scopes of work, invoices and visit requests.

Spec 07 section 2, corrected by spec README rule 1 and the recommended answers of its open
questions: landlord users reach their own landlord's records only; tenants read the tickets they
reported and those of the units of their ACTIVE leases (not "any ticket"), and only the scopes of
work and invoices of those tickets; contractors reach what is assigned to their organization
(organization id, open question 2), never every scope of work (open question 3). Service rules
narrow further (a tenant edits only what it reported, only some fields).
"""

from apps.core.access import CREATE, DELETE, MANAGE, READ, UPDATE, Ref, allow, deny, register
from apps.core.scope import Role
from apps.maintenance.parties import tenant_property_ids, tenant_sow_ids, tenant_unit_ids
from apps.properties.parties import PartyIds

OWN_LANDLORD = {"landlord_id": Ref.LANDLORD}
TENANT_UNITS = PartyIds(tenant_unit_ids)
TENANT_PROPERTIES = PartyIds(tenant_property_ids)


def _tenant_ticket(prefix: str = "") -> list[dict]:
    return [
        {f"{prefix}requested_by_id": Ref.USER},
        {f"{prefix}unit_id__in": TENANT_UNITS},
        {f"{prefix}property_id__in": TENANT_PROPERTIES, f"{prefix}unit__isnull": True},
    ]


for role in (Role.LANDLORD_ADMIN, Role.LANDLORD_STAFF):
    register(
        role,
        allow(MANAGE, "MaintenanceTicket", OWN_LANDLORD),
        allow(MANAGE, "TicketComment", {"ticket__landlord_id": Ref.LANDLORD}),
        allow(MANAGE, "ScopeOfWork", OWN_LANDLORD),
        allow(MANAGE, "VisitRequest", OWN_LANDLORD),
    )
register(Role.LANDLORD_ADMIN, allow(MANAGE, "Invoice", OWN_LANDLORD))
register(Role.LANDLORD_STAFF, allow(READ, "Invoice", OWN_LANDLORD))

register(
    Role.TENANT,
    allow(CREATE, "MaintenanceTicket"),
    *[allow(READ, "MaintenanceTicket", condition) for condition in _tenant_ticket()],
    allow(UPDATE, "MaintenanceTicket", {"requested_by_id": Ref.USER}),
    deny(DELETE, "MaintenanceTicket"),
    allow(CREATE, "TicketComment"),
    *[allow(READ, "TicketComment", condition) for condition in _tenant_ticket("ticket__")],
    allow((UPDATE, DELETE), "TicketComment", {"author_id": Ref.USER}),
    allow(READ, "ScopeOfWork", {"id__in": PartyIds(tenant_sow_ids)}),
    deny((CREATE, UPDATE, DELETE), "ScopeOfWork"),
    *[allow(READ, "Invoice", condition) for condition in _tenant_ticket("ticket__")],
    deny((CREATE, UPDATE, DELETE), "Invoice"),
    allow((READ, UPDATE), "VisitRequest", {"tenant_id": Ref.TENANT_ORG}),
    allow((READ, UPDATE), "VisitRequest", {"requested_by_id": Ref.USER}),
    allow(CREATE, "VisitRequest"),
)

ASSIGNED = {"assigned_contractor_id": Ref.CONTRACTOR_ORG}
register(
    Role.CONTRACTOR,
    allow((READ, UPDATE), "MaintenanceTicket", ASSIGNED),
    deny((CREATE, DELETE), "MaintenanceTicket"),
    allow((CREATE, READ), "TicketComment", {"ticket__assigned_contractor_id": Ref.CONTRACTOR_ORG}),
    allow((UPDATE, DELETE), "TicketComment", {"author_id": Ref.USER}),
    allow((READ, UPDATE), "ScopeOfWork", ASSIGNED),
    deny((CREATE, DELETE), "ScopeOfWork"),
    allow(CREATE, "Invoice"),
    allow(READ, "Invoice", {"ticket__assigned_contractor_id": Ref.CONTRACTOR_ORG}),
    allow(READ, "Invoice", {"scope_of_work__assigned_contractor_id": Ref.CONTRACTOR_ORG}),
    allow(DELETE, "Invoice", {"created_by_id": Ref.USER}),
    deny(UPDATE, "Invoice"),
    allow(CREATE, "VisitRequest"),
    allow((READ, UPDATE), "VisitRequest", {"contractor_id": Ref.CONTRACTOR_ORG}),
)
