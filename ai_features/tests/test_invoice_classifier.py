"""POST /invoice-classifier/parse-and-classify-invoice, offline (pypdf + rules) and with OpenAI."""

from __future__ import annotations

import json

import pytest

from ai_features.expense_rules import (
    CLASS_KEYWORDS,
    OTHER_CLASS,
    classify_text,
    parse_amount,
    read_invoice_text,
)
from ai_features.tests.conftest import invoice_pdf

ROUTE = "/invoice-classifier/parse-and-classify-invoice"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

PLUMBER_INVOICE = """
<h1>Rapid Plumbing Ltd</h1>
<p>INVOICE</p>
<p>Invoice Number: INV-2041</p>
<p>Invoice Date: 2026-03-02</p>
<p>Due Date: 2026-04-01</p>
<table>
<tr><td>Repair of leaking kitchen faucet, replaced cartridge</td><td>USD 180.00</td></tr>
<tr><td>Service call</td><td>USD 60.00</td></tr>
</table>
<p>Subtotal: USD 240.00</p>
<p>Tax (10%): USD 24.00</p>
<p>Total Due: USD 1,264.50</p>
"""


def post(client, name: str, data: bytes, **form):
    return client.post(ROUTE, files={"file": (name, data)}, data=form)


@pytest.mark.usefixtures("offline")
class TestOffline:
    def test_text_pdf_is_read_and_classified_without_openai(self, client):
        response = post(client, "invoice.pdf", invoice_pdf(PLUMBER_INVOICE))
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["expense_class"] == "Maintenance & Repairs"
        assert body["invoice_number"] == "INV-2041"
        assert body["total_amount"] == 1264.5
        assert body["currency"] == "USD"
        raw = body["raw_response"]
        assert raw["invoice_date"] == "2026-03-02"
        assert raw["due_date"] == "2026-04-01"
        assert raw["tax_amount"] == 24.0
        assert raw["vendor_name"] == "Rapid Plumbing Ltd"
        assert raw["metadata"]["model_used"] == "offline-rules"
        assert raw["metadata"]["filename"] == "invoice.pdf"

    @pytest.mark.parametrize(
        ("lines", "expected"),
        [
            ("Electricity bill, billing period March, 420 kWh, Total: EUR 96.40", "Utilities & Energy"),
            (
                "Structural assessment by a structural engineer, consulting hours. Total: $2,000.00",
                "Professional Services",
            ),
            (
                "Lawn mowing and hedge trimming, landscaping. Total: $300.00",
                "Landscaping & Outdoor Maintenance",
            ),
            (
                "Roof replacement: installation of new roof, capital improvement. Total: $48,000.00",
                "Capital Expenditures",
            ),
            ("Annual property tax, municipal assessment. Total: 1 200,00 DZD", "Taxes & Permits"),
        ],
    )
    def test_expense_classes_by_rule(self, client, lines, expected):
        response = post(
            client,
            "bill.PDF",
            invoice_pdf(f"<p>Invoice # A-1</p><p>{lines.replace('. Total', '.</p><p>Total')}</p>"),
        )
        assert response.status_code == 200, response.text
        assert response.json()["expense_class"] == expected

    def test_pdf_without_invoice_content_is_the_other_result(self, client):
        response = post(client, "letter.pdf", invoice_pdf("<p>Dear neighbour, see you on Sunday.</p>"))
        assert response.status_code == 200
        body = response.json()
        assert body["expense_class"] == OTHER_CLASS
        assert body["total_amount"] is None and body["invoice_number"] is None
        assert body["raw_response"]["metadata"]["error"] == (
            "Document does not appear to be a valid invoice or is empty."
        )

    def test_images_need_openai(self, client):
        response = post(client, "scan.png", PNG)
        assert response.status_code == 503
        assert response.json() == {
            "detail": "Service not configured. Please set the OPENAI_API_KEY environment variable."
        }

    @pytest.mark.parametrize("name", ["notes.txt", "photo.gif", "invoice"])
    def test_other_extensions_are_refused(self, client, name):
        response = post(client, name, b"hello")
        assert response.status_code == 400
        assert response.json() == {"detail": "Invalid file type. Allowed: pdf, png, jpg, jpeg"}

    def test_empty_and_oversized_files(self, client):
        assert post(client, "a.pdf", b"").json() == {"detail": "The uploaded file is empty."}
        response = post(client, "a.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
        assert response.status_code == 413
        assert response.json() == {"detail": "File size exceeds the maximum limit of 10MB."}

    def test_broken_pdf_is_a_400(self, client):
        response = post(client, "a.pdf", b"%PDF-1.7 this is not really a pdf")
        assert response.status_code == 400
        assert response.json()["detail"].startswith("Failed to process file:")


def test_rules_and_model_prompt_know_the_same_classes():
    from ai_features.invoices import CLASS_DESCRIPTIONS

    assert set(CLASS_DESCRIPTIONS) == set(CLASS_KEYWORDS)


def test_rules_helpers():
    assert str(parse_amount("1,234.56")) == "1234.56"
    assert str(parse_amount("1 234,56")) == "1234.56"
    assert str(parse_amount("80")) == "80.00"
    assert classify_text("nothing relevant here") is None
    fields = read_invoice_text("ACME\nSubtotal 100.00\nTotal 110.00 EUR")
    assert fields["total_amount"] == 110.0 and fields["currency"] == "EUR"


class TestWithOpenAI:
    def test_tool_call_fields_are_returned_with_metadata(self, client, online):
        online.tool_arguments = {
            "vendor_name": "Rapid Plumbing Ltd",
            "vendor_address": " ",
            "invoice_number": "INV-9",
            "invoice_date": "2026-03-02",
            "due_date": None,
            "total_amount": 264.0,
            "currency": "USD",
            "tax_amount": 24.0,
            "description_summary": "Faucet repair.",
            "expense_class": "Maintenance & Repairs",
        }
        response = post(client, "invoice.pdf", invoice_pdf(PLUMBER_INVOICE), model="gpt-4o")
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["expense_class"] == "Maintenance & Repairs"
        assert body["total_amount"] == 264.0
        raw = body["raw_response"]
        assert raw["vendor_address"] is None  # blank strings are cleaned to null
        assert raw["metadata"]["model_used"] == "gpt-4o"
        assert raw["metadata"]["token_usage"]["total_tokens"] == 1200
        path, sent = online.requests[-1]
        assert path == "/v1/chat/completions"
        assert sent["model"] == "gpt-4o"
        assert sent["tool_choice"] == {"type": "function", "function": {"name": "parse_invoice"}}
        parts = sent["messages"][1]["content"]
        assert any("Rapid Plumbing" in part.get("text", "") for part in parts)  # the PDF's text
        assert any(part["type"] == "file" for part in parts)  # and the PDF itself

    def test_image_goes_as_low_detail_data_url(self, client, online):
        online.tool_arguments = {"total_amount": 12.5, "expense_class": "Supplies & Consumables"}
        response = post(client, "receipt.JPG", b"\xff\xd8\xff" + b"\x00" * 32)
        assert response.status_code == 200
        assert response.json()["expense_class"] == "Supplies & Consumables"
        image = online.requests[-1][1]["messages"][1]["content"][-1]
        assert image["image_url"]["detail"] == "low"
        assert image["image_url"]["url"].startswith("data:image/jpeg;base64,")
        assert online.requests[-1][1]["model"] == "gpt-4o-mini"

    def test_missing_required_fields_is_the_other_result(self, client, online):
        online.tool_arguments = {"total_amount": None, "expense_class": None}
        body = post(client, "scan.png", PNG).json()
        assert body["expense_class"] == OTHER_CLASS
        assert json.loads(body["raw_response"]["metadata"]["raw_ai_output"]) == online.tool_arguments

    def test_openai_failure_is_the_other_result_not_a_500(self, client, online):
        online.fail_status = 500
        response = post(client, "scan.png", PNG)
        assert response.status_code == 200
        body = response.json()
        assert body["expense_class"] == OTHER_CLASS
        assert body["raw_response"]["metadata"]["error"].startswith("Unexpected processing error:")
