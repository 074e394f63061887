"""E-signature: single-use links, the content fingerprint and the lease PDF (spec 05 §4.7, L22-L25, §5.2).

* A link is a random 32-byte token; only its SHA-256 is stored, with an expiry
  (``SIGNATURE_TOKEN_EXPIRY_HOURS``, default 72) and the lease's content fingerprint.
* Signing re-checks expiry and the fingerprint (spec 05 open question 5: yes): a lease changed
  after the link was sent cannot be signed (409). The token is consumed by a conditional update,
  so two concurrent signatures cannot both succeed.
* The PDF is rendered by WeasyPrint from ``templates/leases/lease.html``; the signed copy carries
  the signer's name, the time, the client address and the fingerprint, and is stored through the
  media app (local folder or S3).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone

from apps.core.db import atomic
from apps.core.exceptions import BadRequest, Conflict, NotFound
from apps.core.serializers import iso
from apps.leases import notices, services
from apps.leases.models import Lease, LeaseSignatureToken, LeaseStatus, SignatureTokenStatus
from apps.messaging.email import email_send

FREQUENCY = {"WEEKLY": "weekly", "MONTHLY": "monthly", "QUARTERLY": "quarterly", "ANNUALLY": "annually"}


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def fingerprint(lease: Lease) -> str:
    """SHA-256 over the signed content: parties (with their names), dates, money, cycle and terms."""
    content = {
        "tenant": {"_id": str(lease.tenant_id), "name": lease.tenant.name},
        "unit": {"_id": str(lease.unit_id), "unitNumber": lease.unit.unit_number},
        "startDate": lease.start_date.isoformat(),
        "endDate": lease.end_date.isoformat(),
        "rentAmount": str(lease.rent_amount),
        "paymentCycle": lease.payment_cycle,
        "terms": lease.terms or "",
        "securityDepositAmount": str(lease.security_deposit_amount)
        if lease.security_deposit_amount
        else None,
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def expiry_hours() -> int:
    return int(getattr(settings, "SIGNATURE_TOKEN_EXPIRY_HOURS", 72) or 72)


def signature_url(raw: str) -> str:
    return f"{settings.CLIENT_BASE_URL.rstrip('/')}/sign/{raw}"


def _long_date(value) -> str:
    return f"{value:%B} {value.day}, {value.year}"


@atomic
def lease_send_for_signature(*, lease: Lease) -> dict[str, Any]:
    if lease.status not in (LeaseStatus.DRAFT, LeaseStatus.PENDING_SIGNATURE):
        raise BadRequest("Only draft or pending signature leases can be sent for signature")
    email, _primary = notices.primary_tenant_email(lease.tenant_id)
    if not email:
        raise BadRequest("Unable to send signature request: tenant has no primary user with email")
    services.invalidate_tokens(lease, reason="New signature request created")
    now = timezone.now()
    raw = secrets.token_hex(32)
    expires_at = now + timedelta(hours=expiry_hours())
    LeaseSignatureToken.objects.unscoped().create(
        lease=lease,
        tenant_id=lease.tenant_id,
        landlord_id=lease.landlord_id,
        token_hash=hash_token(raw),
        expires_at=expires_at,
        pdf_version_hash=fingerprint(lease),
    )
    lease.status = LeaseStatus.PENDING_SIGNATURE
    lease.signature_requested_at = now
    lease.save(update_fields=["status", "signature_requested_at"])
    url = signature_url(raw)
    email_send(
        to=email,
        template="lease-signature-request",
        context={
            **notices.lease_facts(lease),
            "tenantName": lease.tenant.name,
            "landlordName": lease.landlord.name,
            "signatureUrl": url,
            "expiresAt": expires_at.strftime("%Y-%m-%d %H:%M UTC"),
        },
    )
    return {"expires_at": expires_at, "signature_url": url}


def token_lookup(raw: str) -> LeaseSignatureToken:
    token = (
        LeaseSignatureToken.objects.unscoped()
        .select_related("lease__unit__property", "lease__tenant", "lease__landlord")
        .filter(token_hash=hash_token(raw or ""))
        .first()
    )
    if token is None or token.lease.deleted:
        raise NotFound("Invalid or expired signature link")
    return token


def token_validate(raw: str) -> LeaseSignatureToken:
    """The GET checks of spec 05 section 5.2, in order."""
    token = token_lookup(raw)
    if token.status == SignatureTokenStatus.USED:
        raise BadRequest("This lease has already been signed")
    if token.status != SignatureTokenStatus.PENDING:
        raise BadRequest("This signature link is no longer valid")
    if token.expires_at < timezone.now():
        raise BadRequest("This signature link has expired")
    if token.pdf_version_hash != fingerprint(token.lease):
        raise BadRequest(
            "The lease has been modified. Please request a new signature link from your landlord."
        )
    return token


def render_pdf(lease: Lease, *, signature: dict[str, Any] | None = None) -> bytes:
    from weasyprint import HTML

    unit = lease.unit
    prop = unit.property
    landlord_address = ""
    signed = signature is not None
    if signed:
        footer = f"Document ID: {lease.pk} | Signed: {signature['signed_at']}"
    else:
        footer = "PREVIEW COPY - NOT LEGALLY BINDING UNTIL SIGNED"
    context = {
        "signed": signed,
        "footer": footer,
        "generated_on": _long_date(timezone.now()),
        "landlord_name": lease.landlord.name,
        "landlord_address": landlord_address,
        "tenant_name": lease.tenant.name,
        "tenant_email": notices.primary_tenant_email(lease.tenant_id)[0],
        "property_name": prop.name,
        "property_address": notices.lease_facts(lease)["propertyAddress"],
        "unit_number": unit.unit_number,
        "start_date": _long_date(lease.start_date),
        "end_date": _long_date(lease.end_date),
        "rent_amount": notices.amount_text(lease.rent_amount),
        "frequency": FREQUENCY.get(lease.payment_cycle, lease.payment_cycle.lower()),
        "deposit_amount": notices.amount_text(lease.security_deposit_amount)
        if lease.is_security_deposit and lease.security_deposit_amount
        else None,
        "terms": lease.terms,
        **(signature or {}),
    }
    html = render_to_string("leases/lease.html", context)
    return HTML(string=html, base_url=None).write_pdf()


def _safe_signature_image(data: str | None) -> str | None:
    """Only an inline PNG/JPEG data URL is embedded; anything else (remote URLs) is dropped."""
    if data and data.startswith(("data:image/png;base64,", "data:image/jpeg;base64,")):
        return data
    return None


@atomic
def lease_sign(*, raw: str, name: str, signature_data: str | None, ip: str, user_agent: str) -> Lease:
    try:
        token = token_lookup(raw)
    except NotFound:
        raise BadRequest("Invalid or already used signature link") from None
    if token.status != SignatureTokenStatus.PENDING:
        raise BadRequest("Invalid or already used signature link")
    now = timezone.now()
    if token.expires_at < now:
        raise BadRequest("This signature link has expired")
    lease = token.lease
    current = fingerprint(lease)
    if token.pdf_version_hash != current:
        raise Conflict("The lease has been modified. Please request a new signature link from your landlord.")
    claimed = (
        LeaseSignatureToken.objects.unscoped()
        .filter(pk=token.pk, status=SignatureTokenStatus.PENDING)
        .update(status=SignatureTokenStatus.USED, used_at=now, updated_at=now)
    )
    if not claimed:
        raise BadRequest("Invalid or already used signature link")
    if lease.status != LeaseStatus.PENDING_SIGNATURE:
        raise Conflict("This lease is no longer awaiting a signature")
    if Lease.objects.unscoped().filter(unit_id=lease.unit_id, status=LeaseStatus.ACTIVE).exists():
        raise Conflict("The unit already has an active lease")
    signed_at = now.strftime("%Y-%m-%d %H:%M:%S UTC")
    pdf = render_pdf(
        lease,
        signature={
            "signer_name": name,
            "signed_at": signed_at,
            "signer_ip": ip,
            "signer_user_agent": user_agent,
            "fingerprint": current,
            "signature_image": _safe_signature_image(signature_data),
        },
    )
    from apps.media.services import media_upload

    media = media_upload(
        upload=ContentFile(pdf, name=f"lease-{lease.pk}-signed.pdf"),
        owner_type="Lease",
        owner_id=lease.pk,
        landlord_id=lease.landlord_id,
        uploaded_by_id=None,
        collection_name="signed_contracts",
    )
    lease.status = LeaseStatus.ACTIVE
    lease.signed_pdf_id = media.pk
    lease.signed_at = now
    lease.pdf_generated_at = now
    lease.tenant_signature_name = name
    lease.tenant_signature_data = signature_data
    lease.tenant_signature_ip = ip[:45]
    lease.tenant_signature_user_agent = (user_agent or "Unknown")[:500]
    services.lease_activate(lease=lease, now=now)
    lease.save()
    email, primary = notices.primary_tenant_email(lease.tenant_id)
    if email:
        # The original promises this email in its answer but never sends it (spec 05 section 6).
        email_send(
            to=email,
            template="lease-signature-confirmation",
            context={
                **notices.lease_facts(lease),
                "recipientName": f"{primary.first_name} {primary.last_name}".strip(),
                "signedBy": name,
                "signedAt": signed_at,
                "downloadUrl": f"{settings.CLIENT_BASE_URL.rstrip('/')}/dashboard/tenant/leases",
            },
        )
    return lease


def signature_status(lease: Lease) -> dict[str, Any]:
    pending = LeaseSignatureToken.objects.unscoped().filter(
        lease=lease, status=SignatureTokenStatus.PENDING, expires_at__gt=timezone.now()
    )
    return {
        "status": lease.status,
        "has_pending_token": pending.exists(),
        "signed_at": iso(lease.signed_at),
        "signature_requested_at": iso(lease.signature_requested_at),
    }
