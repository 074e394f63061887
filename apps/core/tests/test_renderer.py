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


def test_rendered_json():
    body = ApiJSONRenderer().render({"has_next_page": False, "user_type": "Tenant"})
    assert body == b'{"hasNextPage":false,"user_type":"Tenant"}'
