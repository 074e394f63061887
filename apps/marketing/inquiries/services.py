"""Every write of the inquiry routes (spec 04 section 2).

Public submissions run as the system (the caller sees only what they submitted); the landlord's
routes receive a record already loaded through the scoped manager. Verification codes are random
6-digit numbers stored only as an HMAC (keyed by ``SECRET_KEY`` and the inquiry id), expire after
15 minutes, stop working after :data:`MAX_CODE_ATTEMPTS` wrong tries, and can be re-sent at most
once per :data:`RESEND_COOLDOWN`.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone

from apps.core.db import atomic
from apps.core.exceptions import ApplicationError, BadRequest, NotFound, Unprocessable
from apps.core.scope import UserType
from apps.marketing.inquiries.presenters import person_name
from apps.marketing.models import Inquiry, InquiryStatus, InquiryType
from apps.messaging.email import email_send
from apps.notifications.services import notify_many
from apps.notifications.types import NotificationType
from apps.properties.models import Property, Unit

logger = logging.getLogger("myte.marketing")

CODE_TTL = timedelta(minutes=15)
MAX_CODE_ATTEMPTS = 5
RESEND_COOLDOWN = timedelta(seconds=60)
INQUIRIES_URL = "/dashboard/landlord/marketplace/inquiries"


# -- codes ----------------------------------------------------------------------------------------
def _code_hash(inquiry_id: UUID, code: str) -> str:
    message = f"inquiry-verification:{inquiry_id}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _new_code() -> str:
    """100000-999998, as the original."""
    return str(100000 + secrets.randbelow(899999))


def _set_new_code(inquiry: Inquiry) -> str:
    code = _new_code()
    inquiry.verification_code_hash = _code_hash(inquiry.pk, code)
    inquiry.verification_code_expiry = timezone.now() + CODE_TTL
    inquiry.verification_attempts = 0
    return code


# -- places ---------------------------------------------------------------------------------------
def _resolve_place(*, property_id: UUID | None, unit_id: UUID | None) -> tuple[Property | None, Unit | None]:
    """The property and unit named by a submission (422 when missing, spec 04 section 2.2).

    Submissions are public, so the lookups cross the access scope on purpose; a unit that is not
    in the named property is "not found" as well.
    """
    prop = unit = None
    if property_id is not None:
        prop = Property.objects.unscoped().filter(pk=property_id).first()
        if prop is None:
            raise Unprocessable(f"Property with ID {property_id} not found")
    if unit_id is not None:
        unit = (
            Unit.objects.unscoped()
            .select_related("property")
            .filter(pk=unit_id, property__deleted=False)
            .first()
        )
        if unit is None or (prop is not None and unit.property_id != prop.pk):
            raise Unprocessable(f"Unit with ID {unit_id} not found")
        prop = prop or unit.property
    return prop, unit


def _place_label(inquiry: Inquiry, default: str) -> tuple[str, str]:
    prop = inquiry.property if inquiry.property_id else None
    unit = inquiry.unit if inquiry.unit_id else None
    return (prop.name if prop else default), (unit.unit_number if unit else "")


# -- landlord notification ------------------------------------------------------------------------
def _format_when(value) -> str:
    """``Nov 15, 2025, 12:00 AM`` (en-US, UTC), as the original's notification text."""
    if value is None:
        return "soon"
    value = timezone.localtime(value, timezone.get_fixed_timezone(0))
    hour = value.strftime("%I").lstrip("0") or "12"
    return f"{value:%b} {value.day}, {value.year}, {hour}:{value:%M} {value:%p}"


def inquiry_notify_landlord(*, inquiry: Inquiry) -> None:
    """Notify the users of the landlord owning the inquiry (spec 04 open question 2).

    In-app and email through the notifications service (preferences of the Marketplace category
    apply; rows and emails are written in the caller's transaction). Never raises.
    """
    if inquiry.landlord_id is None:
        return
    recipients = list(
        get_user_model()
        .objects.unscoped()
        .filter(user_type=UserType.LANDLORD, organization_id=inquiry.landlord_id, is_disabled=False)
        .order_by("created_at")
    )
    if not recipients:
        return
    property_name, unit_number = _place_label(inquiry, "Unknown Property")
    entity = f"{property_name} - Unit {unit_number}" if unit_number else property_name
    lead = inquiry.tenant if inquiry.tenant_id else None
    lead_name = inquiry.name or (person_name(lead) if lead else "") or ""
    context: dict[str, Any] = {
        "leadName": lead_name,
        "leadEmail": inquiry.email or (lead.email if lead else ""),
        "leadPhone": inquiry.phone or (lead.phone if lead else ""),
        "propertyName": property_name,
        "unitIdentifier": unit_number,
        "message": inquiry.message,
        "submittedAt": _format_when(inquiry.created_at),
        "inquiryId": str(inquiry.pk),
    }
    if inquiry.inquiry_type == InquiryType.VISIT:
        when = _format_when(inquiry.preferred_date)
        kind, template, title = (
            NotificationType.MARKETPLACE_BOOKING_REQUEST,
            "visit-request",
            "New Visit Booking",
        )
        content = f"New visit booking request for {entity} on {when}."
        context["preferredDate"] = when
    else:
        kind, template, title = (
            NotificationType.MARKETPLACE_NEW_INQUIRY,
            "contact-request",
            "New Contact Request",
        )
        content = f"New contact request for {entity} from {lead_name}. Check details."
    try:
        notify_many(
            users=recipients,
            type=kind,
            title=title,
            content=content,
            data={"inquiryId": str(inquiry.pk), "propertyName": property_name},
            action_url=INQUIRIES_URL,
            email_template=template,
            email_context=context,
            channels=("in_app", "email"),
        )
    except Exception:  # noqa: BLE001 - spec 04 section 2.1: a notification never fails the submission
        logger.exception("Could not notify the landlord of inquiry %s", inquiry.pk)


# -- public submissions ---------------------------------------------------------------------------
@atomic
def inquiry_create(*, data: dict[str, Any]) -> Inquiry:
    """``POST /inquiries``: a submitted inquiry about an optional property/unit."""
    prop, unit = _resolve_place(property_id=data.get("property_id"), unit_id=data.get("unit_id"))
    inquiry = Inquiry.objects.create(
        inquiry_type=data["inquiry_type"],
        status=InquiryStatus.SUBMITTED,
        name=data["name"],
        email=data["email"],
        phone=data.get("phone") or None,
        property=prop,
        unit=unit,
        landlord_id=prop.landlord_id if prop else None,
        message=data["message"],
        preferred_date=data.get("preferred_date"),
        email_verified=False,
    )
    inquiry_notify_landlord(inquiry=inquiry)
    return inquiry


def _send_code(inquiry: Inquiry, code: str, *, default_property: str) -> None:
    property_name, unit_number = _place_label(inquiry, default_property)
    email_send(
        to=inquiry.email,
        template="inquiry-verification",
        context={
            "name": inquiry.name or "",
            "propertyName": property_name,
            "unitIdentifier": unit_number,
            "code": code,
            "expiresInMinutes": int(CODE_TTL.total_seconds() // 60),
        },
    )


@atomic
def inquiry_contact(
    *, user, unit_id: UUID, message: str, name: str | None, email: str | None
) -> tuple[Inquiry, bool]:
    """``POST /inquiries/contact``: ``(inquiry, requires_verification)`` (spec 04 section 2.3)."""
    _, unit = _resolve_place(property_id=None, unit_id=unit_id)
    common = {
        "inquiry_type": InquiryType.CONTACT,
        "unit": unit,
        "property": unit.property,
        "landlord_id": unit.landlord_id,
        "message": message,
    }
    if user is not None:
        inquiry = Inquiry.objects.create(
            **common, status=InquiryStatus.SUBMITTED, tenant=user, email_verified=True
        )
        inquiry_notify_landlord(inquiry=inquiry)
        return inquiry, False
    if not name or not email:
        raise BadRequest("Name and email are required for unauthenticated inquiries")
    if get_user_model().objects.unscoped().filter(email__iexact=email).exists():
        inquiry = Inquiry.objects.create(
            **common, status=InquiryStatus.SUBMITTED, name=name, email=email, email_verified=True
        )
        inquiry_notify_landlord(inquiry=inquiry)
        return inquiry, False
    inquiry = Inquiry(**common, status=InquiryStatus.PENDING_VERIFICATION, name=name, email=email)
    code = _set_new_code(inquiry)
    inquiry.save()
    _send_code(inquiry, code, default_property="Unknown Property")
    return inquiry, True


def _pending(inquiry_id: UUID) -> Inquiry:
    inquiry = Inquiry.objects.unscoped().select_related("property", "unit").filter(pk=inquiry_id).first()
    if inquiry is None:
        raise NotFound("Inquiry not found")
    if inquiry.status != InquiryStatus.PENDING_VERIFICATION:
        raise BadRequest("This inquiry has already been verified")
    return inquiry


def inquiry_verify(*, inquiry_id: UUID, code: str) -> Inquiry:
    """``POST /inquiries/contact/verify`` (spec 04 section 2.4).

    A wrong code is counted (committed even though the request fails); after
    :data:`MAX_CODE_ATTEMPTS` the code is void and a new one must be requested. The state change is
    a conditional update, so two simultaneous verifications submit (and notify) once.
    """
    inquiry = _pending(inquiry_id)
    if not inquiry.verification_code_hash:
        raise BadRequest("No verification code found for this inquiry")
    if inquiry.verification_code_expiry is None or timezone.now() > inquiry.verification_code_expiry:
        raise BadRequest("Verification code has expired. Please submit a new inquiry.")
    if inquiry.verification_attempts >= MAX_CODE_ATTEMPTS:
        raise BadRequest("Too many invalid attempts. Please request a new verification code.")
    if not hmac.compare_digest(inquiry.verification_code_hash, _code_hash(inquiry.pk, code)):
        Inquiry.objects.unscoped().filter(pk=inquiry.pk).update(
            verification_attempts=F("verification_attempts") + 1
        )
        raise BadRequest("Invalid verification code")
    with atomic():
        changed = (
            Inquiry.objects.unscoped()
            .filter(pk=inquiry.pk, status=InquiryStatus.PENDING_VERIFICATION)
            .update(
                status=InquiryStatus.SUBMITTED,
                email_verified=True,
                verification_code_hash="",
                verification_code_expiry=None,
                verification_attempts=0,
                version=F("version") + 1,
                updated_at=timezone.now(),
            )
        )
        if not changed:
            raise BadRequest("This inquiry has already been verified")
        inquiry.refresh_from_db()
        inquiry_notify_landlord(inquiry=inquiry)
    return inquiry


@atomic
def inquiry_resend_code(*, inquiry_id: UUID) -> None:
    """``POST /inquiries/contact/:id/resend``: a new code, even after expiry (spec 04 section 2.5)."""
    inquiry = _pending(inquiry_id)
    expiry = inquiry.verification_code_expiry
    if expiry is not None and expiry - CODE_TTL + RESEND_COOLDOWN > timezone.now():
        raise ApplicationError("Please wait a minute before requesting a new code", status_code=429)
    code = _set_new_code(inquiry)
    inquiry.save(
        update_fields=["verification_code_hash", "verification_code_expiry", "verification_attempts"]
    )
    _send_code(inquiry, code, default_property="Property")


# -- the landlord's routes ------------------------------------------------------------------------
@atomic
def inquiry_reply(*, inquiry: Inquiry, reply: str) -> Inquiry:
    """``POST /inquiries/:id/reply``: store the reply and email it to the inquirer."""
    if inquiry.status == InquiryStatus.PENDING_VERIFICATION:
        raise BadRequest("Cannot reply to an unverified inquiry")
    user = inquiry.tenant if inquiry.tenant_id else None
    if user is not None and user.email:
        address, name = user.email, person_name(user) or "Tenant"
    else:
        address, name = inquiry.email, inquiry.name or "Inquirer"
    if not address:
        raise BadRequest("No email address found for this inquiry")
    inquiry.reply = reply
    inquiry.replied_at = timezone.now()
    inquiry.status = InquiryStatus.RESPONDED
    inquiry.version += 1
    inquiry.save(update_fields=["reply", "replied_at", "status", "version"])
    property_name, unit_number = _place_label(inquiry, "Property")
    email_send(
        to=address,
        template="inquiry-reply",
        context={
            "name": name,
            "propertyName": property_name,
            "unitIdentifier": unit_number,
            "reply": reply,
            "originalMessage": inquiry.message,
        },
    )
    return inquiry


UPDATABLE = ("inquiry_type", "name", "email", "phone", "message", "preferred_date")


@atomic
def inquiry_update(*, inquiry: Inquiry, data: dict[str, Any]) -> Inquiry:
    """``PATCH /inquiries/:id``: supplied fields only; a new property/unit must be the landlord's own.

    Moving an inquiry to another landlord's property would hand it over, so the property and unit
    are looked up through the caller's scope (someone else's is "not found", 422).
    """
    fields = [name for name in UPDATABLE if name in data]
    for name in fields:
        setattr(inquiry, name, data[name])
    if "property_id" in data or "unit_id" in data:
        prop, unit = _own_place(inquiry, data)
        inquiry.property, inquiry.unit = prop, unit
        if prop is not None:
            inquiry.landlord_id = prop.landlord_id
        fields += ["property", "unit", "landlord"]
    inquiry.version += 1
    inquiry.save(update_fields=[*fields, "version"])
    return inquiry


def _own_place(inquiry: Inquiry, data: dict[str, Any]) -> tuple[Property | None, Unit | None]:
    """The property and unit after a PATCH; a kept unit of another property is dropped."""
    unit_given = "unit_id" in data
    unit_id = data["unit_id"] if unit_given else inquiry.unit_id
    property_id = data.get("property_id", None if unit_given else inquiry.property_id)
    prop = unit = None
    if property_id is not None:
        prop = Property.objects.filter(pk=property_id).first()
        if prop is None:
            raise Unprocessable(f"Property with ID {property_id} not found")
    if unit_id is not None:
        unit = Unit.objects.select_related("property").filter(pk=unit_id).first()
        mismatch = unit is not None and prop is not None and unit.property_id != prop.pk
        if unit_given and (unit is None or mismatch):
            raise Unprocessable(f"Unit with ID {unit_id} not found")
        if unit is None or mismatch:
            unit = None
        else:
            prop = prop or unit.property
    return prop, unit


def inquiry_delete(*, inquiry: Inquiry) -> None:
    inquiry.soft_delete()
