"""SMS message builders of spec 08 section 5 (every text ends with `` - {BRAND}``).

The lease/maintenance texts used by notifications live in :mod:`apps.notifications.content`
(``sms_text``); these are the direct builders other modules call with :func:`sms_queue` or
:func:`sms_send`. Wording the spec does not give is kept short and factual.
"""

from __future__ import annotations

from django.conf import settings

SECURITY_TEXTS = {
    "unauthorized_access": "we detected an unauthorized attempt to access your account.",
    "password_changed": "your password was just changed. If this was not you, reset it now.",
    "suspicious_activity": "we noticed suspicious activity on your account.",
}


def _brand(text: str) -> str:
    return f"{text} - {settings.BRAND_NAME}"


def generic(name: str, message: str) -> str:
    return _brand(f"Hi {name}, {message}")


def maintenance_update(
    name: str, ticket_number: str, status: str, property_name: str, unit: str | None = None
) -> str:
    where = f" for unit {unit}" if unit else ""
    return _brand(
        f"Hi {name}, maintenance ticket #{ticket_number}{where} at {property_name} is now {status}."
    )


def rent_due(name: str, amount: str, due_date: str, property_name: str) -> str:
    return _brand(f"Hi {name}, reminder: ${amount} is due {due_date} for {property_name}.")


def lease_expiring(name: str, property_name: str, days: int) -> str:
    return _brand(f"Hi {name}, reminder: your lease at {property_name} expires in {days} days.")


def inspection(name: str, property_name: str, date: str) -> str:
    return _brand(f"Hi {name}, reminder: an inspection of {property_name} is scheduled for {date}.")


def payment_alert(name: str, kind: str, amount: str, property_name: str) -> str:
    state = {"received": "was received", "failed": "failed", "overdue": "is overdue"}[kind]
    return _brand(f"Hi {name}, your payment of ${amount} for {property_name} {state}.")


def security_alert(name: str, kind: str) -> str:
    return _brand(f"Hi {name}, security alert: {SECURITY_TEXTS[kind]}")


def emergency_alert(name: str, message: str) -> str:
    return _brand(f"EMERGENCY - Hi {name}, {message}")
