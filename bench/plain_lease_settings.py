"""Bench-only settings of ``bench/leases_load.py``: the bench settings with the lease URL conf."""

from plain_views_settings import *  # noqa: F403

ROOT_URLCONF = "plain_lease_urls"
