"""The OpenAPI document describes every route usably: parameters match their path placeholders."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def document(django_db_blocker):
    from rest_framework.test import APIClient

    with django_db_blocker.unblock():
        response = APIClient().get("/api-json")
    assert response.status_code == 200
    return response.json()


def _operations(document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if isinstance(operation, dict) and "responses" in operation:
                yield path, method, operation


def test_path_parameters_match_their_placeholders(document):
    mismatched = []
    for path, method, operation in _operations(document):
        placeholders = set(re.findall(r"{([^}]+)}", path))
        declared = {p["name"] for p in operation.get("parameters", []) if p.get("in") == "path"}
        if placeholders != declared:
            mismatched.append(f"{method.upper()} {path}: {sorted(declared)}")
    assert not mismatched, mismatched


def test_placeholders_are_camel_case(document):
    assert not [path for path in document["paths"] if re.search(r"{[^}]*_[^}]*}", path)]


def test_every_operation_documents_a_success_and_its_errors(document):
    missing = []
    for path, method, operation in _operations(document):
        codes = set(operation["responses"])
        if not any(code.startswith("2") for code in codes) or "400" not in codes:
            missing.append(f"{method.upper()} {path}: {sorted(codes)}")
    assert not missing, missing
