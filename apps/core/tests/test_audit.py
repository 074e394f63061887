"""Every change is audited or refused; reads are audited off the request path, size-capped."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from apps.accounts.tests.factories import LandlordStaffFactory, LandlordUserFactory
from apps.core import audit, audit_writer
from apps.core.models import AuditLog

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "N3w-Passw0rd!x"


@pytest.fixture
def staff_change(auth_client):
    landlord = LandlordUserFactory()
    staff = LandlordStaffFactory(organization_id=landlord.organization_id)
    return auth_client(landlord), landlord, staff


def _entry_of(user, action):
    return AuditLog.objects.filter(user_id=str(user.pk), action=action).latest("created_at")


# -- hostile bodies on a sensitive route (password change) ---------------------------------------
def test_escaped_nul_text_in_a_password_change_is_audited_verbatim(staff_change):
    client, landlord, staff = staff_change
    raw = json.dumps({"password": NEW_PASSWORD, "firstName": "x \\u0000 y"})
    response = client.generic("PATCH", f"/users/{staff.pk}", raw, content_type="application/json")
    assert response.status_code == 200
    staff.refresh_from_db()
    assert staff.check_password(NEW_PASSWORD)
    assert staff.first_name == "x \\u0000 y"
    entry = _entry_of(landlord, "UsersController.update")
    body = entry.details["request"]["body"]
    assert body["first_name"] == "x \\u0000 y"
    assert body["password"] == "[REDACTED]"
    assert NEW_PASSWORD not in json.dumps(entry.details)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_bodies_are_audited_as_text(staff_change, constant):
    client, landlord, staff = staff_change
    before = staff.password
    raw = json.dumps({"password": NEW_PASSWORD, "firstName": float(constant)})
    response = client.generic("PATCH", f"/users/{staff.pk}", raw, content_type="application/json")
    assert response.status_code == 400
    staff.refresh_from_db()
    assert staff.password == before
    entry = _entry_of(landlord, "UsersController.update")
    assert entry.details["request"]["body"]["first_name"] == str(float(constant))
    assert entry.details["request"]["statusCode"] == 400


def test_nul_characters_and_lone_surrogates_are_cleaned_from_the_value():
    value = {"a\x00b": ["x\x00y", "\ud800z", float("nan"), {"n": float("inf")}]}
    assert audit.sanitize(value) == {"ab": ["xy", "?z", "nan", {"n": "inf"}]}


def test_a_change_whose_audit_cannot_be_written_rolls_back(staff_change, monkeypatch):
    client, landlord, staff = staff_change
    before = staff.password

    def broken(*args, **kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr(AuditLog, "save", broken)
    response = client.patch(f"/users/{staff.pk}", {"password": NEW_PASSWORD}, format="json")
    assert response.status_code == 500
    assert response.json()["message"] == "Internal server error"
    staff.refresh_from_db()
    assert staff.password == before
    assert not staff.check_password(NEW_PASSWORD)


# -- size cap -------------------------------------------------------------------------------------
def test_list_envelopes_are_stored_as_ids_not_records():
    records = [
        {"_id": f"id-{index}", "name": "n" * 500, "nested": {"deep": list(range(50))}} for index in range(30)
    ]
    summary = audit.summarize({"data": records, "total": 30, "page": 1})
    assert summary["data"] == {"type": "array", "length": 30, "ids": [f"id-{index}" for index in range(25)]}
    assert summary["total"] == 30


def test_summaries_are_json_safe_though_bounded_before_sanitizing():
    import uuid
    from decimal import Decimal

    ids = [uuid.uuid4() for _ in range(12)]
    value = {
        "data": tuple({"_id": pk, "amount": Decimal("1.50")} for pk in ids),
        "tags": {"a\x00b"},
        "note": "bad \ud800 surrogate",
        "rows": [{"when": date(2026, 1, 2), "nan": float("nan")}],
    }
    summary = audit.summarize(value)
    json.dumps(summary)  # plain JSON, every engine's column accepts it
    assert summary["data"] == {"type": "array", "length": 12, "ids": [str(pk) for pk in ids]}
    assert summary["tags"] == ["ab"]
    assert summary["note"] == "bad ? surrogate"
    assert summary["rows"] == [{"when": "2026-01-02", "nan": "nan"}]
    big = {"_id": ids[0], **{f"key{index}": "v" * 900 for index in range(15)}}
    assert audit.summarize(big)["id"] == str(ids[0])


def test_every_section_is_capped():
    huge = {f"key{index}": "v" * 900 for index in range(20)}
    summary = audit.summarize(huge)
    assert summary["truncated"] is True and summary["bytes"] > audit.MAX_SECTION_BYTES
    assert len(json.dumps(summary)) < 200
    deep = {"a": {"b": {"c": {"d": {"e": {"f": 1}}}}}}
    assert len(json.dumps(audit.summarize(deep))) < 200
    assert len(audit.summarize("s" * 5000)) < 1100


def test_a_list_read_stores_a_small_entry(auth_client):
    from apps.properties.tests.factories import PropertyFactory

    user = LandlordUserFactory()
    for _ in range(12):
        PropertyFactory(landlord_id=user.organization_id, description="d" * 1000)
    response = auth_client(user).get("/properties?limit=12")
    assert response.status_code == 200 and len(response.json()["data"]) == 12
    entry = _entry_of(user, "PropertiesController.findAll")
    assert entry.details["response"]["data"]["length"] == 12
    assert len(json.dumps(entry.details)) < 3000


# -- reads leave the request path --------------------------------------------------------------
def _entry(action: str) -> AuditLog:
    return audit.audit_entry(user_id="u-1", action=action, details={"request": {"path": "/x"}})


@pytest.mark.django_db(transaction=True)
def test_buffered_read_entries_arrive_within_the_flush_interval(settings):
    settings.AUDIT_READ_WRITER = "buffer"
    settings.AUDIT_FLUSH_INTERVAL = 0.05
    for index in range(3):
        audit_writer.submit(_entry(f"Buffered.read{index}"))
    assert audit_writer.BUFFER.pending() == 3
    deadline = time.monotonic() + 5
    while AuditLog.objects.filter(action__startswith="Buffered.").count() < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert AuditLog.objects.filter(action__startswith="Buffered.").count() == 3
    assert audit_writer.BUFFER.pending() == 0


def test_a_full_buffer_drops_and_counts(settings):
    settings.AUDIT_BUFFER_MAX = 2
    buffer = audit_writer.AuditBuffer()
    buffer._thread = type("Alive", (), {"is_alive": staticmethod(lambda: True)})()
    for index in range(4):
        buffer.add(_entry(f"Full.{index}"))
    assert buffer.pending() == 2 and buffer.dropped == 2
    assert buffer.flush() == 2
    assert AuditLog.objects.filter(action__startswith="Full.").count() == 2


def test_redis_read_entries_are_drained_by_the_worker_job(settings, use_redis):
    settings.AUDIT_READ_WRITER = "redis"
    import django_rq

    for index in range(3):
        audit_writer.submit(_entry(f"Redis.read{index}"))
    connection = django_rq.get_connection("default")
    assert connection.llen(audit_writer.REDIS_KEY) == 3
    queued = [job.func_name for job in django_rq.get_queue("default").jobs]
    assert queued.count("apps.core.audit_writer.drain_redis") == 1
    assert not AuditLog.objects.filter(action__startswith="Redis.").exists()
    assert audit_writer.drain_job() == 3
    assert sorted(AuditLog.objects.filter(action__startswith="Redis.").values_list("action", flat=True)) == [
        "Redis.read0",
        "Redis.read1",
        "Redis.read2",
    ]
    assert connection.llen(audit_writer.REDIS_KEY) == 0


def test_redis_down_falls_back_to_the_buffer(settings):
    settings.AUDIT_READ_WRITER = "redis"
    settings.RQ_QUEUES = {name: {"URL": "redis://127.0.0.1:1/0"} for name in settings.JOB_QUEUES}
    buffer = audit_writer.AuditBuffer()
    buffer._thread = type("Alive", (), {"is_alive": staticmethod(lambda: True)})()
    original, audit_writer.BUFFER = audit_writer.BUFFER, buffer
    try:
        audit_writer.submit(_entry("Fallback.read"))
        assert buffer.pending() == 1
        buffer.flush()
    finally:
        audit_writer.BUFFER = original
    assert AuditLog.objects.filter(action="Fallback.read").exists()


# -- retention ------------------------------------------------------------------------------------
def test_purge_keeps_the_retention_window(settings):
    settings.AUDIT_RETENTION_DAYS = 30
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=31), tick=False):
        audit.audit_record(user_id="u", action="Old.one", details={})
    with time_machine.travel(now - timedelta(days=29), tick=False):
        audit.audit_record(user_id="u", action="Recent.one", details={})
    with time_machine.travel(now, tick=False):
        assert audit.audit_purge(batch_size=1) == 1
    assert list(AuditLog.objects.values_list("action", flat=True)) == ["Recent.one"]


def test_purge_is_off_with_zero_days(settings):
    settings.AUDIT_RETENTION_DAYS = 0
    AuditLog.objects.create(user_id="u", action="Kept", created_at=timezone.now() - timedelta(days=5000))
    assert audit.audit_purge() == 0
    assert AuditLog.objects.count() == 1


def test_a_change_the_database_refuses_is_undone_answered_400_and_audited(auth_client, monkeypatch):
    """On PostgreSQL a refused statement aborts the transaction: the handler's savepoint is rolled
    back so the audit entry can still be written (and the half-done change does not land)."""
    from django.db import DataError, connection

    from apps.properties import services
    from apps.properties.models import Property
    from apps.properties.tests.factories import PropertyFactory

    user = LandlordUserFactory()
    prop = PropertyFactory(landlord_id=user.organization_id, name="Before")

    def half_done(*, prop, data):
        Property.objects.unscoped().filter(pk=prop.pk).update(name="Half done")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1/0")  # division_by_zero: a DataError that aborts the transaction
        raise DataError("value refused")

    monkeypatch.setattr(services, "property_update", half_done)
    response = auth_client(user).patch(f"/properties/{prop.pk}", {"name": "After"}, format="json")
    assert response.status_code == 400
    prop.refresh_from_db()
    assert prop.name == "Before"
    entry = _entry_of(user, "PropertiesController.update")
    assert entry.details["request"]["statusCode"] == 400
