"""Validation messages in the original's wording, for collections as well as strings."""

from rest_framework import serializers

from apps.core.exceptions import flatten_validation
from apps.core.serializers import InputSerializer


class _Body(InputSerializer):
    user_ids = serializers.ListField(child=serializers.CharField(), min_length=1, max_length=2)
    title = serializers.CharField(min_length=2)


def _messages(data):
    serializer = _Body(data=data)
    assert not serializer.is_valid()
    return flatten_validation(serializer.errors)


def test_list_length_messages_speak_of_elements():
    assert "userIds must contain at least 1 elements" in _messages({"user_ids": [], "title": "ok"})
    assert "userIds must contain no more than 2 elements" in _messages(
        {"user_ids": ["a", "b", "c"], "title": "ok"}
    )


def test_string_length_messages_speak_of_characters():
    assert _messages({"user_ids": ["a"], "title": "x"}) == [
        "title must be longer than or equal to 2 characters"
    ]


def test_list_type_message():
    assert "userIds must be an array" in _messages({"user_ids": "abc", "title": "ok"})


def test_numbers_are_not_strings():
    assert _messages({"user_ids": ["a"], "title": 42}) == ["title must be a string"]


def test_unknown_fields_are_reported_with_the_other_errors():
    messages = _messages({"user_ids": [], "title": 7, "extra": 1})
    assert set(messages) == {
        "property extra should not exist",
        "title must be a string",
        "userIds must contain at least 1 elements",
    }
