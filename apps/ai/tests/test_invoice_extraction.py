"""POST /ai-extraction/extract-invoice-data through the real AI service (spec 09 section 1)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.tests.factories import LandlordUserFactory, TenantUserFactory
from apps.ai.tests.conftest import invoice_pdf

ROUTE = "/ai-extraction/extract-invoice-data"
INVOICE = """
<h1>Green Leaf Gardens</h1>
<p>Invoice No: GL-77</p>
<p>Lawn mowing, hedge trimming and leaf removal (landscaping), October.</p>
<p>Total: EUR 350.00</p>
"""
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

pytestmark = pytest.mark.django_db


def upload(client, name: str, data: bytes, content_type: str = "application/octet-stream"):
    return client.post(ROUTE, {"file": SimpleUploadedFile(name, data, content_type)}, format="multipart")


@pytest.fixture
def landlord_client(auth_client):
    return auth_client(LandlordUserFactory())


class TestValidation:
    def test_no_file(self, landlord_client):
        response = landlord_client.post(ROUTE, {}, format="multipart")
        assert response.status_code == 400
        assert response.json()["message"] == "No file provided"

    @pytest.mark.parametrize(
        ("name", "data"),
        [
            ("notes.txt", b"just text"),
            ("anim.gif", b"GIF89a" + b"\x00" * 20),
            ("fake.pdf", b"MZ\x90\x00binary"),
        ],
    )
    def test_types_the_service_cannot_read(self, landlord_client, name, data):
        response = upload(landlord_client, name, data, "application/pdf")
        assert response.status_code == 400
        assert response.json() == {
            "statusCode": 400,
            "message": "Invalid file type. Only PDF and image files are allowed.",
            "error": "BAD_REQUEST",
        }

    def test_too_large(self, landlord_client):
        response = upload(landlord_client, "big.pdf", b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024))
        assert response.status_code == 400
        assert response.json()["message"] == "File size exceeds 10MB limit"

    def test_needs_a_signed_in_user(self, api_client):
        assert upload(api_client, "a.pdf", b"%PDF-1.7").status_code == 401


class TestThroughTheService:
    def test_offline_service_reads_a_text_pdf(self, landlord_client, ai_service):
        response = upload(landlord_client, "scan-without-extension", invoice_pdf(INVOICE))
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["success"] is True
        data = body["data"]
        assert data["expense_class"] == "Landscaping & Outdoor Maintenance"
        assert data["invoice_number"] == "GL-77"
        assert data["total_amount"] == 350.0
        assert data["currency"] == "EUR"
        # snake_case keys of the AI service kept verbatim, the file named for its sniffed type
        assert data["raw_response"]["metadata"]["filename"] == "scan-without-extension.pdf"
        assert "vendor_name" in data["raw_response"]

    def test_any_user_may_use_it(self, auth_client, ai_service):
        response = upload(auth_client(TenantUserFactory()), "i.pdf", invoice_pdf(INVOICE))
        assert response.status_code == 201
        assert response.json()["data"]["invoice_number"] == "GL-77"

    def test_with_openai_the_model_reads_images(self, landlord_client, ai_service_online):
        ai_service_online.tool_arguments = {
            "invoice_number": "R-1",
            "total_amount": 19.99,
            "currency": "USD",
            "expense_class": "Supplies & Consumables",
        }
        response = upload(landlord_client, "receipt.png", PNG, "image/png")
        assert response.status_code == 201
        data = response.json()["data"]
        assert (data["expense_class"], data["total_amount"], data["invoice_number"]) == (
            "Supplies & Consumables",
            19.99,
            "R-1",
        )
        assert ai_service_online.requests[-1][0] == "/v1/chat/completions"

    def test_service_refusal_is_an_empty_result(self, landlord_client, ai_service):
        response = upload(landlord_client, "receipt.png", PNG, "image/png")  # offline: images are a 503
        assert response.status_code == 201
        assert response.json() == {"success": True, "data": {}}

    def test_wrong_shared_secret_is_an_empty_result(self, landlord_client, ai_service, settings):
        settings.AI_SERVICE_SECRET = "not-the-secret"
        response = upload(landlord_client, "i.pdf", invoice_pdf(INVOICE))
        assert response.json() == {"success": True, "data": {}}

    def test_service_down_is_an_empty_result(self, landlord_client, settings, free_port):
        settings.AI_ENDPOINT = f"http://127.0.0.1:{free_port}"
        response = upload(landlord_client, "i.pdf", io.BytesIO(b"%PDF-1.7\n%%EOF").getvalue())
        assert response.status_code == 201
        assert response.json() == {"success": True, "data": {}}
