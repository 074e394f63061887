"""Request bodies of the AI routes (spec 09 section 2.1)."""

from __future__ import annotations

from rest_framework import serializers

from apps.core.serializers import IdField, InputSerializer

CHANNELS = ("landing-marketing",)
MAX_MESSAGES = 20
MESSAGE_ROLES = ("user", "assistant")


class ChatMessageInput(InputSerializer):
    role = serializers.ChoiceField(choices=MESSAGE_ROLES)
    content = serializers.CharField(trim_whitespace=False, max_length=20000)

    def validate_content(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("should not be empty")
        return value


class MarketingChatInput(InputSerializer):
    messages = serializers.ListField(child=ChatMessageInput(), min_length=1, max_length=MAX_MESSAGES)


class ChatInput(MarketingChatInput):
    channel = serializers.ChoiceField(choices=CHANNELS)
    #: coerced to numbers by the service; non-numeric or non-positive values mean the default
    max_words = serializers.JSONField(required=False, allow_null=True)
    max_output_tokens = serializers.JSONField(required=False, allow_null=True)


class InvoiceUploadInput(serializers.Serializer):
    """Documentation of the multipart body: one ``file`` (PDF, PNG or JPEG, at most 10 MiB)."""

    file = serializers.FileField()


class VoiceTicketInput(InputSerializer):
    """``POST /maintenance/tickets/voice`` (spec 07 section 3.2): multipart, snake_case as sent."""

    property = IdField()
    unit = IdField(required=False, allow_null=True)
    audio_file = serializers.FileField()
    property_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    unit_number = serializers.CharField(required=False, allow_blank=True, max_length=64)
