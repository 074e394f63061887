"""Rows of the access table for the landlords' payment configuration.

Spec 05 section 5.6: payment settings and Stripe configuration are read by any landlord user of
the landlord and written by its admins. Tenants and contractors never see the row (its keys are
the landlord's); online-payment availability is answered by a selector, not by reading it.
"""

from apps.core.access import MANAGE, READ, Ref, allow, deny, register
from apps.core.scope import Role

OWN_LANDLORD = {"landlord_id": Ref.LANDLORD}

register(Role.LANDLORD_ADMIN, allow(MANAGE, "PaymentConfig", OWN_LANDLORD))
register(Role.LANDLORD_STAFF, allow(READ, "PaymentConfig", OWN_LANDLORD))
register(Role.TENANT, deny(MANAGE, "PaymentConfig"))
register(Role.CONTRACTOR, deny(MANAGE, "PaymentConfig"))
