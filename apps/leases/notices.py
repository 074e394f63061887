"""Who hears about a lease, and what they are told (spec 05 sections 4.3-4.5, 5.4, 7).

Notifications go to the lease's own parties (spec 05 open question 3, rule 2): the Tenant users of
the lease's tenant organization and the Landlord users of the lease's landlord, never every
landlord user of the platform. Everything is written through the outbox (in-app rows, email and
SMS jobs) in the caller's transaction.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from apps.accounts.models import User
from apps.core.scope import UserType
from apps.leases.models import Lease, Transaction
from apps.messaging.email import email_send
from apps.notifications.services import notify_many


def day(value) -> str | None:
    return value.strftime("%Y-%m-%d") if value else None


def amount_text(value: Decimal | None) -> str:
    return f"{Decimal(value or 0):,.2f}"


def tenant_users(tenant_id) -> list[User]:
    return list(
        User.objects.unscoped().filter(
            organization_id=tenant_id, user_type=UserType.TENANT, is_disabled=False
        )
    )


def tenant_users_by_org(tenant_ids) -> dict[Any, list[User]]:
    grouped: dict[Any, list[User]] = defaultdict(list)
    for user in User.objects.unscoped().filter(
        organization_id__in=list(tenant_ids), user_type=UserType.TENANT, is_disabled=False
    ):
        grouped[user.organization_id].append(user)
    return grouped


def landlord_users(landlord_id) -> list[User]:
    return list(
        User.objects.unscoped().filter(
            organization_id=landlord_id, user_type=UserType.LANDLORD, is_disabled=False
        )
    )


def primary_tenant_email(tenant_id) -> tuple[str | None, User | None]:
    users = tenant_users(tenant_id)
    primary = next((user for user in users if user.is_primary and user.email), None)
    return (primary.email if primary else None), primary


def lease_facts(lease: Lease) -> dict[str, Any]:
    """The template variables every lease message shares (unit and property are loaded)."""
    unit = lease.unit
    prop = unit.property
    address = ", ".join(part for part in (prop.address_street, prop.address_city, prop.address_state) if part)
    return {
        "propertyName": prop.name,
        "unitIdentifier": unit.unit_number,
        "propertyAddress": address,
        "leaseStartDate": day(lease.start_date),
        "leaseEndDate": day(lease.end_date),
        "monthlyRent": amount_text(lease.rent_amount),
    }


def notify_parties(lease: Lease, *, type: str, title: str, content: str, data: dict[str, Any]) -> None:  # noqa: A002
    """One notification per tenant user and landlord user of the lease, each with its own link."""
    tenants = tenant_users(lease.tenant_id)
    landlords = landlord_users(lease.landlord_id)
    facts = {**lease_facts(lease), **data}
    if tenants:
        notify_many(
            users=tenants,
            type=type,
            title=title,
            content=content,
            data={**facts, "isTenant": True, "leaseId": str(lease.pk)},
            action_url="/dashboard/tenant/leases",
        )
    if landlords:
        notify_many(
            users=landlords,
            type=type,
            title=title,
            content=content,
            data={**facts, "isTenant": False, "leaseId": str(lease.pk)},
            action_url=f"/dashboard/landlord/leases/{lease.pk}",
        )


def email_tenant_users(lease: Lease, *, template: str, context: dict[str, Any], users=None) -> int:
    """Queue ``template`` to every Tenant user of the lease's tenant; returns how many."""
    users = tenant_users(lease.tenant_id) if users is None else users
    sent = 0
    for user in users:
        if not user.email:
            continue
        email_send(
            to=user.email,
            template=template,
            context={"recipientName": f"{user.first_name} {user.last_name}".strip(), **context},
        )
        sent += 1
    return sent


def payment_context(tx: Transaction) -> dict[str, Any]:
    period = tx.rental_period
    lease = tx.lease
    return {
        **(lease_facts(lease) if lease is not None else {}),
        "amount": amount_text(tx.amount),
        "dueDate": day(tx.due_date),
        "periodStartDate": day(period.start_date) if period else None,
        "periodEndDate": day(period.end_date) if period else None,
        "transactionId": str(tx.pk),
    }
