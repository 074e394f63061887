"""Staff pages of the Django admin for properties, units, slots, favorites and media."""

from __future__ import annotations

import pytest

from apps.core.models import AuditLog
from apps.media.models import Media
from apps.properties.tests.factories import AvailabilityFactory, FavoriteFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["property", "unit", "availability", "favorite"])
def test_changelists_render_every_landlord(client, admin_user, model):
    unit = UnitFactory()
    AvailabilityFactory(property=unit.property, unit=unit)
    FavoriteFactory()
    client.force_login(admin_user)
    response = client.get(f"/django-admin/properties/{model}/")
    assert response.status_code == 200
    response = client.get("/django-admin/media/media/")
    assert response.status_code == 200


def test_upload_is_audited_without_file_bytes(auth_client, landlord_user, landlord):
    from apps.properties.tests.factories import PropertyFactory
    from apps.properties.tests.helpers import png_upload

    prop = PropertyFactory(landlord=landlord)
    response = auth_client(landlord_user).post(
        f"/properties/{prop.pk}/media/upload", {"file": png_upload()}, format="multipart"
    )
    assert response.status_code == 201
    entry = AuditLog.objects.get(action="PropertiesController.uploadMedia")
    assert entry.details["request"]["statusCode"] == 201
    assert Media.objects.unscoped().count() == 1
    assert entry.details["request"]["body"]["file"] == "[file photo.png, 70 bytes]"
