"""Shared fixtures: API clients for each kind of principal, a clean cache, the system scope."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from apps.core.scope import system_scope


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _private_media_folders(settings, tmp_path):
    """Uploads go to a per-test folder, never into the project's own ``uploads`` folders."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.MEDIA_PRIVATE_ROOT = tmp_path / "uploads-private"


@pytest.fixture(autouse=True)
def _system_scope_for_test_setup():
    """Test bodies build their fixtures as the system; API calls enter their own scope."""
    with system_scope():
        yield


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def auth_client():
    """``auth_client(user)`` is an APIClient that sends ``user``'s bearer token."""
    from tests.isolation import bearer_client

    return bearer_client


# Shared service fixtures: free_port, smtp_sink, redis_url, use_redis (tests/fixtures/services.py).
pytest_plugins = ["tests.fixtures.services", "tests.fixtures.openai_standin"]
