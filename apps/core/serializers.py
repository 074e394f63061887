"""Serializer conventions shared by every app (spec 00 sections 5, 7 and 8).

* Input serializers reject unknown fields with ``property <name> should not exist`` and word their
  messages like the original (``email must be an email``, ``page must not be less than 1``).
* Output serializers emit ``_id``, ``createdAt``/``updatedAt`` with milliseconds and ``Z``, ``__v``,
  and ``deleted``/``deletedAt`` for soft-deletable records.
Internal names are snake_case; the camel-case renderer and parser convert at the edge.
"""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, datetime

from django.core import validators
from django.db import models
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from apps.core.exceptions import _wire_name

# Messages in the original's wording; a leading lower-case word gets the field name in front.
FIELD_MESSAGES: dict[type, dict[str, str]] = {
    serializers.Field: {
        "required": "should not be empty",
        "null": "should not be empty",
    },
    serializers.CharField: {
        "invalid": "must be a string",
        "blank": "should not be empty",
        "max_length": "must be shorter than or equal to {max_length} characters",
        "min_length": "must be longer than or equal to {min_length} characters",
    },
    serializers.EmailField: {"invalid": "must be an email"},
    serializers.IntegerField: {
        "invalid": "must be an integer number",
        "max_string_length": "must be an integer number",
        "min_value": "must not be less than {min_value}",
        "max_value": "must not be greater than {max_value}",
    },
    serializers.FloatField: {
        "invalid": "must be a number conforming to the specified constraints",
        "min_value": "must not be less than {min_value}",
        "max_value": "must not be greater than {max_value}",
    },
    serializers.DecimalField: {
        "invalid": "must be a number conforming to the specified constraints",
        "min_value": "must not be less than {min_value}",
        "max_value": "must not be greater than {max_value}",
    },
    serializers.BooleanField: {"invalid": "must be a boolean value"},
    serializers.ChoiceField: {
        "invalid_choice": "must be one of the following values: {choices_text}",
    },
    serializers.DateTimeField: {
        "invalid": "must be a valid ISO 8601 date string",
        "date": "must be a valid ISO 8601 date string",
    },
    serializers.DateField: {
        "invalid": "must be a valid ISO 8601 date string",
        "datetime": "must be a valid ISO 8601 date string",
    },
    serializers.UUIDField: {"invalid": "must be a valid id"},
    serializers.ListField: {
        "not_a_list": "must be an array",
        "empty": "should not be empty",
        "min_length": "must contain at least {min_length} elements",
        "max_length": "must contain no more than {max_length} elements",
    },
    serializers.DictField: {"not_a_dict": "must be an object"},
    serializers.JSONField: {"invalid": "must be an object"},
    serializers.URLField: {"invalid": "must be a URL address"},
    serializers.PrimaryKeyRelatedField: {
        "does_not_exist": "must reference an existing record",
        "incorrect_type": "must be a valid id",
    },
}


VALIDATOR_MESSAGES = (
    (validators.MinLengthValidator, "must be longer than or equal to %(limit_value)s characters"),
    (validators.MaxLengthValidator, "must be shorter than or equal to %(limit_value)s characters"),
    (validators.MinValueValidator, "must not be less than %(limit_value)s"),
    (validators.MaxValueValidator, "must not be greater than %(limit_value)s"),
    (validators.EmailValidator, "must be an email"),
    (validators.URLValidator, "must be a URL address"),
)


COLLECTION_VALIDATOR_MESSAGES = (
    (validators.MinLengthValidator, "must contain at least %(limit_value)s elements"),
    (validators.MaxLengthValidator, "must contain no more than %(limit_value)s elements"),
)


def _reword_validators(field: serializers.Field) -> None:
    is_collection = isinstance(field, (serializers.ListField, serializers.MultipleChoiceField))
    table = (*COLLECTION_VALIDATOR_MESSAGES, *VALIDATOR_MESSAGES) if is_collection else VALIDATOR_MESSAGES
    reworded = []
    for validator in field.validators:
        for klass, message in table:
            if type(validator) is klass:
                validator = copy.copy(validator)
                validator.message = message
                break
        reworded.append(validator)
    field.validators = reworded


def apply_field_messages(field: serializers.Field) -> None:
    _reword_validators(field)
    for klass in type(field).__mro__:
        for key, text in FIELD_MESSAGES.get(klass, {}).items():
            # Explicit messages given on the field win over the defaults.
            if field.error_messages.get(key) in (None, _drf_default(klass, key)):
                field.error_messages[key] = text
    if isinstance(field, serializers.ChoiceField):
        field.error_messages["invalid_choice"] = field.error_messages["invalid_choice"].replace(
            "{choices_text}", ", ".join(str(choice) for choice in field.choices)
        )
    child = getattr(field, "child", None)
    if isinstance(child, serializers.Field) and not isinstance(child, serializers.Serializer):
        apply_field_messages(child)


def _drf_default(klass: type, key: str) -> str | None:
    for base in klass.__mro__:
        messages = base.__dict__.get("default_error_messages")
        if messages and key in messages:
            return messages[key]
    return None


class StrictBooleanField(serializers.BooleanField):
    """``true``/``false`` only, as the original's ``IsBoolean``: ``1``, ``"yes"`` or ``"no"`` are 400s.

    The text forms ``"true"``/``"false"`` are accepted for query strings and multipart forms.
    """

    def to_internal_value(self, data):
        if isinstance(data, bool):
            return data
        if data in ("true", "false"):
            return data == "true"
        if data in (None, "") and self.allow_null:
            return None
        self.fail("invalid", input=data)


def _strict_booleans(fields) -> None:
    for name, field in list(fields.items()):
        if type(field) is serializers.BooleanField and not field.read_only:
            fields[name] = StrictBooleanField(*field._args, **field._kwargs)


class StrictFieldsMixin:
    """The original's whitelist pipe: unknown fields are refused, and so are non-strings given
    for string fields (``IsString``); these errors are reported together with the others."""

    def to_internal_value(self, data):
        errors: dict[str, list[str]] = {}
        if isinstance(data, dict):
            unknown = [key for key in data if key not in self.fields or self.fields[key].read_only]
            if unknown:
                errors[api_settings.NON_FIELD_ERRORS_KEY] = [
                    f"property {_wire_name(str(key))} should not exist" for key in unknown
                ]
            for key, value in data.items():
                field = self.fields.get(key)
                if (
                    isinstance(field, serializers.CharField)
                    and not field.read_only
                    and value is not None
                    and not isinstance(value, str)
                ):
                    errors[key] = ["must be a string"]
            if errors:
                data = {key: value for key, value in data.items() if key not in errors and key in self.fields}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if not errors:
                raise
            detail = (
                exc.detail
                if isinstance(exc.detail, dict)
                else {api_settings.NON_FIELD_ERRORS_KEY: exc.detail}
            )
            merged = {**detail, **errors}
            non_field = [
                *detail.get(api_settings.NON_FIELD_ERRORS_KEY, []),
                *errors.get(api_settings.NON_FIELD_ERRORS_KEY, []),
            ]
            if non_field:
                merged[api_settings.NON_FIELD_ERRORS_KEY] = non_field
            raise serializers.ValidationError(merged) from None
        if errors:
            raise serializers.ValidationError(errors)
        return value

    def get_fields(self):
        fields = super().get_fields()
        _strict_booleans(fields)
        for field in fields.values():
            apply_field_messages(field)
        return fields


class InputSerializer(StrictFieldsMixin, serializers.Serializer):
    """Base of request bodies and query strings."""


class IsoDateTimeField(serializers.DateTimeField):
    """ISO-8601 in UTC with milliseconds and ``Z``: ``2026-01-02T03:04:05.678Z``."""

    def to_representation(self, value):
        if value is None:
            return None
        if isinstance(value, str):
            return value
        if value.tzinfo is not None and value.tzinfo is not UTC:
            value = value.astimezone(UTC)
        # Formatted field by field (every timestamp of every response comes through here, and this
        # is several times faster than strftime); the year is padded, as ISO-8601 wants ("0440").
        return (
            f"{value.year:04d}-{value.month:02d}-{value.day:02d}T{value.hour:02d}:{value.minute:02d}:"
            f"{value.second:02d}.{value.microsecond // 1000:03d}Z"
        )


_ISO_FIELD = IsoDateTimeField()


def iso(value: datetime | None) -> str | None:
    return _ISO_FIELD.to_representation(value)


def named_ref(obj, *fields: str) -> dict | None:
    """A related record as the wire shows it populated: ``{"_id", <fields>...}``, or None."""
    if obj is None:
        return None
    return {"_id": str(obj.pk), **{name: getattr(obj, name) for name in fields}}


@extend_schema_field(OpenApiTypes.UUID)
class IdField(serializers.Field):
    """A primary key on the wire: a UUID string."""

    def to_representation(self, value):
        return None if value is None else str(value)

    def to_internal_value(self, data):
        try:
            return uuid.UUID(str(data))
        except (TypeError, ValueError, AttributeError):
            raise serializers.ValidationError("must be a valid id") from None


class IdRelatedField(serializers.RelatedField):
    def to_representation(self, value):
        return str(value.pk)


class RecordSerializer(serializers.ModelSerializer):
    """Output shape of a persisted record: ``_id``, timestamps, ``__v`` and soft-delete flags."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: IsoDateTimeField,
    }
    serializer_related_field = serializers.PrimaryKeyRelatedField

    record_fields = ("_id", "created_at", "updated_at", "__v")

    def get_fields(self):
        fields = super().get_fields()
        ordered: dict[str, serializers.Field] = {"_id": IdField(source="id", read_only=True)}
        ordered.update({name: field for name, field in fields.items() if name not in ("id", "version")})
        ordered["__v"] = serializers.IntegerField(source="version", read_only=True)
        return ordered

    def build_relational_field(self, field_name, relation_info):
        """References are emitted as id strings (spec 00 section 7), read from the ``_id`` column.

        Reading the related object instead would cost a query per row.
        """
        model_field = relation_info.model_field
        if model_field is not None and not relation_info.to_many:
            return IdField, {"read_only": True, "source": model_field.attname}
        return serializers.ManyRelatedField, {
            "child_relation": IdRelatedField(read_only=True),
            "read_only": True,
        }


def record_meta_fields(*names: str, soft_delete: bool = True) -> tuple[str, ...]:
    """``fields`` for a RecordSerializer's Meta: the given names plus the standard ones."""
    extra = ("deleted", "deleted_at") if soft_delete else ()
    return ("id", *names, *extra, "created_at", "updated_at", "version")
