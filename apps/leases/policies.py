"""Rows of the access table for leases, rental periods, transactions and signature tokens.

Spec 05 section 0 gives the route-level matrix (Read-Lease: LA, LS, SA, T*, C; Write-Lease: LA,
LS, SA; Read-Transaction: LA, LS, SA, T*; Write-Transaction: LA, SA). Corrected by spec README
rule 1 (open question 1): every row is conditioned on the record's landlord, or for tenants on
their own tenant organization, so another landlord's lease is a 404 everywhere. Contractors are
party to no lease: they are denied (403) rather than shown every landlord's leases.
"""

from apps.core.access import CREATE, DELETE, MANAGE, READ, UPDATE, Ref, allow, deny, register
from apps.core.scope import Role

OWN_LANDLORD = {"landlord_id": Ref.LANDLORD}
SUBJECTS = ("Lease", "RentalPeriod", "Transaction", "LeaseSignatureToken")
WRITES = (CREATE, UPDATE, DELETE)

register(Role.LANDLORD_ADMIN, *(allow(MANAGE, subject, OWN_LANDLORD) for subject in SUBJECTS))
register(
    Role.LANDLORD_STAFF,
    *(allow(MANAGE, subject, OWN_LANDLORD) for subject in SUBJECTS),
    # Staff read money but do not write it (spec 05 section 0: Write-Transaction is LA, SA).
    deny(WRITES, "Transaction"),
)
register(
    Role.TENANT,
    allow(READ, "Lease", {"tenant_id": Ref.TENANT_ORG}),
    allow(READ, "RentalPeriod", {"lease__tenant_id": Ref.TENANT_ORG}),
    allow(READ, "Transaction", {"lease__tenant_id": Ref.TENANT_ORG}),
    deny(WRITES, "Lease"),
    deny(WRITES, "RentalPeriod"),
    deny(WRITES, "Transaction"),
    deny(MANAGE, "LeaseSignatureToken"),
)
register(Role.CONTRACTOR, *(deny(MANAGE, subject) for subject in SUBJECTS))
