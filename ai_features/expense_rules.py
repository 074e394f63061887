"""The offline invoice reader: fields by pattern, the expense class by keyword rules.

Used when no OpenAI key is configured, on the text pypdf extracts from a PDF. The classes are the
spec's expense classes (spec 09 section 4). Classification rules, in words:

* every class has a list of keywords and phrases (``CLASS_KEYWORDS``); each occurrence in the
  invoice text scores one point, a phrase of several words scores two (it is more specific);
* the class with the highest score wins; ties go to the class listed first, so physical work is
  read as *Maintenance & Repairs* before *Contractor Services* and *Capital Expenditures* unless
  their own words (work order, project, installation of a new system...) outweigh it;
* no keyword at all: no class, and the document is reported as not classifiable (the spec's
  "Other" result), as an unreadable document is.

Fields: the invoice number after "Invoice no/number/#", the total as the last amount of the last
"total"/"amount due" line that is not a subtotal, the tax likewise from a "tax"/"VAT" line, the currency from an ISO code
or a currency sign, dates written ``YYYY-MM-DD`` after "invoice date"/"due date", the vendor from
the first line that is not a heading.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

OTHER_CLASS = "Other: Document not an Invoice or Classification Failed"

CLASS_KEYWORDS: dict[str, tuple[str, ...]] = {
    "Maintenance & Repairs": (
        "repair",
        "repairs",
        "repaired",
        "fix",
        "fixed",
        "leak",
        "leaking",
        "replaced",
        "replacement part",
        "service call",
        "plumbing",
        "plumber",
        "electrician",
        "unclog",
        "preventive maintenance",
        "maintenance",
        "broken",
        "faucet",
        "boiler service",
        "handyman",
    ),
    "Utilities & Energy": (
        "electricity",
        "kwh",
        "gas bill",
        "natural gas",
        "water bill",
        "water usage",
        "sewer",
        "waste collection",
        "trash",
        "utility",
        "utilities",
        "energy",
        "meter reading",
        "billing period",
    ),
    "Property Management & Admin Fees": (
        "management fee",
        "property management",
        "administrative fee",
        "admin fee",
        "bank fee",
        "processing fee",
        "bookkeeping",
        "leasing fee",
        "tenant screening",
    ),
    "Supplies & Consumables": (
        "supplies",
        "light bulbs",
        "cleaning products",
        "paper towels",
        "batteries",
        "consumables",
        "detergent",
        "office supplies",
        "filters",
    ),
    "Landscaping & Outdoor Maintenance": (
        "landscaping",
        "lawn",
        "mowing",
        "gardening",
        "tree trimming",
        "hedge",
        "snow removal",
        "irrigation",
        "leaf removal",
        "yard",
    ),
    "Contractor Services (External Work Orders)": (
        "work order",
        "contractor",
        "project",
        "general contractor",
        "phase",
        "subcontractor",
        "change order",
        "milestone",
    ),
    "Insurance & Compliance": (
        "insurance",
        "premium",
        "policy number",
        "liability",
        "fire inspection",
        "safety inspection",
        "compliance",
        "certification",
        "coverage",
    ),
    "Staff & Labor": (
        "payroll",
        "wages",
        "salary",
        "superintendent",
        "janitor",
        "concierge",
        "doorman",
        "timesheet",
        "hourly staff",
    ),
    "Taxes & Permits": (
        "property tax",
        "permit",
        "license fee",
        "licence",
        "tax assessment",
        "municipal",
        "registration fee",
        "building permit",
    ),
    "Capital Expenditures": (
        "installation of new",
        "new roof",
        "roof replacement",
        "new hvac system",
        "upgrade",
        "renovation",
        "remodel",
        "capital improvement",
        "new elevator",
        "solar panel",
        "complete replacement",
    ),
    "Professional Services": (
        "consulting",
        "consultant",
        "legal",
        "attorney",
        "accounting",
        "audit",
        "advisory",
        "assessment",
        "structural engineer",
        "engineering report",
        "appraisal",
        "architect",
    ),
}

CURRENCY_CODES = ("USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "DZD", "MAD", "TND", "AED", "SAR")
CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}

_AMOUNT = r"([0-9]{1,3}(?:[ ,.][0-9]{3})*(?:[.,][0-9]{2})?|[0-9]+(?:[.,][0-9]{2})?)"
_INVOICE_NUMBER = re.compile(
    r"invoice\s*(?:no\.?|number|num\.?|#)\s*[:#]?\s*([A-Z0-9][A-Z0-9\-/]{1,40})", re.IGNORECASE
)
_AMOUNT_RE = re.compile(_AMOUNT)
_TOTAL_LINE = re.compile(
    r"^(?!.*\bsub\s*-?total\b).*\b(?:grand\s+total|total\s+due|amount\s+due|balance\s+due|total)\b(.*)$",
    re.IGNORECASE | re.MULTILINE,
)
_TAX_LINE = re.compile(r"^.*\b(?:tax|vat|gst)\b(.*)$", re.IGNORECASE | re.MULTILINE)
_INVOICE_DATE = re.compile(
    r"(?:invoice\s+date|date\s+of\s+issue|issued)\s*[:\-]?\s*(\d{4}-\d{2}-\d{2})", re.I
)
_DUE_DATE = re.compile(r"due\s+date\s*[:\-]?\s*(\d{4}-\d{2}-\d{2})", re.IGNORECASE)
_HEADINGS = {"invoice", "tax invoice", "bill", "receipt", "statement"}


def parse_amount(text: str) -> Decimal | None:
    """``1,234.56``, ``1 234,56``, ``1234`` -> Decimal; the last separator before 2 digits is the decimal point."""
    cleaned = text.strip().replace(" ", "")
    match = re.match(r"^(.*?)([.,](\d{2}))?$", cleaned)
    if match is None:
        return None
    whole = re.sub(r"[.,]", "", match.group(1))
    cents = match.group(3) or "00"
    try:
        return Decimal(f"{whole}.{cents}")
    except InvalidOperation:
        return None


def _last_amount(line_pattern: re.Pattern, text: str) -> Decimal | None:
    """The last amount on the last line the pattern matches ("Tax (10%): USD 24.00" -> 24.00)."""
    for rest in reversed(line_pattern.findall(text)):
        amounts = _AMOUNT_RE.findall(rest)
        if amounts:
            return parse_amount(amounts[-1])
    return None


def classify_text(text: str) -> str | None:
    lowered = text.lower()
    best, best_score = None, 0
    for name, keywords in CLASS_KEYWORDS.items():
        score = 0
        for keyword in keywords:
            hits = len(re.findall(rf"\b{re.escape(keyword)}\b", lowered))
            score += hits * (2 if " " in keyword else 1)
        if score > best_score:
            best, best_score = name, score
    return best


def _currency(text: str) -> str | None:
    for code in CURRENCY_CODES:
        if re.search(rf"\b{code}\b", text):
            return code
    for sign, code in CURRENCY_SIGNS.items():
        if sign in text:
            return code
    return None


def _vendor(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if line and line.lower().rstrip(":") not in _HEADINGS and not line[0].isdigit():
            return line[:200]
    return None


def read_invoice_text(text: str) -> dict:
    """The ``parse_invoice`` fields (spec 09 section 4 step 4) read from an invoice's text."""
    total = _last_amount(_TOTAL_LINE, text)
    tax = _last_amount(_TAX_LINE, text)
    number = _INVOICE_NUMBER.search(text)
    invoice_date = _INVOICE_DATE.search(text)
    due_date = _DUE_DATE.search(text)
    expense_class = classify_text(text)
    vendor = _vendor(text)
    return {
        "vendor_name": vendor,
        "vendor_address": None,
        "invoice_number": number.group(1) if number else None,
        "invoice_date": invoice_date.group(1) if invoice_date else None,
        "due_date": due_date.group(1) if due_date else None,
        "total_amount": float(total) if total is not None else None,
        "currency": _currency(text),
        "tax_amount": float(tax) if tax is not None else None,
        "description_summary": (
            f"{expense_class} invoice from {vendor}." if expense_class and vendor else None
        ),
        "expense_class": expense_class,
    }
