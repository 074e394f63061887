"""Request bodies of the feedback routes (spec 04 section 5)."""

from __future__ import annotations

from rest_framework import serializers

from apps.core.serializers import InputSerializer
from apps.marketing.inquiries.serializers import LowerEmailField
from apps.marketing.models import ConversationRole, FeedbackPriority


class FeedbackMessageInput(InputSerializer):
    role = serializers.ChoiceField(choices=ConversationRole.values)
    content = serializers.CharField(max_length=2000, trim_whitespace=False)
    timestamp = serializers.DateTimeField()


class FeedbackCreateInput(InputSerializer):
    priority = serializers.ChoiceField(choices=FeedbackPriority.values, required=False)
    conversation = FeedbackMessageInput(many=True, allow_empty=False, max_length=100)


class FeedbackListQuery(InputSerializer):
    limit = serializers.IntegerField(required=False, default=20, min_value=1)


class LandingMessageInput(InputSerializer):
    role = serializers.ChoiceField(choices=ConversationRole.values)
    content = serializers.CharField(max_length=4000)


class LandingFeedbackInput(InputSerializer):
    email = LowerEmailField(max_length=254)
    channel = serializers.CharField(max_length=100)
    name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    conversation = LandingMessageInput(many=True, allow_empty=False, min_length=1, max_length=30)
