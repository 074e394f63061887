"""The background writer of read audits: entries leave the request path and are bulk-inserted.

``AUDIT_READ_WRITER`` chooses how (default: ``redis`` when Redis is configured, else ``buffer``):

* ``redis``: the request pushes the entry (JSON) onto the Redis list :data:`REDIS_KEY` and, at most
  once per second, enqueues :func:`drain_redis` on the ``default`` RQ queue; the worker moves the
  list into the table in batches. The ``drainAuditLog`` scheduler slot drains it every minute too,
  in case an enqueue was lost. If Redis refuses the push, the entry goes to the in-process buffer.
* ``buffer``: an in-process list flushed by a daemon thread every ``AUDIT_FLUSH_INTERVAL`` seconds
  (0.1) and at interpreter exit.
* ``inline``: written at once (the test suite's default: tests assert entries right after a call).

What a crash can drop (documented in docs/operations.md): in ``buffer`` mode, the entries of the last
flush interval of the process that died (about 100 ms of reads), or up to ``AUDIT_BUFFER_MAX``
entries while the database refuses writes; in ``redis`` mode nothing the list holds is lost when a
web process dies, and a worker that dies mid-batch leaves its batch in the list (a batch is removed
only after its insert), so it is inserted again: duplicates of at most one batch, never losses.
Entries the database refuses (after sanitizing, nothing should) are logged and dropped.
"""

from __future__ import annotations

import atexit
import json
import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.utils.dateparse import parse_datetime

from apps.core.models import AuditLog

logger = logging.getLogger("myte.audit")

REDIS_KEY = "myte:audit:reads"
REDIS_SCHEDULED_KEY = "myte:audit:drain-scheduled"
REDIS_LOCK_KEY = "myte:audit:drain-lock"
BATCH_SIZE = 500


def mode() -> str:
    return settings.AUDIT_READ_WRITER


def submit(entry: AuditLog) -> None:
    """Queue one unsaved entry for the background writer (or write it now in ``inline`` mode)."""
    current = mode()
    if current == "inline":
        _insert([entry])
        return
    if current == "redis" and _push_redis(entry):
        return
    BUFFER.add(entry)


# -- in-process buffer ------------------------------------------------------------------------
class AuditBuffer:
    """Entries of this process, flushed by a daemon thread and at exit."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[AuditLog] = []
        self._thread: threading.Thread | None = None
        self.dropped = 0

    def add(self, entry: AuditLog) -> None:
        with self._lock:
            if len(self._entries) >= settings.AUDIT_BUFFER_MAX:
                self.dropped += 1
                if self.dropped == 1 or self.dropped % 1000 == 0:
                    logger.error("Audit buffer full: %s read entries dropped", self.dropped)
                return
            self._entries.append(entry)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="audit-writer", daemon=True)
                self._thread.start()

    def pending(self) -> int:
        return len(self._entries)

    def flush(self) -> int:
        """Insert what is buffered now; returns how many entries were written."""
        with self._lock:
            entries, self._entries = self._entries, []
        if not entries:
            return 0
        written = 0
        for start in range(0, len(entries), BATCH_SIZE):
            written += _insert(entries[start : start + BATCH_SIZE])
        return written

    def _run(self) -> None:
        from django.db import connection

        try:
            while True:
                time.sleep(settings.AUDIT_FLUSH_INTERVAL)
                self.flush()
                with self._lock:
                    if not self._entries:
                        self._thread = None
                        return
        finally:
            connection.close()


BUFFER = AuditBuffer()
atexit.register(BUFFER.flush)


def _insert(entries: list[AuditLog]) -> int:
    """Bulk-insert ``entries``; on failure retry one by one, logging and dropping bad ones."""
    from apps.core.db import atomic

    try:
        with atomic():
            AuditLog.objects.bulk_create(entries)
        return len(entries)
    except Exception:  # noqa: BLE001 - a background writer logs; nothing to answer
        logger.exception("Bulk insert of %s audit entries failed; retrying one by one", len(entries))
    written = 0
    for entry in entries:
        try:
            with atomic():
                AuditLog.objects.bulk_create([entry])
            written += 1
        except Exception:  # noqa: BLE001
            logger.exception("Dropped the audit entry %s", entry.action)
    return written


# -- Redis list -------------------------------------------------------------------------------
def _redis():
    """The Redis client of the ``default`` queue, kept per process (one connection pool, not a
    new connection for every audited read)."""
    from apps.core.jobs import rq_queue

    return rq_queue("default").connection


def _encode(entry: AuditLog) -> str:
    return json.dumps(
        {
            "id": str(entry.pk),
            "userId": entry.user_id,
            "action": entry.action,
            "details": entry.details,
            "createdAt": entry.created_at.isoformat(),
        }
    )


def _decode(raw: bytes | str) -> AuditLog:
    data: dict[str, Any] = json.loads(raw)
    return AuditLog(
        id=data["id"],
        user_id=data["userId"],
        action=data["action"],
        details=data["details"],
        created_at=parse_datetime(data["createdAt"]),
    )


def _push_redis(entry: AuditLog) -> bool:
    """One round trip: append the entry and learn whether a drain was asked for this second."""
    try:
        connection = _redis()
        pipe = connection.pipeline(transaction=False)
        pipe.rpush(REDIS_KEY, _encode(entry))
        pipe.set(REDIS_SCHEDULED_KEY, "1", nx=True, ex=1)
        _, first_in_second = pipe.execute()
    except Exception as exc:  # noqa: BLE001 - Redis down: the in-process buffer takes it
        logger.warning("Could not queue a read audit entry in Redis (%s); buffering it", exc)
        return False
    if first_in_second:
        try:
            from apps.core.jobs import rq_queue

            rq_queue("default").enqueue("apps.core.audit_writer.drain_redis")
        except Exception as exc:  # noqa: BLE001 - the entry is queued; the minute slot drains it
            logger.warning("Could not enqueue the audit drain (%s)", exc)
    return True


def drain_redis(*, max_batches: int = 1000) -> int:
    """Move queued read entries from Redis into the table (the worker's job). Returns the count.

    One drainer at a time (a lock with a timeout); a batch leaves the list only after its insert.
    """
    connection = _redis()
    if not connection.set(REDIS_LOCK_KEY, "1", nx=True, ex=60):
        return 0
    written = 0
    try:
        for _ in range(max_batches):
            raw = connection.lrange(REDIS_KEY, 0, BATCH_SIZE - 1)
            if not raw:
                break
            entries = []
            for item in raw:
                try:
                    entries.append(_decode(item))
                except (ValueError, KeyError, TypeError):
                    logger.error("Dropped an unreadable audit entry from Redis")
            written += _insert(entries) if entries else 0
            connection.ltrim(REDIS_KEY, len(raw), -1)
    finally:
        connection.delete(REDIS_LOCK_KEY)
    return written


def drain_job() -> int:
    """The scheduler's entry point: drain Redis (when used) and this process's buffer."""
    written = BUFFER.flush()
    if mode() == "redis":
        written += drain_redis()
    return written
