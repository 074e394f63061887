"""OpenAPI descriptions of the AI routes' answers."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

REPLY = inline_serializer(name="ChatReply", fields={"reply": serializers.CharField()})

INVOICE_DATA = inline_serializer(
    name="InvoiceExtraction",
    fields={
        "success": serializers.BooleanField(),
        "data": serializers.JSONField(
            help_text=(
                "The AI service's reading, keys verbatim: expense_class, invoice_number, total_amount, "
                "currency, raw_response {vendor_name, vendor_address, invoice_number, invoice_date, "
                "due_date, total_amount, currency, tax_amount, description_summary, expense_class, "
                "metadata}. {} when the service could not read the file or is unavailable."
            )
        ),
    },
)

STREAM = OpenApiResponse(
    response=OpenApiTypes.STR,
    description="text/plain, chunked: the reply's text as it is produced (no JSON, no SSE framing)",
)

VOICE_DRAFT = inline_serializer(
    name="VoiceTicketDraft",
    fields={
        "success": serializers.BooleanField(),
        "data": serializers.JSONField(
            help_text=(
                "Keys verbatim: transcript, status (clarifying|completed), response_text, tickets "
                "[{property_name, unit_number, title, description, category, priority}], cost, "
                "property_id, unit_id"
            )
        ),
    },
)
