from __future__ import annotations

import pytest

from apps.accounts.models import Landlord
from apps.accounts.tests.factories import (
    AdminUserFactory,
    ContractorUserFactory,
    LandlordStaffFactory,
    LandlordUserFactory,
    TenantUserFactory,
)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.MEDIA_DEFAULT_DISK = "local"
    settings.APP_BASE_URL = "http://testserver"


@pytest.fixture
def no_rate_limit(settings):
    """For tests that send many requests from one client (matrices, fuzzing)."""
    settings.RATE_LIMIT_ENABLED = False


@pytest.fixture
def landlord_user(db):
    return LandlordUserFactory()


@pytest.fixture
def landlord(landlord_user):
    return Landlord.objects.get(pk=landlord_user.organization_id)


@pytest.fixture
def staff_user(landlord):
    return LandlordStaffFactory(organization_id=landlord.pk)


@pytest.fixture
def other_landlord_user(db):
    return LandlordUserFactory()


@pytest.fixture
def tenant_user(db):
    return TenantUserFactory()


@pytest.fixture
def contractor_user(db):
    return ContractorUserFactory()


@pytest.fixture
def admin_user(db):
    return AdminUserFactory()


@pytest.fixture
def nominatim(settings):
    """A stand-in Nominatim on 127.0.0.1, wired through ``NOMINATIM_BASE_URL``."""
    from apps.properties.tests.helpers import StandInServer

    with StandInServer() as server:
        settings.NOMINATIM_BASE_URL = server.base_url
        yield server
