"""Small helpers of the maintenance API tests."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png(name: str = "leak.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def pdf(name: str = "invoice.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def fake_png_text(name: str = "evil.png") -> SimpleUploadedFile:
    """Text that claims to be a PNG: the sniffer must refuse it."""
    return SimpleUploadedFile(name, io.BytesIO(b"#!/bin/sh\necho hi\n").read(), content_type="image/png")


def create_ticket(client, prop, unit=None, **extra):
    body = {
        "property": str(prop.pk),
        "title": "Leak",
        "description": "Kitchen tap",
        "category": "PLUMBING",
        **extra,
    }
    if unit is not None:
        body["unit"] = str(unit.pk)
    return client.post("/maintenance/tickets", body, format="json")


def outbox(task_suffix: str) -> list[dict]:
    """Payloads of the outbox jobs of one kind (``send_email_job``, ``send_sms_job``...)."""
    from apps.core.models import OutboxJob

    return [job.payload for job in OutboxJob.objects.order_by("created_at") if job.task.endswith(task_suffix)]


def emails(template: str | None = None) -> list[dict]:
    return [p for p in outbox("send_email_job") if template is None or p.get("template") == template]
