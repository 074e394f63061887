"""Settings of the Myte Estates API.

Everything is configured from environment variables (see ``.env.example``). With no environment
at all the project runs on its embedded defaults: SQLite, the in-memory channel layer, jobs run
in-process after commit, media in a local folder and email printed to the console. Each real
service switches on when its variables are set.
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from apps.core.env import env_bool, env_csv, env_first, env_int, local_secret, parse_duration

BASE_DIR = Path(__file__).resolve().parent.parent

if env_bool("DJANGO_READ_DOT_ENV_FILE", default=True) and (BASE_DIR / ".env").exists():
    import environ

    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --------------------------------------------------------------------------------------------
# Mode
# --------------------------------------------------------------------------------------------
ENVIRONMENT = (env_first("DJANGO_ENV", "NODE_ENV", default="development") or "").lower()
IS_PRODUCTION = ENVIRONMENT == "production"
TESTING = "pytest" in sys.modules or env_bool("MYTE_TESTING")

SECRET_KEY = env_first("DJANGO_SECRET_KEY", "SECRET_KEY", "JWT_SECRET", default=None)
JWT_SECRET = env_first("JWT_SECRET", default=None)
if IS_PRODUCTION:
    missing = [
        name
        for name, value in (("JWT_SECRET", JWT_SECRET), ("DJANGO_SECRET_KEY", SECRET_KEY))
        if not value or value.startswith("dev-insecure") or len(value) < 32
    ]
    if missing:
        raise ImproperlyConfigured(
            "Production mode needs real secrets of at least 32 characters: " + ", ".join(missing)
        )
# Outside production, unset secrets are random values generated on first start and kept in an
# ignored folder (LOCAL_SECRETS_DIR, default .secrets/): no constant key, sessions survive restarts.
LOCAL_SECRETS_DIR = Path(env_first("LOCAL_SECRETS_DIR", default=str(BASE_DIR / ".secrets")))
JWT_SECRET = JWT_SECRET or SECRET_KEY or local_secret(LOCAL_SECRETS_DIR / "jwt_secret")
SECRET_KEY = SECRET_KEY or local_secret(LOCAL_SECRETS_DIR / "django_secret_key")

DEBUG = env_bool("DJANGO_DEBUG", default=not IS_PRODUCTION and not TESTING)
ALLOWED_HOSTS = env_csv("DJANGO_ALLOWED_HOSTS", "ALLOWED_HOSTS") or ([] if IS_PRODUCTION else ["*"])
if IS_PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Production mode needs DJANGO_ALLOWED_HOSTS")

PORT = env_int("APP_PORT", "PORT", "PORT_PROD" if IS_PRODUCTION else "PORT_DEV", default=3000)

# --------------------------------------------------------------------------------------------
# Database: DATABASE_URL (or the original's DB_URL + MONGO_DB_NAME) chooses the engine.
# --------------------------------------------------------------------------------------------
DATABASE_URL = env_first("DATABASE_URL", "DB_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
IS_MONGO_DB = DATABASE_URL.startswith(("mongodb://", "mongodb+srv://"))
# MONGO_LAYOUT=1 uses the MongoDB app layout on in-memory SQLite, for offline checks.
IS_MONGO = IS_MONGO_DB or env_bool("MONGO_LAYOUT")
MONGO_AUTO_FIELD = "django_mongodb_backend.fields.ObjectIdAutoField"

if IS_MONGO_DB:
    from urllib.parse import urlparse

    _mongo_name = (
        env_first("MONGO_DB_NAME", "MONGODB_NAME") or urlparse(DATABASE_URL).path.lstrip("/").split("?")[0]
    )
    DATABASES = {
        "default": {
            "ENGINE": "django_mongodb_backend",
            "HOST": DATABASE_URL,
            "NAME": _mongo_name or "myte",
            "OPTIONS": {},
        }
    }
elif IS_MONGO:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
else:
    import environ

    DATABASES = {"default": environ.Env.db_url_config(DATABASE_URL)}
    DATABASES["default"].setdefault("CONN_MAX_AGE", env_int("DB_CONN_MAX_AGE", default=0))
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
        "DB_POOL", default=not TESTING
    ):
        # psycopg's pool: connections are reused across requests (ASGI serves each request on
        # its own thread, so Django's persistent connections would not be; its docs advise a pool).
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env_int("DB_POOL_MIN_SIZE", default=1),
            "max_size": env_int("DB_POOL_MAX_SIZE", default=10),
            "timeout": env_int("DB_POOL_TIMEOUT", default=10),
        }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }

DEFAULT_AUTO_FIELD = MONGO_AUTO_FIELD if IS_MONGO else "django.db.models.BigAutoField"

# --------------------------------------------------------------------------------------------
# Applications
# --------------------------------------------------------------------------------------------
if IS_MONGO:
    CONTRIB_APPS = [
        "myte.apps.MongoAdminConfig",
        "myte.apps.MongoAuthConfig",
        "myte.apps.MongoContentTypesConfig",
    ]
    GUARDIAN_APP = "myte.apps.MongoGuardianConfig"
    RQ_APP = "myte.apps.MongoDjangoRqConfig"
    MIGRATION_MODULES = {
        label: f"mongo_migrations.{label}"
        for label in ("admin", "auth", "contenttypes", "guardian", "django_rq")
    }
else:
    CONTRIB_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes"]
    GUARDIAN_APP = "guardian"
    RQ_APP = "django_rq"

INSTALLED_APPS = [
    "daphne",
    *CONTRIB_APPS,
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    RQ_APP,
    "channels",
    GUARDIAN_APP,
    "apps.core",
    "apps.accounts",
    "apps.messaging",
    "apps.properties",
    "apps.media",
    "apps.chat",
    "apps.notifications",
    "apps.tasks",
    "apps.schedules",
    "apps.ai",
    "apps.people",
    "apps.onboarding",
    "apps.console",
    "myte.apps.ProjectConfig",
    "apps.marketing",
    "apps.leases",
    "apps.maintenance",
    "apps.payments",
    "apps.expenses",
    "apps.kpi",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # inside CORS: its JSON errors (413, DEBUG pages replaced) carry the CORS headers too
    "apps.core.exceptions.JsonErrorMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "djangorestframework_camel_case.middleware.CamelCaseMiddleWare",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "myte.urls"
WSGI_APPLICATION = "myte.wsgi.application"
ASGI_APPLICATION = "myte.asgi.application"
APPEND_SLASH = False

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "apps.accounts.backends.StaffModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
PASSWORD_HASHERS = [
    "apps.accounts.hashers.BoundedArgon2idHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Argon2id per OWASP for a small machine (m=19 MiB, t=2, p=1); at most this many hashes at once
# per process (apps/accounts/hashers.py).
PASSWORD_ARGON2_MEMORY_KIB = env_int("PASSWORD_ARGON2_MEMORY_KIB", default=19 * 1024)
PASSWORD_ARGON2_TIME_COST = env_int("PASSWORD_ARGON2_TIME_COST", default=2)
PASSWORD_ARGON2_PARALLELISM = env_int("PASSWORD_ARGON2_PARALLELISM", default=1)
PASSWORD_HASH_CONCURRENCY = env_int("PASSWORD_HASH_CONCURRENCY", default=os.cpu_count() or 2)
if TESTING and not env_bool("MYTE_REAL_HASHER"):
    # Argon2 is deliberately slow; tests that check the hash format set MYTE_REAL_HASHER.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [path for path in (BASE_DIR / "static",) if path.is_dir()]
MEDIA_URL = "/uploads/"
MEDIA_ROOT = Path(env_first("MEDIA_UPLOAD_PATH", default=str(BASE_DIR / "uploads")))
# Private uploads (documents, attachments): never under the public /uploads/ mount; served only
# through expiring signed links.
MEDIA_PRIVATE_ROOT = Path(env_first("MEDIA_PRIVATE_PATH", default=f"{MEDIA_ROOT}-private"))
# Geocoding of Google Maps links (spec 00 section 14).
NOMINATIM_BASE_URL = env_first("NOMINATIM_BASE_URL", default="https://nominatim.openstreetmap.org")
GEOCODING_TIMEOUT_SECONDS = float(env_first("GEOCODING_TIMEOUT_SECONDS", default="5"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING
            else "whitenoise.storage.CompressedStaticFilesStorage"
        )
    },
}
MEDIA_DEFAULT_DISK = (env_first("MEDIA_DEFAULT_DISK", default="local") or "local").lower()
AWS_STORAGE_BUCKET_NAME = env_first("AWS_S3_BUCKET", "S3_BUCKET_NAME")
AWS_S3_REGION_NAME = env_first("AWS_S3_REGION", "AWS_REGION", default="us-east-1")
AWS_ACCESS_KEY_ID = env_first("AWS_ACCESS_KEY_ID")
AWS_SECRET_ACCESS_KEY = env_first("AWS_SECRET_ACCESS_KEY")
AWS_S3_ENDPOINT_URL = env_first("AWS_S3_ENDPOINT_URL")
AWS_S3_CUSTOM_DOMAIN = env_first("AWS_S3_BASE_URL")
AWS_QUERYSTRING_EXPIRE = env_int("AWS_QUERYSTRING_EXPIRE", default=3600)
if MEDIA_DEFAULT_DISK == "s3":
    if not AWS_STORAGE_BUCKET_NAME:
        raise ImproperlyConfigured("MEDIA_DEFAULT_DISK=s3 needs AWS_S3_BUCKET")
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}

# --------------------------------------------------------------------------------------------
# Redis: queues, channel layer and cache switch on with REDIS_URL or REDIS_HOST.
# --------------------------------------------------------------------------------------------
REDIS_DISABLE = env_bool("REDIS_DISABLE")
REDIS_URL = env_first("REDIS_URL")
if not REDIS_URL and env_first("REDIS_HOST"):
    _password = env_first("REDIS_PASSWORD")
    _auth = f":{_password}@" if _password else ""
    REDIS_URL = (
        f"redis://{_auth}{env_first('REDIS_HOST')}:{env_int('REDIS_PORT', default=6379)}/"
        f"{env_int('REDIS_DB', default=0)}"
    )
if REDIS_DISABLE:
    REDIS_URL = None
USE_REDIS = bool(REDIS_URL)

JOB_QUEUES = ("default", "email", "sms", "feedback-analysis")
RQ_QUEUES = {
    name: {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 300} for name in JOB_QUEUES
}
RQ_SHOW_ADMIN_LINK = True
# Jobs run in-process after commit when there is no Redis (the embedded mode), and in tests (which
# assert their effects); tests of the Redis path override it.
JOBS_RUN_INLINE = env_bool("JOBS_RUN_INLINE", default=not USE_REDIS or TESTING)
JOB_MAX_ATTEMPTS = env_int("JOB_MAX_ATTEMPTS", default=5)

# Audit log (apps.core.audit): changes are audited in their own transaction; reads go through a
# background writer ("redis" list drained by the worker, in-process "buffer", or "inline").
AUDIT_READ_WRITER = env_first(
    "AUDIT_READ_WRITER", default="inline" if TESTING else ("redis" if USE_REDIS else "buffer")
)
if AUDIT_READ_WRITER not in ("redis", "buffer", "inline"):
    raise ImproperlyConfigured("AUDIT_READ_WRITER must be redis, buffer or inline")
AUDIT_FLUSH_INTERVAL = float(env_first("AUDIT_FLUSH_INTERVAL", default="0.1"))
AUDIT_BUFFER_MAX = env_int("AUDIT_BUFFER_MAX", default=10_000)
# Entries older than this many days are purged daily (purgeAuditLogs); 0 keeps them forever.
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", default=90)

if USE_REDIS:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_first("CACHE_KEY_PREFIX", default="myte"),
        }
    }
    # "pubsub" (Redis PUBLISH/SUBSCRIBE: a group send is one PUBLISH and frames are pushed to
    # the process, no polling per message) or "core" (sorted sets + BZPOPMIN, messages wait in
    # Redis for a while). See bench/RESULTS.md, WebSocket fan-out.
    CHANNEL_LAYER_KIND = env_first("CHANNEL_LAYER_KIND", default="pubsub")
    if CHANNEL_LAYER_KIND not in ("pubsub", "core"):
        raise ImproperlyConfigured("CHANNEL_LAYER_KIND must be pubsub or core")
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": (
                "apps.core.channel_layers.BatchingPubSubChannelLayer"
                if CHANNEL_LAYER_KIND == "pubsub"
                else "channels_redis.core.RedisChannelLayer"
            ),
            "CONFIG": {"hosts": [REDIS_URL], "prefix": env_first("CHANNELS_PREFIX", default="myte")},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --------------------------------------------------------------------------------------------
# Authentication transport (spec 00 section 3)
# --------------------------------------------------------------------------------------------
JWT_EXPIRATION = env_first("JWT_EXPIRATION", default="15m")
REFRESH_TOKEN_TTL = env_first("REFRESH_TOKEN_TTL", default="30d")
AUTH_COOKIE_DOMAIN = env_first("AUTH_COOKIE_DOMAIN")
AUTH_COOKIE_SECURE = IS_PRODUCTION
SIMPLE_JWT = {
    "ALGORITHM": "HS256",
    "SIGNING_KEY": JWT_SECRET,
    "ACCESS_TOKEN_LIFETIME": parse_duration(JWT_EXPIRATION, timedelta(minutes=15)),
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "sub",
    "AUTH_HEADER_TYPES": ("Bearer",),
    "UPDATE_LAST_LOGIN": False,
}
LOGIN_MAX_ATTEMPTS = env_int("LOGIN_MAX_ATTEMPTS", default=5)
# Consecutive failures (per email and client address) are counted within this window.
LOGIN_FAILURE_WINDOW_MINUTES = env_int("LOGIN_FAILURE_WINDOW_MINUTES", default=15)
# A never-verified sign-up may be replaced by a new registration with its email only after this
# long, and only while it owns nothing (otherwise 409 and a new verification email to its owner).
REGISTRATION_GRACE_MINUTES = env_int("REGISTRATION_GRACE_MINUTES", default=60)

# --------------------------------------------------------------------------------------------
# HTTP: CORS, security headers, rate limits, client address
# --------------------------------------------------------------------------------------------
CORS_ALLOWED_ORIGINS = env_csv("CORS_ORIGINS_PROD" if IS_PRODUCTION else "CORS_ORIGINS_DEV")
CORS_ALLOW_ALL_ORIGINS = not CORS_ALLOWED_ORIGINS
CORS_ALLOW_CREDENTIALS = True
CORS_ALLOW_HEADERS = (
    "accept",
    "authorization",
    "content-type",
    "origin",
    "user-agent",
    "x-csrf-token",
    "x-requested-with",
)
CORS_EXPOSE_HEADERS = ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After")

TRUSTED_PROXIES = env_csv("TRUSTED_PROXIES")
RATE_LIMIT_ENABLED = env_bool("RATE_LIMIT_ENABLED", default=True)
RATE_LIMIT_GLOBAL = env_first("RATE_LIMIT_GLOBAL", default="60/minute")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if IS_PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^health"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env_csv("CSRF_TRUSTED_ORIGINS")

# --------------------------------------------------------------------------------------------
# Django REST Framework and the API conventions (spec 00)
# --------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["apps.core.authentication.JWTCookieAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": ["apps.core.renderers.ApiJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "apps.core.parsers.ApiJSONParser",
        "apps.core.parsers.ApiMultiPartParser",
        "apps.core.parsers.ApiFormParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "apps.core.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "apps.core.exceptions.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DATETIME_FORMAT": "%Y-%m-%dT%H:%M:%S.%fZ",
}
# Keys that stay as they are on the wire (spec 00 section 7).
WIRE_VERBATIM_KEYS = (
    "_id",
    "__v",
    "user_type",
    "organization_id",
    "model_type",
    # media records keep the original's snake_case field names (spec 03 section 1.3)
    "model_id",
    "file_name",
    "mime_type",
    "collection_name",
    "refresh_token",
    "access_token",
    "organization_info",
)
JSON_CAMEL_CASE = {
    "JSON_UNDERSCOREIZE": {
        "no_underscore_before_number": True,
        "ignore_keys": WIRE_VERBATIM_KEYS,
        "ignore_fields": ("details", "entity_data", "invitation_context", "metadata"),
    }
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Mytegroup Property Management API",
    "DESCRIPTION": (
        "REST API of the Myte Estates property-management platform. Authenticate with a bearer "
        "access token (`Authorization: Bearer <token>`) or the `access_token` cookie; "
        "cookie-authenticated unsafe requests also send the `X-CSRF-Token` header."
    ),
    "VERSION": "1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.contrib.djangorestframework_camel_case.camelize_serializer_fields",
        "drf_spectacular.hooks.postprocess_schema_enums",
        "apps.core.schema.align_path_parameters",
    ],
    "CAMELIZE_NAMES": False,
    "ENUM_NAME_OVERRIDES": {
        "UnitTypeEnum": "apps.properties.models.UnitType.values",
        "CollectionTypeEnum": "apps.schedules.models.CollectionType",
        "RoleEnum": "apps.accounts.models.User.Roles",
        "ChatMessageRoleEnum": "apps.ai.serializers.MESSAGE_ROLES",
        "TaskPriorityEnum": "apps.tasks.models.TaskPriority",
        "FeedbackPriorityEnum": "apps.marketing.models.FeedbackPriority.values",
        "LeaseStatusEnum": "apps.leases.models.LeaseStatus",
        "RentalPeriodStatusEnum": "apps.leases.models.RentalPeriodStatus",
        "PaymentStatusEnum": "apps.leases.models.PaymentStatus",
        "PaymentTypeEnum": "apps.leases.models.PaymentType",
        "RentIncreaseTypeEnum": "apps.leases.models.RentIncreaseType",
        "DepositStatusEnum": "apps.leases.models.DepositStatus",
        "RentRollStatusEnum": "apps.leases.serializers.RENT_ROLL_STATUSES",
        "AdminLeaseStatusEnum": "apps.leases.serializers.ADMIN_LEASE_STATUSES",
        "TicketStatusEnum": "apps.maintenance.models.TicketStatus.values",
        "TicketCategoryEnum": "apps.maintenance.models.TicketCategory.values",
        "SeedTicketCategoryEnum": "apps.maintenance.seed_views.SEED_CATEGORIES",
        "TicketPriorityEnum": "apps.maintenance.models.TicketPriority.values",
        "ExpenseStatusEnum": "apps.expenses.models.ExpenseStatus",
        "ExpenseCategoryEnum": "apps.expenses.models.ExpenseCategory",
    },
    "DISABLE_ERRORS_AND_WARNINGS": not DEBUG,
}

# --------------------------------------------------------------------------------------------
# Email, SMS and branding (spec 00 section 15, and the seed document's SMTP_* names)
# --------------------------------------------------------------------------------------------
EMAIL_HOST = env_first("EMAIL_HOST", "SMTP_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", "SMTP_PORT", default=587)
EMAIL_HOST_USER = env_first("EMAIL_USER", "SMTP_USER", default="") or ""
EMAIL_HOST_PASSWORD = env_first("EMAIL_PASS", "SMTP_PASSWORD", "SMTP_PASS", default="") or ""
EMAIL_USE_SSL = env_bool("EMAIL_SECURE", "SMTP_SECURE")
EMAIL_USE_TLS = not EMAIL_USE_SSL and EMAIL_PORT == 587 and env_bool("EMAIL_STARTTLS", default=True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env_first("EMAIL_FROM", "SMTP_FROM", default=EMAIL_HOST_USER) or (
    "MYTE <no-reply@localhost>"
)
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

BRAND_NAME = env_first("BRAND_NAME", default="MYTE")
BRAND_LOGO_URL = env_first("BRAND_LOGO_URL", default="")
BRAND_PRIMARY_COLOR = env_first("BRAND_PRIMARY_COLOR", default="#2563eb")
APP_BASE_URL = env_first("APP_BASE_URL", default=f"http://localhost:{PORT}")
# The web app, not this API (whose default port is 3000): the frontend's dev server by default.
CLIENT_BASE_URL = env_first("CLIENT_BASE_URL", "FRONTEND_URL", default="http://localhost:5173")
#: lifetime of a lease signing link (spec 05 L22)
SIGNATURE_TOKEN_EXPIRY_HOURS = env_int("SIGNATURE_TOKEN_EXPIRY_HOURS", default=72)

TWILIO_ACCOUNT_SID = env_first("TWILIO_ACCOUNT_SID")
TWILIO_AUTH_TOKEN = env_first("TWILIO_AUTH_TOKEN")
TWILIO_PHONE_NUMBER = env_first("TWILIO_PHONE_NUMBER")
TWILIO_ENABLED = env_bool("TWILIO_ENABLED") and bool(TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN)
TWILIO_BASE_URL = env_first("TWILIO_BASE_URL")

STRIPE_SECRET_KEY = env_first("STRIPE_SECRET_KEY")
STRIPE_PUBLISHABLE_KEY = env_first("STRIPE_PUBLISHABLE_KEY")
STRIPE_WEBHOOK_SECRET = env_first("STRIPE_WEBHOOK_SECRET")
STRIPE_API_BASE = env_first("STRIPE_API_BASE")
if TESTING and not STRIPE_API_BASE:
    # Tests never reach api.stripe.com: a dead local address unless a test starts the stand-in.
    STRIPE_API_BASE = "http://127.0.0.1:9"
#: Fernet keys (newest first) encrypting the landlords' Stripe secrets; see apps/payments/secrets.py
PAYMENT_ENCRYPTION_KEYS = env_csv("PAYMENT_ENCRYPTION_KEYS")
OPENAI_API_KEY = env_first("OPENAI_API_KEY")
OPENAI_BASE_URL = env_first("OPENAI_BASE_URL")
# AI features (spec 09): the landing chatbot's model, OpenAI call timeout, the AI service.
OPENAI_MARKETING_MODEL = env_first("OPENAI_MARKETING_MODEL", default="gpt-5.1")
OPENAI_TIMEOUT_SECONDS = float(env_first("OPENAI_TIMEOUT_SECONDS", default="30"))
AI_ENDPOINT = env_first("AI_ENDPOINT", default="http://localhost:8000")
AI_SERVICE_SECRET = env_first("AI_SERVICE_SECRET", default="")
# Feedback classification (spec 04 section 5): one model for both uses when set, else each
# use's default; the inbox that receives landing chat feedback, when set.
OPENAI_FEEDBACK_MODEL = env_first("OPENAI_FEEDBACK_MODEL")
FEEDBACK_INBOX_EMAIL = env_first("FEEDBACK_INBOX_EMAIL")

ADMIN_USERNAME = env_first("ADMIN_USERNAME", default="admin")
ADMIN_EMAIL = env_first("ADMIN_EMAIL")
ADMIN_PASSWORD = env_first("ADMIN_PASSWORD")

# --------------------------------------------------------------------------------------------
# Logging
# --------------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_first("LOG_LEVEL", default="INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}

GUARDIAN_ANONYMOUS_USER_NAME = None
ANONYMOUS_USER_NAME = None
