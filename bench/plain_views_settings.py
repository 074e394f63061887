"""Bench-only settings: the project's settings on a separate SQLite file, bench URL conf.

Used by ``bench/properties_load.py`` (never by the application). The database file comes from
``BENCH_DB``; rate limiting is off (the benchmark would trip it), everything else is production-like.
"""

import os

from myte.settings import *  # noqa: F403

_BENCH_URL = os.environ.get("BENCH_DATABASE_URL")
DATABASES = {  # noqa: F405
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("BENCH_DB", "bench/out/properties.sqlite3"),
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }
}
ROOT_URLCONF = "plain_views_urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
RATE_LIMIT_ENABLED = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
if _BENCH_URL:
    import environ

    # as the project's settings do for PostgreSQL: psycopg's pool (ASGI serves each request on its
    # own thread, so persistent connections would not be reused)
    DATABASES = {
        "default": {
            **environ.Env.db_url_config(_BENCH_URL),
            "CONN_MAX_AGE": 0,
            "OPTIONS": {"pool": {"min_size": 1, "max_size": 10, "timeout": 10}},
        }
    }
