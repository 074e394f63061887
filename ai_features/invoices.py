"""POST /invoice-classifier/parse-and-classify-invoice (spec 09 section 4).

With ``OPENAI_API_KEY``: one Chat Completions call forced to the ``parse_invoice`` tool, given the
invoice itself (a PDF as a file input, an image as a low-detail data URL) and the PDF's text.
Without a key: the text of a PDF is read by :mod:`ai_features.expense_rules`; images need the model
and answer the spec's 503. Any failure of the model is the spec's "Other" result, never a 500
(open question 2).
"""

from __future__ import annotations

import base64
import io
import json
import time
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, UploadFile
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ai_features.config import MAX_UPLOAD_BYTES, ServiceSettings, load_settings
from ai_features.expense_rules import OTHER_CLASS, read_invoice_text

router = APIRouter(tags=["invoice-classifier"])

ALLOWED_EXTENSIONS = ("pdf", "png", "jpg", "jpeg")
IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}
NOT_CONFIGURED = "Service not configured. Please set the OPENAI_API_KEY environment variable."
NOT_AN_INVOICE = "Document does not appear to be a valid invoice or is empty."
FIELDS = (
    "vendor_name",
    "vendor_address",
    "invoice_number",
    "invoice_date",
    "due_date",
    "total_amount",
    "currency",
    "tax_amount",
    "description_summary",
    "expense_class",
)
CLASS_DESCRIPTIONS = {
    "Maintenance & Repairs": "routine, preventive or reactive physical fixes, hands-on work, part replacement",
    "Utilities & Energy": "recurring energy, water and waste bills",
    "Property Management & Admin Fees": "recurring management, administration and financial-operation fees",
    "Supplies & Consumables": "small recurring day-to-day purchases",
    "Landscaping & Outdoor Maintenance": "upkeep of outdoor areas",
    "Contractor Services (External Work Orders)": "large project-based physical work by external contractors",
    "Insurance & Compliance": "risk management, safety and regulatory costs",
    "Staff & Labor": "wages of recurring on-site personnel",
    "Taxes & Permits": "government fees, taxes and licences",
    "Capital Expenditures": "large one-time upgrades or installations of major systems",
    "Professional Services": "third-party consulting or advisory work, intangible expertise",
}

DATE_FIELD = {"type": ["string", "null"], "description": "YYYY-MM-DD or MM-YYYY"}
PARSE_INVOICE_TOOL = {
    "type": "function",
    "function": {
        "name": "parse_invoice",
        "description": "Record the fields of an invoice and its expense class.",
        "parameters": {
            "type": "object",
            "properties": {
                "vendor_name": {"type": ["string", "null"]},
                "vendor_address": {"type": ["string", "null"]},
                "invoice_number": {"type": ["string", "null"]},
                "invoice_date": DATE_FIELD,
                "due_date": DATE_FIELD,
                "total_amount": {"type": ["number", "null"], "description": "Total including taxes"},
                "currency": {"type": ["string", "null"], "description": "ISO code, e.g. USD, EUR, DZD"},
                "tax_amount": {"type": ["number", "null"]},
                "description_summary": {"type": ["string", "null"], "description": "One sentence"},
                "expense_class": {"type": ["string", "null"], "enum": [*CLASS_DESCRIPTIONS, None]},
            },
            "required": ["total_amount", "expense_class"],
        },
    },
}
SYSTEM_PROMPT = (
    "You are an expert invoice parser and expense classifier for property management. "
    "Follow the expense class descriptions strictly:\n"
    + "\n".join(f"- {name}: {meaning}" for name, meaning in CLASS_DESCRIPTIONS.items())
    + "\nDistinguish physical work (repairs, installations) from non-physical services (advice, "
    "assessments). If the document is not an invoice, return null for every field."
)
INSTRUCTION = (
    "Parse this invoice and classify the expense. Use the document for layout and the raw text, "
    "when given, for exact values. Distinguish Maintenance & Repairs (fixes), Capital Expenditures "
    "(major one-time upgrades) and Professional Services (expertise, no physical work)."
)


def _extension(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def pdf_text(data: bytes) -> str:
    """The text of every page; a PDF pypdf cannot open is a 400 (the spec's conversion failure)."""
    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages).strip()
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise HTTPException(status_code=400, detail=f"Failed to process file: {exc}") from exc


def _clean(value):
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, list) and not value:
        return None
    return value


def _file_size(size: int) -> str:
    return f"{size / 1024:.1f}KB"


def _result(fields: dict, metadata: dict) -> dict:
    raw = {name: fields.get(name) for name in FIELDS}
    raw["metadata"] = metadata
    return {
        "expense_class": raw["expense_class"],
        "invoice_number": raw["invoice_number"],
        "total_amount": raw["total_amount"],
        "currency": raw["currency"],
        "raw_response": raw,
    }


def _other(base: dict, error: str, raw_ai_output=None) -> dict:
    fields = dict.fromkeys(FIELDS)
    fields["expense_class"] = OTHER_CLASS
    metadata = {**base, "error": error}
    if raw_ai_output is not None:
        metadata["raw_ai_output"] = raw_ai_output
    return _result(fields, metadata)


def _ask_openai(
    settings: ServiceSettings, *, model: str, data: bytes, extension: str, filename: str, text: str
):
    content: list[dict] = [{"type": "text", "text": INSTRUCTION}]
    if text:
        content.append({"type": "text", "text": f"Raw text extracted from the PDF:\n{text}"})
    encoded = base64.b64encode(data).decode()
    if extension == "pdf":
        content.append(
            {
                "type": "file",
                "file": {"filename": filename, "file_data": f"data:application/pdf;base64,{encoded}"},
            }
        )
    else:
        content.append(
            {
                "type": "image_url",
                "image_url": {"url": f"data:{IMAGE_TYPES[extension]};base64,{encoded}", "detail": "low"},
            }
        )
    return settings.openai_client().chat.completions.create(
        model=model,
        messages=[{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": content}],
        tools=[PARSE_INVOICE_TOOL],
        tool_choice={"type": "function", "function": {"name": "parse_invoice"}},
    )


def classify_invoice(*, data: bytes, filename: str, model: str, settings: ServiceSettings) -> dict:
    started = time.monotonic()
    extension = _extension(filename)
    text = pdf_text(data) if extension == "pdf" else ""
    if not settings.has_openai and extension != "pdf":
        raise HTTPException(status_code=503, detail=NOT_CONFIGURED)
    base = {
        "filename": filename,
        "timestamp": datetime.now(UTC).isoformat(),
        "file_size": _file_size(len(data)),
    }
    usage = {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}
    raw_output = None
    api_seconds = 0.0
    if settings.has_openai:
        api_started = time.monotonic()
        try:
            completion = _ask_openai(
                settings, model=model, data=data, extension=extension, filename=filename, text=text
            )
        except Exception as exc:  # noqa: BLE001 - any model failure is the "Other" result
            base.update(processing_time=f"{time.monotonic() - started:.2f}s", token_usage=usage)
            return _other(base, f"Unexpected processing error: {exc}")
        api_seconds = time.monotonic() - api_started
        if completion.usage is not None:
            usage = {
                "prompt_tokens": completion.usage.prompt_tokens,
                "completion_tokens": completion.usage.completion_tokens,
                "total_tokens": completion.usage.total_tokens,
            }
        calls = (completion.choices[0].message.tool_calls or []) if completion.choices else []
        fields = {}
        if calls:
            raw_output = calls[0].function.arguments
            try:
                parsed = json.loads(raw_output)
                fields = parsed if isinstance(parsed, dict) else {}
            except json.JSONDecodeError:
                fields = {}
        model_used = model
    else:
        fields = read_invoice_text(text) if text else {}
        model_used = "offline-rules"
    fields = {name: _clean(fields.get(name)) for name in FIELDS}
    base.update(processing_time=f"{time.monotonic() - started:.2f}s", token_usage=usage)
    if fields["expense_class"] is None or fields["total_amount"] is None:
        return _other(base, NOT_AN_INVOICE, raw_output)
    metadata = {
        "processing_time": base["processing_time"],
        "token_usage": usage,
        "api_processing_time": f"{api_seconds:.2f}s",
        "filename": filename,
        "timestamp": base["timestamp"],
        "file_size": base["file_size"],
        "model_used": model_used,
    }
    return _result(fields, metadata)


@router.post("/parse-and-classify-invoice")
def parse_and_classify_invoice(
    file: Annotated[UploadFile, File()],
    model: Annotated[str | None, Form()] = None,
) -> dict:
    settings = load_settings()
    filename = file.filename or ""
    if _extension(filename) not in ALLOWED_EXTENSIONS:
        raise HTTPException(status_code=400, detail="Invalid file type. Allowed: pdf, png, jpg, jpeg")
    data = file.file.read(MAX_UPLOAD_BYTES + 1)
    if not data:
        raise HTTPException(status_code=400, detail="The uploaded file is empty.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise HTTPException(status_code=413, detail="File size exceeds the maximum limit of 10MB.")
    return classify_invoice(
        data=data, filename=filename, model=model or settings.invoice_model, settings=settings
    )
