"""The memoized renderer converts keys exactly as the camel-case library does."""

from djangorestframework_camel_case.settings import api_settings
from djangorestframework_camel_case.util import camelize as library_camelize

from apps.core.renderers import ApiJSONRenderer, camelize

SAMPLE = {
    "_id": "1",
    "__v": 0,
    "user_type": "Landlord",
    "organization_id": None,
    "created_at": [{"is_primary": True, "details": {"kept_as_is": 1}}],
    "address_line2": {"postal_code": [1, {"unit_number": "4B"}]},
    "entity_data": {"raw_key": 1},
    "plain": "text_with_underscores",
}


def test_same_output_as_the_library():
    assert camelize(SAMPLE) == library_camelize(SAMPLE, **api_settings.JSON_UNDERSCOREIZE)


def test_same_output_on_every_kind_of_value():
    """Tuples, lazy text keys and values, dict subclasses, non-string keys and leaves of every
    type go through the fast path with the library's result."""
    from collections import OrderedDict
    from decimal import Decimal

    from django.utils.translation import gettext_lazy

    sample = {
        gettext_lazy("lazy_key"): gettext_lazy("lazy value"),
        "tuple_of_rows": ({"row_id": 1}, {"row_id": 2}, ("inner_tuple", {"deep_key": 3})),
        "ordered_map": OrderedDict([("first_key", 1), ("second_key", {"third_key": 2})]),
        7: {"int_key_child": 1.5},
        "amount_due": Decimal("10.50"),
        "metadata": {"left_alone": {"also_left": 1}},
        "flags": [True, False, None, 0, "a_b"],
    }
    ours = camelize(sample)
    assert ours == library_camelize(sample, **api_settings.JSON_UNDERSCOREIZE)
    assert ours["lazyKey"] == "lazy value" and isinstance(ours["lazyKey"], str)
    assert ours["tupleOfRows"][2] == ["inner_tuple", {"deepKey": 3}]
    assert ours["metadata"] == {"left_alone": {"also_left": 1}}


def test_rendered_json():
    body = ApiJSONRenderer().render({"has_next_page": False, "user_type": "Tenant"})
    assert body == b'{"hasNextPage":false,"user_type":"Tenant"}'
