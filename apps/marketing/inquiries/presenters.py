"""Inquiry JSON (spec 04 section 2): the stored fields, never the verification code or its hash."""

from __future__ import annotations

from typing import Any

from apps.core.serializers import iso
from apps.marketing.models import Inquiry
from apps.properties.models import ADDRESS_PARTS


def person_name(user) -> str:
    return " ".join(part for part in (user.first_name, user.last_name) if part).strip()


def inquiry_to_dict(
    inquiry: Inquiry,
    *,
    expand_place: bool = False,
    with_address: bool = True,
    expand_tenant: bool = False,
) -> dict[str, Any]:
    """The inquiry as the original emits it, with ``property``/``unit``/``tenant`` expanded on request.

    Expanding reads the related rows already loaded by ``select_related`` (no query per row).
    """
    data: dict[str, Any] = {
        "_id": str(inquiry.pk),
        "inquiry_type": inquiry.inquiry_type,
        "status": inquiry.status,
    }
    if inquiry.tenant_id:
        data["tenant"] = (
            _tenant(inquiry.tenant) if expand_tenant and inquiry.tenant else str(inquiry.tenant_id)
        )
    for name in ("name", "email", "phone"):
        value = getattr(inquiry, name)
        if value is not None:
            data[name] = value
    if inquiry.property_id:
        data["property"] = (
            _property(inquiry.property, with_address)
            if expand_place and inquiry.property
            else str(inquiry.property_id)
        )
    if inquiry.unit_id:
        data["unit"] = _unit(inquiry.unit) if expand_place and inquiry.unit else str(inquiry.unit_id)
    data["message"] = inquiry.message
    if inquiry.preferred_date is not None:
        data["preferred_date"] = iso(inquiry.preferred_date)
    data["email_verified"] = inquiry.email_verified
    if inquiry.reply is not None:
        data["reply"] = inquiry.reply
    if inquiry.replied_at is not None:
        data["replied_at"] = iso(inquiry.replied_at)
    data.update(
        {
            "deleted": inquiry.deleted,
            "created_at": iso(inquiry.created_at),
            "updated_at": iso(inquiry.updated_at),
            "__v": inquiry.version,
        }
    )
    return data


def inquiry_list_item(inquiry: Inquiry) -> dict[str, Any]:
    """A list row: place and tenant expanded; a linked user's name, email and phone fill the gaps."""
    data = inquiry_to_dict(inquiry, expand_place=True, expand_tenant=True)
    user = inquiry.tenant if inquiry.tenant_id else None
    if user is not None:
        if not data.get("name"):
            data["name"] = person_name(user) or "Tenant"
        if not data.get("email"):
            data["email"] = user.email
        if not data.get("phone") and user.phone:
            data["phone"] = user.phone
    return data


def _tenant(user) -> dict[str, Any]:
    return {
        "_id": str(user.pk),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "phone": user.phone,
    }


def _property(prop, with_address: bool) -> dict[str, Any]:
    data = {"_id": str(prop.pk), "name": prop.name}
    if with_address:
        data["address"] = prop.address or dict.fromkeys(ADDRESS_PARTS)
    return data


def _unit(unit) -> dict[str, Any]:
    return {"_id": str(unit.pk), "unit_number": unit.unit_number}
