"""Cross-tenant cases of the media routes."""

from __future__ import annotations

import uuid

from apps.media.models import Media
from tests.isolation import Case

B_SIDE = ("admin_b", "staff_b", "tenant_b", "contractor_b")


def _media_of_a(w) -> Media:
    from apps.properties.tests.factories import PropertyFactory

    prop = PropertyFactory(landlord=w.landlord_a)
    w.extra["media"] = Media.objects.unscoped().create(
        model_type="Property",
        model_id=prop.pk,
        landlord_id=w.landlord_a.pk,
        uploaded_by_id=w.admin_a.pk,
        name="deed.pdf",
        file_name="deed.pdf",
        mime_type="application/pdf",
        type="document",
        path=f"property/{prop.pk}/documents/{uuid.uuid4()}.pdf",
        collection_name="documents",
    )
    return w.extra["media"]


def _forged_link(w) -> str:
    """A link whose token was not signed by us (the token is the credential of this route)."""
    from django.core import signing

    media = _media_of_a(w)
    token = signing.dumps({"m": str(media.pk), "p": media.path}, key="not-our-secret", salt="myte.media.file")
    return f"/media/file/{token}"


def _kept(w, path):
    assert Media.objects.unscoped().filter(pk=w.extra["media"].pk).exists()


CASES = [
    Case(
        "media:detail",
        "GET",
        build=lambda w: f"/media/{_media_of_a(w).pk}",
        attackers=B_SIDE,
        unchanged=_kept,
    ),
    Case(
        "media:download",
        "GET",
        build=lambda w: f"/media/{_media_of_a(w).pk}/download",
        attackers=B_SIDE,
        unchanged=_kept,
    ),
    Case("media:file", "GET", build=_forged_link, attackers=B_SIDE, unchanged=_kept),
]
