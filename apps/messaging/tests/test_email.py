"""Email templates rendered by Django and delivered to a real local SMTP server (aiosmtpd)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from apps.core.models import OutboxJob
from apps.messaging.email import email_send, render_email
from apps.messaging.models import EmailTemplate

pytestmark = pytest.mark.django_db

# template -> (context, expected subject, a fragment of both bodies)
CASES = {
    "welcome": ({"userName": "Ann Lee"}, "Welcome to MYTE, Ann Lee!", "Ann Lee"),
    "contact-request": (
        {
            "recipientName": "Lana",
            "leadName": "Bob",
            "leadEmail": "bob@x.io",
            "propertyName": "Elm",
            "submittedAt": "today",
        },
        "New Contact Request from Bob",
        "bob@x.io",
    ),
    "visit-request": (
        {"leadName": "Bob", "leadEmail": "b@x.io", "propertyName": "Elm", "preferredDate": "2026-12-01"},
        "New Visit Request from Bob",
        "2026-12-01",
    ),
    "ticket-created": (
        {
            "ticketTitle": "Leak",
            "ticketNumber": "TKT-1000",
            "tenantName": "Tom",
            "priority": "HIGH",
            "propertyName": "Elm",
        },
        "New Maintenance Ticket: Leak",
        "TKT-1000",
    ),
    "ticket-completed": (
        {"ticketTitle": "Leak", "ticketNumber": "TKT-1000", "contractorName": "Carl", "cost": "$120.00"},
        "Ticket Completed: Leak",
        "$120.00",
    ),
    "invoice-uploaded": (
        {"contractorName": "Carl", "entityReference": "TKT-1", "invoiceNumber": "inv-9", "amount": "$50.00"},
        "Invoice Uploaded by Carl",
        "inv-9",
    ),
    "lease-activated": (
        {"propertyName": "Elm", "unitIdentifier": "4B", "isTenant": True, "monthlyRent": "$1,200.00"},
        "Lease Activated: Elm - 4B",
        "Welcome to your new home",
    ),
    "lease-expiration-warning": (
        {"propertyName": "Elm", "unitIdentifier": "4B", "daysRemaining": 30, "isTenant": True},
        "Lease Expiring in 30 Days: Elm - 4B",
        "expires in 30 days",
    ),
    "lease-renewal": (
        {"propertyName": "Elm", "unitIdentifier": "4B", "isAutoRenewal": True, "newMonthlyRent": "$1,300.00"},
        "Lease Auto-Renewal Notice: Elm - 4B",
        "$1,300.00",
    ),
    "lease-termination": (
        {"propertyName": "Elm", "unitIdentifier": "4B", "terminationReason": "Relocation"},
        "Lease Termination Notice: Elm - 4B",
        "Relocation",
    ),
    "lease-signature-request": (
        {
            "propertyName": "Elm",
            "tenantName": "Tom",
            "landlordName": "Lana",
            "signatureUrl": "https://x.io/sign/1",
        },
        "Action Required: Sign Your Lease Agreement - Elm",
        "https://x.io/sign/1",
    ),
    "lease-signature-confirmation": (
        {"propertyName": "Elm", "unitIdentifier": "4B", "downloadUrl": "https://x.io/d/1", "isTenant": True},
        "Lease Signed Successfully - Elm",
        "https://x.io/d/1",
    ),
    "payment-reminder": (
        {"amount": "$1,200.00", "dueDate": "2026-12-01"},
        "Payment Reminder: Rent Due in 7 Days",
        "$1,200.00",
    ),
    "payment-overdue": (
        {"amount": "$1,200.00", "daysLate": 2},
        "URGENT: Payment Overdue Notice",
        "2 days late",
    ),
    "payment-confirmation": (
        {"transactionId": "tx-77", "amount": "$1,200.00", "paymentMethod": "card"},
        "Payment Confirmation - Receipt #tx-77",
        "card",
    ),
    "landing-chat-feedback-internal": (
        {"email": "v@x.io", "channel": "web", "summary": "Loves it", "tags": ["ux", "price"]},
        "New landing chat feedback from v@x.io (web)",
        "ux, price",
    ),
    "inquiry-verification": (
        {"code": "482913", "expiresInMinutes": 15, "propertyName": "Elm"},
        "MYTE - Verify your email to complete your inquiry",
        "482913",
    ),
    "inquiry-reply": (
        {
            "propertyName": "Elm",
            "unitIdentifier": "4B",
            "reply": "Yes, it is available.",
            "originalMessage": "Free?",
        },
        "MYTE - Response to your inquiry about Elm - Unit 4B",
        "Yes, it is available.",
    ),
    "landing-chat-feedback-confirmation": (
        {"name": "Val", "body": "We read every note."},
        "Thanks for your feedback on MYTE Estates",
        "We read every note.",
    ),
}


@pytest.mark.parametrize("template", sorted(CASES))
def test_every_template_is_delivered_over_smtp(template, smtp_sink, django_capture_on_commit_callbacks):
    context, subject, fragment = CASES[template]
    with django_capture_on_commit_callbacks(execute=True):
        job = email_send(to="someone@example.com", template=template, context=context)
    assert smtp_sink.count == 1
    received = smtp_sink.messages[0]
    assert received["Subject"] == subject
    assert received["To"] == "someone@example.com"
    parts = smtp_sink.parts(received)
    assert fragment in parts["text/plain"]
    assert fragment in parts["text/html"]
    assert "#2563eb" in parts["text/html"]  # branding
    job.refresh_from_db()
    assert job.status == OutboxJob.Status.DONE


def test_smtp_failure_leaves_the_job_for_retry(settings, django_capture_on_commit_callbacks):
    from apps.messaging.testing import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = (
        "127.0.0.1",
        free_port(),
        False,
        2,
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = email_send(to="a@example.com", template="payment-overdue", context={"daysLate": 3})
    job.refresh_from_db()
    assert job.status == OutboxJob.Status.PENDING and job.attempts == 1
    assert "ConnectionRefusedError" in job.last_error


def test_missing_template_fails_at_request_time():
    from django.template import TemplateDoesNotExist

    with pytest.raises(TemplateDoesNotExist):
        email_send(to="a@example.com", template="no-such-template")
    assert OutboxJob.objects.count() == 0


def test_backfill_is_idempotent_and_stored_copy_is_rendered(capsys):
    call_command("email_templates_backfill")
    first = EmailTemplate.objects.count()
    assert first >= len(CASES)
    call_command("email_templates_backfill")
    assert EmailTemplate.objects.count() == first
    assert "0 created, 0 updated" in capsys.readouterr().out
    row = EmailTemplate.objects.get(name="payment-overdue")
    row.subject = "Overdue by {{ daysLate }} days"
    row.save()
    subject, text, html = render_email("payment-overdue", {"daysLate": 4})
    assert subject == "Overdue by 4 days"
    call_command("email_templates_backfill")
    assert render_email("payment-overdue", {})[0] == "URGENT: Payment Overdue Notice"


def test_plain_parts_are_not_html_escaped(smtp_sink, django_capture_on_commit_callbacks):
    context = {"leadName": "O'Brien & Sons", "propertyName": "<Elm>", "leadEmail": "o@x.io"}
    with django_capture_on_commit_callbacks(execute=True):
        email_send(to="a@example.com", template="contact-request", context=context)
    received = smtp_sink.messages[0]
    assert received["Subject"] == "New Contact Request from O'Brien & Sons"
    parts = smtp_sink.parts(received)
    assert "O'Brien & Sons" in parts["text/plain"] and "<Elm>" in parts["text/plain"]
    assert "O&#x27;Brien &amp; Sons" in parts["text/html"] and "&lt;Elm&gt;" in parts["text/html"]
