"""The OpenAPI document says what the API does (issue 8); ``make fuzz`` checks the rest live."""

from __future__ import annotations

import re

import pytest

from apps.accounts.users_serializers import is_strong_password

pytestmark = pytest.mark.django_db

PUBLIC = [
    ("post", "/auth/login"),
    ("post", "/auth/register"),
    ("post", "/auth/register/landlord"),
    ("post", "/auth/register/tenant"),
    ("post", "/auth/register/contractor"),
    ("post", "/auth/logout"),
    ("post", "/auth/forgot-password"),
    ("post", "/auth/reset-password"),
    ("get", "/units/marketplace"),
    ("get", "/units/marketplace/cities"),
    ("get", "/invitations/{token}/validate"),
    ("post", "/invitations/{token}/accept"),
    ("get", "/health"),
]


@pytest.fixture(scope="module")
def document(django_db_blocker):
    from rest_framework.test import APIClient

    with django_db_blocker.unblock():
        response = APIClient().get("/api-json")
    assert response.status_code == 200
    return response.json()


def operations(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            if isinstance(operation, dict) and "responses" in operation:
                yield path, method, operation


def test_public_routes_carry_no_security_requirement(document):
    for method, path in PUBLIC:
        assert "security" not in document["paths"][path][method], f"{method} {path}"
    assert document["paths"]["/properties"]["get"]["security"] == [{"JWT-auth": []}]
    assert "401" in document["paths"]["/auth/login"]["post"]["responses"]
    assert "401" not in document["paths"]["/units/marketplace"]["get"]["responses"]


def test_path_ids_are_uuids(document):
    loose = [
        f"{method} {path} {parameter['name']}"
        for path, method, operation in operations(document)
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "path"
        and re.fullmatch(r"id|[a-z]\w*Id", parameter["name"])
        and parameter["schema"].get("format") != "uuid"
    ]
    assert loose == []
    token = document["paths"]["/invitations/{token}/validate"]["get"]["parameters"][0]
    assert token["schema"] == {"type": "string"}


def test_registration_responses_show_the_wire_fields(document):
    schemas = document["components"]["schemas"]
    for name in ("RegistrationResponse", "SeedRegistrationResponse", "LoginResponse", "TokenPair"):
        properties = schemas[name]["properties"]
        assert "accessToken" in properties and "access_token" not in properties, name
    assert {"accessToken", "refreshToken", "user"} <= set(schemas["SeedRegistrationResponse"]["required"])
    assert {"emailVerifiedAt", "isPrimary", "user_type", "organization_id"} <= set(
        schemas["AuthUser"]["properties"]
    )


def test_no_docstring_becomes_a_description(document):
    from apps.accounts.auth_views import RegisterView, RegistrationView

    docstrings = {RegistrationView.__doc__.strip(), RegisterView.__doc__.strip()}
    assert not [
        f"{method} {path}"
        for path, method, operation in operations(document)
        if operation.get("description", "").strip() in docstrings
    ]
    assert not any(
        component.get("description", "").startswith(("The original's whitelist", "Self-registration"))
        for component in document["components"]["schemas"].values()
    )


def test_sort_by_lists_the_sortable_fields(document):
    parameters = {p["name"]: p["schema"] for p in document["paths"]["/users"]["get"]["parameters"]}
    assert "createdAt" in parameters["sortBy"]["enum"] and "email" in parameters["sortBy"]["enum"]
    for path, _method, operation in operations(document):
        for parameter in operation.get("parameters", []):
            if parameter["name"] == "sortBy":
                assert parameter["schema"]["enum"], path


def test_body_rules_are_in_the_schema(document):
    schemas = document["components"]["schemas"]
    password = schemas["RegisterTenantInputRequest"]["properties"]["password"]
    pattern = re.compile(password["pattern"])
    for candidate in ("Passw0rd", "password1", "PASSWORD!", "Abcdefg!", "abcDEF12", ".Abc1234"):
        assert bool(pattern.search(candidate)) == is_strong_password(candidate), candidate
    assert set(schemas["LoginInputRequest"]["required"]) == {"email", "password"}
    assert schemas["LoginInputRequest"]["additionalProperties"] is False
    unit = schemas["UnitWriteInputRequest"]["properties"]
    assert "availableForRent" in unit["availableFrom"]["description"]
    assert "publishToMarketplace" in unit["marketRent"]["description"]


def test_writes_declare_conflicts_and_refused_content_types(document):
    login = document["paths"]["/auth/login"]["post"]["responses"]
    assert {"409", "415", "422"} <= set(login)
    assert "415" not in document["paths"]["/properties/{id}"]["delete"]["responses"]


def test_refused_content_type_is_415_and_a_list_body_is_400(auth_client, api_client):
    from apps.accounts.tests.factories import LandlordUserFactory

    response = api_client.post("/auth/login", data='{"email": "a@b.co"}', content_type="text/plain")
    assert response.status_code == 415
    assert response.json()["error"] == "UNSUPPORTED_MEDIA_TYPE"
    client = auth_client(LandlordUserFactory())
    response = client.post("/properties", data="[null, null]", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["message"] == ["request body must be a JSON object"]


def test_conditional_requirements_and_input_strings(document):
    schemas = document["components"]["schemas"]
    assert {"required": ["address"]} in schemas["PropertyCreateInputRequest"]["anyOf"]
    assert schemas["PatchedUnitUpdateInputRequest"]["minProperties"] == 1
    assert schemas["VerifyConfirmInputRequest"]["anyOf"] == [{"required": ["token"]}, {"required": ["code"]}]
    assert schemas["LoginInputRequest"]["properties"]["password"]["pattern"] == r"^[^\x00]*$"
    units = {p["name"]: p["schema"] for p in document["paths"]["/units"]["get"]["parameters"]}
    assert units["sortOrder"]["enum"] == ["asc", "desc", "ASC", "DESC"]
