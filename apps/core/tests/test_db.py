"""``apps.core.db.atomic`` works as a decorator and a context manager and rolls back on error."""

from __future__ import annotations

import pytest
from django.db import connection

from apps.core.db import atomic, on_commit
from apps.core.models import AuditLog

pytestmark = pytest.mark.django_db(transaction=True)


def test_context_manager_commits_and_rolls_back():
    with atomic():
        AuditLog.objects.create(user_id="u", action="kept")
    with pytest.raises(ValueError), atomic():
        AuditLog.objects.create(user_id="u", action="dropped")
        raise ValueError("fail")
    assert list(AuditLog.objects.values_list("action", flat=True)) == ["kept"]


def test_decorator_forms():
    @atomic
    def plain():
        AuditLog.objects.create(user_id="u", action="plain")
        assert connection.in_atomic_block

    @atomic(using="default")
    def failing():
        AuditLog.objects.create(user_id="u", action="failing")
        raise RuntimeError("no")

    plain()
    with pytest.raises(RuntimeError):
        failing()
    assert list(AuditLog.objects.values_list("action", flat=True)) == ["plain"]


def test_nested_blocks_roll_back_only_the_inner_one():
    with atomic():
        AuditLog.objects.create(user_id="u", action="outer")
        with pytest.raises(KeyError), atomic():
            AuditLog.objects.create(user_id="u", action="inner")
            raise KeyError("x")
    assert list(AuditLog.objects.values_list("action", flat=True)) == ["outer"]


def test_on_commit_runs_after_the_outermost_commit_only():
    calls = []
    with atomic():
        on_commit(lambda: calls.append("done"))
        assert calls == []
    assert calls == ["done"]
    with pytest.raises(ValueError), atomic():
        on_commit(lambda: calls.append("never"))
        raise ValueError
    assert calls == ["done"]
