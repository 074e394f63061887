"""The AI routes of the main API (spec 09 sections 1 and 2). Views parse, call, present."""

from __future__ import annotations

from django.http import StreamingHttpResponse
from djangorestframework_camel_case.parser import CamelCaseJSONParser
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from apps.ai import schema
from apps.ai.invoices import invoice_extract
from apps.ai.landing_chat import chat_reply, chat_reply_stream
from apps.ai.serializers import ChatInput, InvoiceUploadInput, MarketingChatInput, VoiceTicketInput
from apps.ai.voice import voice_audio_check, voice_ticket_draft
from apps.core.exceptions import NotFound
from apps.core.views import ApiView
from apps.properties.models import Property, Unit

T = "ai"
#: /chat and /chat/stream: 10 requests a minute per client (spec 09 section 2.1, open question 5)
CHAT_RATE_LIMIT = "10/minute"


class InvoiceExtractionView(ApiView):
    """Any signed-in user; the answer depends only on the uploaded file, nothing is stored."""

    audit_controller = "AiExtractionController"
    audit_handlers = {"POST": "extractInvoiceData"}
    parser_classes = [MultiPartParser, FormParser]
    # The AI service's keys are snake_case on the wire (spec 09 section 4): rendered verbatim.
    renderer_classes = [JSONRenderer]

    @extend_schema(
        tags=[T],
        summary="Read an invoice (PDF, PNG or JPEG) to pre-fill an expense",
        request={"multipart/form-data": InvoiceUploadInput},
        responses={201: schema.INVOICE_DATA},
    )
    def post(self, request):
        data = invoice_extract(upload=request.FILES.get("file"))
        return Response({"success": True, "data": data}, status=201)


class ChatView(ApiView):
    public = True
    parser_classes = [CamelCaseJSONParser]
    rate_limit = CHAT_RATE_LIMIT
    audit_controller = "AiChatController"
    audit_handlers = {"POST": "chat"}

    @extend_schema(
        tags=[T], summary="Landing-page chatbot reply", request=ChatInput, responses={201: schema.REPLY}
    )
    def post(self, request):
        data = self.parse_body(ChatInput)
        reply = chat_reply(
            messages=data["messages"],
            max_words=data.get("max_words"),
            max_output_tokens=data.get("max_output_tokens"),
        )
        return Response({"reply": reply}, status=201)


class ChatStreamView(ApiView):
    public = True
    parser_classes = [CamelCaseJSONParser]
    rate_limit = CHAT_RATE_LIMIT
    audit_controller = "AiChatController"
    audit_handlers = {"POST": "chatStream"}

    @extend_schema(
        tags=[T],
        summary="Landing-page chatbot reply, streamed as plain text while it is written",
        request=ChatInput,
        responses={200: schema.STREAM},
    )
    def post(self, request):
        data = self.parse_body(ChatInput)
        chunks = chat_reply_stream(
            messages=data["messages"],
            max_words=data.get("max_words"),
            max_output_tokens=data.get("max_output_tokens"),
        )
        response = StreamingHttpResponse(chunks, content_type="text/plain; charset=utf-8")
        response["Cache-Control"] = "no-cache"
        response["X-Accel-Buffering"] = "no"  # proxies must not hold the chunks back
        return response


class MarketingChatView(ApiView):
    public = True
    parser_classes = [CamelCaseJSONParser]
    audit_controller = "MarketingChatController"
    audit_handlers = {"POST": "chat"}

    @extend_schema(
        tags=[T],
        summary="Marketing chatbot reply (default limits)",
        request=MarketingChatInput,
        responses={201: schema.REPLY},
    )
    def post(self, request):
        data = self.parse_body(MarketingChatInput)
        return Response({"reply": chat_reply(messages=data["messages"])}, status=201)


class VoiceTicketView(ApiView):
    """A recording becomes draft tickets (spec 07 section 3.2): the AI service transcribes it and
    suggests tickets; nothing is stored. The property and unit are read in the caller's scope,
    so another landlord's building is a 404 and its name never reaches the AI service."""

    policies = {"POST": [("create", "MaintenanceTicket")]}
    audit_controller = "MaintenanceTicketsController"
    audit_handlers = {"POST": "createFromVoice"}
    parser_classes = [MultiPartParser, FormParser]
    # The AI service's keys are snake_case on the wire (spec 07 section 3.2): rendered verbatim.
    renderer_classes = [JSONRenderer]

    @extend_schema(
        tags=["maintenance"],
        summary="Draft maintenance tickets from a voice recording",
        request={"multipart/form-data": VoiceTicketInput},
        responses={201: schema.VOICE_DRAFT},
    )
    def post(self, request):
        voice_audio_check(request.FILES.get("audio_file"))
        data = self.parse_body(VoiceTicketInput)
        prop = Property.objects.filter(pk=data["property"]).first()
        if prop is None:
            raise NotFound("Property not found")
        unit = None
        if data.get("unit"):
            unit = Unit.objects.filter(pk=data["unit"], property_id=prop.pk).first()
            if unit is None:
                raise NotFound("Unit not found")
        draft = voice_ticket_draft(
            audio=data["audio_file"],
            property_id=str(prop.pk),
            unit_id=str(unit.pk) if unit else None,
            property_name=data.get("property_name") or prop.name,
            unit_number=data.get("unit_number") or (unit.unit_number if unit else None),
        )
        return Response({"success": True, "data": draft}, status=201)
