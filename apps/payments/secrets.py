"""Encryption at rest of the landlords' Stripe secrets (spec 05 open question 14).

Secret keys and webhook secrets are stored as Fernet tokens. The keys come from the setting
``PAYMENT_ENCRYPTION_KEYS`` (env ``PAYMENT_ENCRYPTION_KEYS``: comma-separated Fernet keys, newest
first). Without it a key is derived from ``SECRET_KEY`` (development only, as the JWT secret is).

Rotation: put a new key in front of the list, keep the old ones behind it, run
``manage.py rotate_payment_secrets`` (re-encrypts every stored secret with the first key), then
drop the old keys. :class:`cryptography.fernet.MultiFernet` decrypts with any listed key.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models
from django.db.models.query_utils import DeferredAttribute


def derived_key(secret: str) -> bytes:
    """A Fernet key derived from ``secret`` (used when no key is configured)."""
    digest = hashlib.sha256(f"myte-payment-secrets:{secret}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


def cipher() -> MultiFernet:
    configured = [key.strip() for key in getattr(settings, "PAYMENT_ENCRYPTION_KEYS", []) if key.strip()]
    keys = [key.encode() for key in configured] or [derived_key(settings.SECRET_KEY)]
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(value: str) -> str:
    return cipher().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return cipher().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ValueError("A stored payment secret cannot be decrypted with the configured keys") from exc


def rotate(token: str) -> str:
    return cipher().rotate(token.encode()).decode()


class EncryptedSecret:
    """A readable value that never prints itself (repr, str, logs, admin)."""

    __slots__ = ("_value",)

    def __init__(self, value: str):
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "EncryptedSecret('***')"

    __str__ = __repr__

    def __eq__(self, other) -> bool:
        return isinstance(other, EncryptedSecret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


class _SecretAttribute(DeferredAttribute):
    """Whatever is assigned is held as an :class:`EncryptedSecret`, so it never prints."""

    def __set__(self, instance, value):
        if value is not None and not isinstance(value, EncryptedSecret):
            value = EncryptedSecret(str(value))
        instance.__dict__[self.field.attname] = value


class EncryptedTextField(models.TextField):
    """Stores a Fernet token; reads back an :class:`EncryptedSecret` (``.reveal()`` for the text)."""

    descriptor_class = _SecretAttribute

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return EncryptedSecret(decrypt(value))

    def to_python(self, value):
        if value is None or isinstance(value, EncryptedSecret):
            return value
        return EncryptedSecret(str(value))

    def get_prep_value(self, value):
        if value is None:
            return None
        if isinstance(value, EncryptedSecret):
            value = value.reveal()
        return encrypt(str(value))

    def value_to_string(self, obj):
        return "***"
