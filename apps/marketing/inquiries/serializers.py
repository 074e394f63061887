"""Request bodies and query strings of the inquiry routes (spec 04 section 2)."""

from __future__ import annotations

from rest_framework import serializers

from apps.core.pagination import ListQuery
from apps.core.serializers import InputSerializer
from apps.marketing.models import InquiryType


def trimmed(**kwargs) -> serializers.CharField:
    return serializers.CharField(trim_whitespace=True, **kwargs)


class LowerEmailField(serializers.EmailField):
    """A trimmed email address, stored lower-cased (spec 04 section 1.1)."""

    def to_internal_value(self, data):
        return super().to_internal_value(data).strip().lower()


class InquiryCreateInput(InputSerializer):
    inquiry_type = serializers.ChoiceField(choices=InquiryType.values)
    name = trimmed(max_length=200)
    email = LowerEmailField(max_length=254)
    phone = trimmed(required=False, allow_blank=True, max_length=40)
    property_id = serializers.UUIDField(required=False)
    unit_id = serializers.UUIDField(required=False)
    message = trimmed(max_length=5000)
    preferred_date = serializers.DateTimeField(required=False)


class InquiryContactInput(InputSerializer):
    unit_id = serializers.UUIDField()
    message = trimmed(max_length=5000)
    name = trimmed(required=False, allow_blank=True, max_length=200)
    email = LowerEmailField(required=False, max_length=254)


class InquiryVerifyInput(InputSerializer):
    inquiry_id = serializers.UUIDField()
    code = trimmed(max_length=16)


class InquiryReplyInput(InputSerializer):
    reply = trimmed(max_length=5000)


class InquiryUpdateInput(InputSerializer):
    inquiry_type = serializers.ChoiceField(choices=InquiryType.values, required=False)
    name = trimmed(required=False, allow_blank=True, max_length=200)
    email = LowerEmailField(required=False, max_length=254)
    phone = trimmed(required=False, allow_blank=True, max_length=40)
    property_id = serializers.UUIDField(required=False)
    unit_id = serializers.UUIDField(required=False)
    message = trimmed(required=False, max_length=5000)
    preferred_date = serializers.DateTimeField(required=False)


class InquiryListQuery(ListQuery):
    inquiry_type = serializers.ChoiceField(choices=InquiryType.values, required=False)
    property_id = serializers.UUIDField(required=False)
    unit_id = serializers.UUIDField(required=False)
    sortable = {
        "name": "name",
        "email": "email",
        "inquiryType": "inquiry_type",
        "createdAt": "created_at",
        "updatedAt": "updated_at",
    }
