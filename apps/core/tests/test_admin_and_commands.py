"""The core's operator surfaces: Django admin pages for audit and jobs, management commands."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from apps.accounts.tests.factories import AdminUserFactory, LandlordUserFactory
from apps.core.models import AuditLog, OutboxJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(AdminUserFactory())
    return client


def test_admin_lists_audit_log_and_jobs(staff_client):
    AuditLog.objects.create(
        user_id="u1", action="UsersController.create", details={"request": {"statusCode": 201}}
    )
    OutboxJob.objects.create(task="apps.core.tests.tasks.record_delivery", payload={"marker": "a"})
    response = staff_client.get("/django-admin/core/auditlog/")
    assert response.status_code == 200
    assert b"UsersController.create" in response.content
    response = staff_client.get("/django-admin/core/outboxjob/")
    assert response.status_code == 200
    assert b"record_delivery" in response.content


def test_audit_log_is_read_only_in_admin(staff_client):
    entry = AuditLog.objects.create(user_id="u1", action="A.b")
    assert staff_client.get("/django-admin/core/auditlog/add/").status_code == 403
    response = staff_client.post(f"/django-admin/core/auditlog/{entry.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditLog.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_admin_retry_action_runs_failed_jobs_again():
    client = Client()
    client.force_login(AdminUserFactory())
    job = OutboxJob.objects.create(
        task="apps.core.tests.tasks.record_delivery",
        payload={"marker": "retry"},
        status=OutboxJob.Status.FAILED,
        attempts=5,
        last_error="RuntimeError: earlier",
    )
    response = client.post(
        "/django-admin/core/outboxjob/",
        {"action": "retry_jobs", "_selected_action": [str(job.pk)]},
    )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == OutboxJob.Status.DONE
    assert job.attempts == 1
    assert AuditLog.objects.filter(action="test.delivered").count() == 1


def test_non_staff_users_cannot_open_the_admin():
    client = Client()
    client.force_login(LandlordUserFactory())
    response = client.get("/django-admin/core/auditlog/")
    assert response.status_code == 302
    assert "/django-admin/login/" in response["Location"]


@pytest.mark.redis
def test_rq_dashboard_is_staff_only(api_client, staff_client, use_redis):
    assert api_client.get("/django-rq/").status_code == 302
    assert staff_client.get("/django-rq/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_outbox_dispatch_command():
    OutboxJob.objects.create(task="apps.core.tests.tasks.record_delivery", payload={"marker": "cmd"})
    out = StringIO()
    call_command("outbox_dispatch", stdout=out)
    assert out.getvalue().strip() == "Dispatched 1 job(s)."
    assert OutboxJob.objects.get().status == OutboxJob.Status.DONE
