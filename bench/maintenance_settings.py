"""Bench-only settings of ``bench/maintenance_load.py``: as ``plain_views_settings``, own URL conf."""

from plain_views_settings import *  # noqa: F403

ROOT_URLCONF = "maintenance_urls"
