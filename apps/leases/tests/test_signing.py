"""E-signature: single-use hashed tokens, fingerprint, WeasyPrint PDFs, activation (spec 05 §4.3, §4.7, §5.2)."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from pypdf import PdfReader
from rest_framework.test import APIClient

from apps.accounts.tests.factories import LandlordUserFactory
from apps.leases.models import Lease, LeaseSignatureToken, LeaseStatus, RentalPeriod, Transaction
from apps.leases.tests.factories import LeaseFactory, day
from apps.notifications.models import Notification

pytestmark = pytest.mark.django_db

NOW = "2026-03-10T12:00:00Z"


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def draft(unit, tenant_org, tenant_user):
    return LeaseFactory(
        unit=unit,
        tenant=tenant_org,
        start_date=day("2026-04-01"),
        end_date=day("2027-03-31"),
        rent_amount=Decimal("1250.50"),
        is_security_deposit=True,
        security_deposit_amount=Decimal("2500.00"),
        terms="No pets.",
    )


def send(client, lease, capture) -> str:
    with capture(execute=True):
        response = client.post(f"/leases/{lease.pk}/send-for-signature")
    assert response.status_code == 201, response.content
    url = response.json()["data"]["signatureUrl"]
    return url.rsplit("/", 1)[1]


@time_machine.travel(NOW, tick=False)
def test_full_signing_flow(auth_client, admin, draft, django_capture_on_commit_callbacks, smtp_sink, unit):
    other_landlord_user = LandlordUserFactory()
    client = auth_client(admin)
    token = send(client, draft, django_capture_on_commit_callbacks)
    assert len(token) == 64
    stored = LeaseSignatureToken.objects.get(lease=draft)
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in stored.token_hash
    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "smith@example.com"
    assert f"/sign/{token}" in smtp_sink.parts(message)["text/plain"]
    draft.refresh_from_db()
    assert draft.status == LeaseStatus.PENDING_SIGNATURE

    public = APIClient()
    shown = public.get(f"/sign/{token}").json()["data"]
    assert shown["lease"]["rentAmount"] == 1250.5 and shown["tenant"]["name"] == "The Smiths"
    preview = public.get(f"/sign/{token}/preview-pdf")
    assert preview["Content-Type"] == "application/pdf"
    text = pdf_text(preview.content)
    assert "Residential Lease Agreement" in text and "PREVIEW COPY" in text and "1,250.50" in text

    with django_capture_on_commit_callbacks(execute=True):
        response = public.post(
            f"/sign/{token}",
            {"signatureName": "Jane Smith", "agreedToTerms": True},
            format="json",
            HTTP_USER_AGENT="pytest-browser",
            REMOTE_ADDR="203.0.113.9",
        )
    assert response.status_code == 201, response.content
    draft.refresh_from_db()
    assert draft.status == LeaseStatus.ACTIVE and draft.signed_at is not None
    period = RentalPeriod.objects.get(lease=draft)
    assert period.status == "ACTIVE" and period.rent_amount == Decimal("1250.50")
    rents = Transaction.objects.filter(lease=draft, type="RENT")
    assert rents.count() == 12
    assert {tx.amount for tx in rents} == {Decimal("1250.50")}
    deposit = Transaction.objects.get(lease=draft, type="DEPOSIT")
    assert deposit.amount == Decimal("2500.00") and deposit.status == "PENDING"
    unit.refresh_from_db()
    assert unit.availability_status == "OCCUPIED"
    assert Notification.objects.filter(user_id=admin.pk, notification_type="lease_activated").exists()
    assert not Notification.objects.filter(user_id=other_landlord_user.pk).exists()
    assert LeaseSignatureToken.objects.get(pk=stored.pk).status == "USED"
    from apps.chat.models import Thread

    assert (
        Thread.objects.unscoped()
        .filter(linked_entity_type="PROPERTY", linked_entity_id=unit.property_id)
        .exists()
    )
    sent = {m["Subject"] for m in smtp_sink.wait_for(4)}
    assert "Lease Signed Successfully - Elm Court" in sent
    assert any(subject.startswith("Lease Activated: Elm Court") for subject in sent), sent

    # the signed PDF: stored, downloadable by the parties, carrying the signer and the fingerprint
    url = client.get(f"/leases/{draft.pk}/signed-pdf").json()["data"]["url"]
    downloaded = APIClient().get(url.split("localhost:8000", 1)[-1] if "localhost" in url else url)
    signed = pdf_text(b"".join(downloaded.streaming_content) if downloaded.streaming else downloaded.content)
    assert "Jane Smith" in signed and "203.0.113.9" in signed and stored.pdf_version_hash[:16] in signed
    assert "PREVIEW COPY" not in signed

    # single use
    again = public.post(
        f"/sign/{token}", {"signatureName": "Jane Smith", "agreedToTerms": True}, format="json"
    )
    assert again.status_code == 400
    assert public.get(f"/sign/{token}").json()["message"] == "This lease has already been signed"


@time_machine.travel(NOW, tick=False)
def test_changed_lease_cannot_be_signed(auth_client, admin, draft, django_capture_on_commit_callbacks):
    client = auth_client(admin)
    token = send(client, draft, django_capture_on_commit_callbacks)
    Lease.objects.filter(pk=draft.pk).update(rent_amount=Decimal("999.00"))
    public = APIClient()
    assert public.get(f"/sign/{token}").status_code == 400
    response = public.post(f"/sign/{token}", {"signatureName": "Jane", "agreedToTerms": True}, format="json")
    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.status == LeaseStatus.PENDING_SIGNATURE
    assert not RentalPeriod.objects.filter(lease=draft).exists()
    assert LeaseSignatureToken.objects.get(lease=draft).status == "PENDING"


@time_machine.travel(NOW, tick=False)
def test_patching_content_invalidates_the_link(auth_client, admin, draft, django_capture_on_commit_callbacks):
    client = auth_client(admin)
    token = send(client, draft, django_capture_on_commit_callbacks)
    assert client.patch(f"/leases/{draft.pk}", {"terms": "Cats allowed."}, format="json").status_code == 200
    assert LeaseSignatureToken.objects.get(lease=draft).status == "INVALIDATED"
    response = APIClient().post(
        f"/sign/{token}", {"signatureName": "Jane", "agreedToTerms": True}, format="json"
    )
    assert response.status_code == 400


def test_expired_and_unknown_links(auth_client, admin, draft, django_capture_on_commit_callbacks):
    with time_machine.travel(NOW, tick=False):
        token = send(auth_client(admin), draft, django_capture_on_commit_callbacks)
    public = APIClient()
    with time_machine.travel(day("2026-03-13") + timedelta(hours=13), tick=False):
        assert public.get(f"/sign/{token}").json()["message"] == "This signature link has expired"
        response = public.post(
            f"/sign/{token}", {"signatureName": "Jane", "agreedToTerms": True}, format="json"
        )
        assert response.status_code == 400
    assert public.get("/sign/" + "0" * 64).status_code == 404
    draft.refresh_from_db()
    assert draft.status == LeaseStatus.PENDING_SIGNATURE


@time_machine.travel(NOW, tick=False)
def test_resend_invalidates_previous_and_validation(
    auth_client, admin, draft, django_capture_on_commit_callbacks
):
    client = auth_client(admin)
    first = send(client, draft, django_capture_on_commit_callbacks)
    second = send(client, draft, django_capture_on_commit_callbacks)
    public = APIClient()
    assert public.get(f"/sign/{first}").json()["message"] == "This signature link is no longer valid"
    response = public.post(f"/sign/{second}", {"signatureName": "J", "agreedToTerms": True}, format="json")
    assert response.status_code == 400 and "Name must be at least 2 characters" in response.json()["message"]
    response = public.post(
        f"/sign/{second}", {"signatureName": "Jane", "agreedToTerms": False}, format="json"
    )
    assert response.json()["message"] == "You must agree to the terms to sign"
    assert client.get(f"/leases/{draft.pk}/signature-status").json()["data"]["hasPendingToken"] is True
    response = client.get(f"/leases/{draft.pk}/signed-pdf")
    assert response.status_code == 400
    assert response.json() == {"success": False, "message": "This lease has not been signed yet"}


def test_send_requires_a_tenant_email_and_a_sendable_status(auth_client, admin, unit, tenant_org):
    lease = LeaseFactory(unit=unit, tenant=tenant_org)
    response = auth_client(admin).post(f"/leases/{lease.pk}/send-for-signature")
    assert response.status_code == 400
    assert (
        response.json()["message"]
        == "Unable to send signature request: tenant has no primary user with email"
    )
    ended = LeaseFactory(unit=unit, tenant=tenant_org, status=LeaseStatus.TERMINATED)
    response = auth_client(admin).post(f"/leases/{ended.pk}/send-for-signature")
    assert response.json()["message"] == "Only draft or pending signature leases can be sent for signature"
    assert not LeaseSignatureToken.objects.exists()


def test_preview_pdf_of_a_lease(auth_client, admin, draft):
    response = auth_client(admin).get(f"/leases/{draft.pk}/preview-pdf")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'inline; filename="lease-{draft.pk}-preview.pdf"'
    text = pdf_text(response.content)
    assert "The Smiths" in text and "Elm Court" in text and "No pets." in text
