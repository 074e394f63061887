"""Hardening found in review: bad input is a 4xx, credentials leave the outbox, one set of user
rules serves ``/users`` and the organization sub-user routes, lists cost a constant number of
queries."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.accounts.emails import REDACTED
from apps.accounts.models import Session, Tenant, User
from apps.accounts.tests.factories import (
    AdminUserFactory,
    ContractorOrgFactory,
    ContractorUserFactory,
    LandlordFactory,
    LandlordUserFactory,
    TenantOrgFactory,
    TenantUserFactory,
)
from apps.core.models import OutboxJob
from apps.people.tests.factories import STRONG_PASSWORD, make_invitation

pytestmark = pytest.mark.django_db


def _member(**extra) -> dict:
    suffix = uuid.uuid4().hex[:6]
    return {
        "username": f"member{suffix}",
        "firstName": "Mem",
        "lastName": "Ber",
        "email": f"member{suffix}@example.com",
        "password": STRONG_PASSWORD,
        **extra,
    }


# -- bad input is a 4xx, never a 500 ------------------------------------------------------------------

BAD_AS_LANDLORD = [
    ("get", "/users?isPrimary=maybe", None),
    ("get", "/users?organizationId=nope", None),
    ("get", "/users?page=0", None),
    ("get", "/users?limit=1000", None),
    ("get", "/users?sortBy=password", None),
    ("get", "/users/not-a-uuid", None),
    ("post", "/users", {**_member(), "user_type": ["Tenant"]}),
    ("post", "/users", {**_member(), "user_type": "Landlord", "isPrimary": "perhaps"}),
    ("post", "/users", ["not", "an", "object"]),
    ("patch", "/users/not-a-uuid", {"username": "x"}),
    ("post", "/invitations", {"entityType": "tenant", "email": "a@example.com", "entityData": "text"}),
    ("post", "/invitations", {"entityType": {"x": 1}, "email": "a@example.com"}),
    ("get", "/invitations?status=lost", None),
    ("patch", "/invitations/123/revoke", None),
    ("delete", "/invitations/123", None),
    ("post", "/onboarding/org", {"name": {"nested": True}}),
    ("post", "/onboarding/org", {"name": 42}),
    ("post", "/onboarding/tenant", {"email": "t@example.com", "propertyId": "bad"}),
    ("post", "/onboarding/staff", {"email": ["a@example.com"]}),
    ("get", "/tenants?propertyId=bad", None),
    ("get", "/tenants?includeStats=sometimes", None),
    ("get", "/tenants/bad", None),
    ("patch", "/tenants/bad", {"name": "Renamed"}),
    ("patch", f"/tenants/{uuid.uuid4()}", {"name": None}),
    ("get", "/tenants/bad/users", None),
    ("patch", f"/tenants/{uuid.uuid4()}/users/bad", {"username": "x"}),
    ("get", "/contractors/bad", None),
    ("patch", f"/contractors/{uuid.uuid4()}", {"category": ["a"]}),
    ("delete", "/contractors/bad/remove-from-organization", None),
    ("post", "/auth/sessions/bad/revoke", None),
]


@pytest.mark.parametrize(("method", "path", "body"), BAD_AS_LANDLORD)
def test_bad_input_is_a_client_error(auth_client, method, path, body):
    client = auth_client(LandlordUserFactory())
    response = (
        getattr(client, method)(path, body, format="json")
        if body is not None
        else getattr(client, method)(path)
    )
    assert 400 <= response.status_code < 500, (path, response.status_code, response.content)
    assert response.json()["error"]


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b'["a", "list"]',
        b'{"email": 1, "password": {}}',
    ],
)
def test_malformed_public_bodies(api_client, body):
    for path in ("/auth/login", "/auth/register/landlord", "/auth/forgot-password", "/auth/reset-password"):
        response = api_client.post(path, body, content_type="application/json")
        assert response.status_code == 400, (path, response.content)


def test_admin_console_bad_ids_and_filters(auth_client):
    client = auth_client(AdminUserFactory())
    for path in (
        "/admin/users/x",
        "/admin/landlords/x",
        "/admin/tenants/x",
        "/admin/contractors/x",
        "/admin/audit-logs/x",
    ):
        assert client.get(path).status_code == 400, path
    for query in ("landlordId=x", "userType=Boss", "sortOrder=sideways", "limit=0"):
        assert client.get(f"/admin/users?{query}").status_code == 400, query
    assert client.get("/admin/audit-logs?userId=x").status_code == 400


# -- duplicates of soft-deleted values are a clean 422/400 --------------------------------------------


def test_soft_deleted_duplicates_are_4xx(auth_client, api_client):
    admin = LandlordUserFactory()
    client = auth_client(admin)
    ghost = LandlordUserFactory(organization_id=admin.organization_id, is_primary=False, username="ghost")
    ghost.soft_delete()
    body = {**_member(), "user_type": "Landlord", "username": "ghost"}
    assert client.post("/users", body, format="json").status_code == 422
    body = {**_member(), "user_type": "Landlord", "email": ghost.email}
    assert client.post("/users", body, format="json").status_code == 422
    assert client.patch(f"/users/{admin.pk}", {"email": ghost.email}, format="json").status_code == 422
    assert client.patch(f"/users/{admin.pk}", {"username": "ghost"}, format="json").status_code == 422

    gone = TenantOrgFactory(name="Gone Family")
    gone.soft_delete()
    response = client.post("/tenants", {**_member(), "name": "gone family"}, format="json")
    assert response.status_code == 422
    linked = TenantOrgFactory()
    linked.landlords.add(admin.organization_id)
    assert client.patch(f"/tenants/{linked.pk}", {"name": "Gone Family"}, format="json").status_code == 422
    response = client.post(f"/tenants/{linked.pk}/users", _member(username="ghost"), format="json")
    assert response.status_code == 422
    assert "already taken" in response.json()["message"]

    old_co = ContractorOrgFactory(name="Old Co")
    old_co.soft_delete()
    assert (
        client.post(
            "/contractors", {**_member(), "name": "Old Co", "category": "HVAC"}, format="json"
        ).status_code
        == 422
    )
    register = {**_member(username="ghost"), "name": "Fresh Family"}
    assert api_client.post("/auth/register/tenant", register, format="json").status_code == 400


# -- one implementation of the user rules -------------------------------------------------------------


def test_landlord_admin_creates_and_updates_users_of_a_linked_tenant(
    auth_client, django_capture_on_commit_callbacks
):
    admin = LandlordUserFactory()
    tenant = TenantOrgFactory()
    tenant.landlords.add(admin.organization_id)
    client = auth_client(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/tenants/{tenant.pk}/users", _member(role="SuperAdmin"), format="json")
    # the member body has no ``role`` at all
    assert response.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/tenants/{tenant.pk}/users", _member(), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["user_type"] == "Tenant" and body["organization_id"] == str(tenant.pk)
    assert body["isPrimary"] is True and body["role"] == "Tenant"  # first member: primary
    assert "password" not in body and body["profilePicture"] is None
    assert mail.outbox[-1].to == [body["email"]]  # welcome email, as POST /users
    second = client.post(f"/tenants/{tenant.pk}/users", _member(isPrimary=True), format="json")
    assert second.status_code == 422
    assert second.json()["message"].startswith("A primary user already exists for this tenant")
    response = client.patch(
        f"/tenants/{tenant.pk}/users/{body['_id']}",
        {"firstName": "  Renamed ", "role": "Tenant"},
        format="json",
    )
    assert response.status_code == 403
    assert response.json()["message"] == "You are not allowed to change user roles"
    response = client.patch(
        f"/tenants/{tenant.pk}/users/{body['_id']}", {"firstName": "  Renamed "}, format="json"
    )
    assert response.status_code == 200 and response.json()["firstName"] == "Renamed"


def test_landlord_admin_cannot_create_a_tenant_user_through_post_users(auth_client):
    admin = LandlordUserFactory()
    tenant = TenantOrgFactory()
    tenant.landlords.add(admin.organization_id)
    body = {**_member(), "user_type": "Tenant", "organization_id": str(tenant.pk)}
    assert auth_client(admin).post("/users", body, format="json").status_code == 403
    assert not User.objects.unscoped().filter(organization_id=tenant.pk).exists()


def test_member_delete_revokes_sessions(auth_client):
    admin = LandlordUserFactory()
    member = ContractorUserFactory()
    org_id = member.organization_id
    from apps.accounts.models import Contractor

    Contractor.objects.unscoped().get(pk=org_id).landlords.add(admin.organization_id)
    Session.objects.create(
        user=member, refresh_token_hash=uuid.uuid4().hex, expires_at="2999-01-01T00:00:00Z"
    )
    response = auth_client(admin).delete(f"/contractors/{org_id}/users/{member.pk}")
    assert response.status_code == 204
    assert not Session.objects.filter(user=member, revoked=False).exists()


def test_re_registration_of_an_unverified_tenant_keeps_its_name_free(api_client):
    body = {**_member(), "name": "Lake Family"}
    assert api_client.post("/auth/register/tenant", body, format="json").status_code == 201
    again = {**body, "username": body["username"] + "x"}
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):  # past the grace period
        assert api_client.post("/auth/register/tenant", again, format="json").status_code == 201
    assert Tenant.objects.unscoped().filter(name="Lake Family").count() == 1


# -- credentials leave the outbox once the email is sent ----------------------------------------------


def _job(template: str) -> OutboxJob:
    jobs = [
        job
        for job in OutboxJob.objects.filter(task="apps.accounts.emails.send_credential_email_job")
        if job.payload.get("template") == template
    ]
    assert len(jobs) == 1, f"expected one {template} job, found {len(jobs)}"
    return jobs[0]


def test_reset_token_is_scrubbed_from_the_sent_job(api_client, django_capture_on_commit_callbacks):
    user = LandlordUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            api_client.post("/auth/forgot-password", {"email": user.email}, format="json").status_code == 201
        )
    assert "/reset-password/" in mail.outbox[-1].body
    job = _job("password-reset")
    assert job.status == OutboxJob.Status.DONE
    assert job.payload["context"]["reset_url"] == REDACTED
    assert job.payload["context"]["username"] == user.username


def test_verification_link_and_code_are_scrubbed(auth_client, django_capture_on_commit_callbacks):
    user = LandlordUserFactory(email_verified_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert auth_client(user).post("/auth/verify-email/request").status_code == 201
    job = _job("verify-email")
    assert job.status == OutboxJob.Status.DONE
    assert job.payload["context"]["verify_url"] == REDACTED
    assert job.payload["context"]["code"] == REDACTED


def test_invitation_link_is_scrubbed(auth_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client(LandlordUserFactory()).post(
            "/invitations", {"entityType": "tenant", "email": "new@example.com"}, format="json"
        )
    assert response.status_code == 201
    assert "/invitation/" in mail.outbox[-1].body
    job = _job("invitation")
    assert job.payload["context"]["invitation_url"] == REDACTED
    assert "invitationToken" not in response.json()


def test_a_failed_send_keeps_the_payload_for_the_retry(
    api_client, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(**kwargs):
        raise ConnectionError("smtp down")

    monkeypatch.setattr("apps.messaging.jobs.send_email_job", broken)
    user = LandlordUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        api_client.post("/auth/forgot-password", {"email": user.email}, format="json")
    job = _job("password-reset")
    assert job.status == OutboxJob.Status.PENDING
    assert "/reset-password/" in job.payload["context"]["reset_url"]


# -- lists: constant query counts ------------------------------------------------------------------------


def _counts(client, path: str, sizes=(2, 8)) -> list[int]:
    counts = []
    for size in sizes:
        with CaptureQueriesContext(connection) as context:
            response = client.get(path, {"limit": size} if "?" not in path else None)
            assert response.status_code == 200, response.content
        counts.append(len(context.captured_queries))
    return counts


def test_session_list_query_count_is_constant(auth_client):
    user = LandlordUserFactory()
    client = auth_client(user)
    for size in (2, 8):
        Session.objects.filter(user=user).delete()
        for _ in range(size):
            Session.objects.create(
                user=user, refresh_token_hash=uuid.uuid4().hex, expires_at="2999-01-01T00:00:00Z"
            )
        with CaptureQueriesContext(connection) as context:
            assert len(client.get("/auth/sessions").json()["data"]) == size
        if size == 2:
            small = len(context.captured_queries)
    assert len(context.captured_queries) == small


def test_landlord_names_query_count_is_constant(auth_client):
    client = auth_client(AdminUserFactory())
    counts = []
    for _ in range(2):
        for _ in range(4):
            LandlordFactory()
        with CaptureQueriesContext(connection) as context:
            assert client.get("/admin/landlords-list").status_code == 200
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1]


def test_sub_user_lists_query_count_is_constant(auth_client):
    admin = LandlordUserFactory()
    tenant = TenantOrgFactory()
    tenant.landlords.add(admin.organization_id)
    for index in range(8):
        TenantUserFactory(organization_id=tenant.pk, is_primary=index == 0)
    assert len(set(_counts(auth_client(admin), f"/tenants/{tenant.pk}/users"))) == 1


# -- no Stripe secrets ------------------------------------------------------------------------------------


def test_landlord_stripe_config_is_an_allow_list(auth_client):
    from apps.accounts.models import Landlord

    landlord = LandlordFactory()
    Landlord.objects.filter(pk=landlord.pk).update(
        stripe_config={
            "secretKey": "sk_live_abcdefgh1234",
            "publishableKey": "pk_live_visible",
            "accountToken": "tok_private_value",
        }
    )
    client = auth_client(AdminUserFactory())
    for path in (f"/admin/landlords/{landlord.pk}", "/admin/landlords"):
        content = client.get(path).content.decode()
        assert "sk_live_abcdefgh1234" not in content and "tok_private_value" not in content, path
        assert "pk_live_visible" in content
    member = LandlordUserFactory(organization_id=landlord.pk)
    content = auth_client(member).get("/auth/me").content.decode()
    assert "stripe" not in content.lower() and "tok_private_value" not in content


# -- disabled accounts get no session by any route ----------------------------------------------------------


def test_disabled_account_is_not_signed_in_by_verification_or_invitation(
    api_client, django_capture_on_commit_callbacks
):
    from apps.accounts.models import Invitation, VerificationToken
    from apps.accounts.sessions import hash_token

    user = TenantUserFactory(is_disabled=True, email_verified_at=None)
    VerificationToken.objects.create(
        user=user, token_hash=hash_token("t" * 64), code_hash="x", expires_at="2999-01-01T00:00:00Z"
    )
    response = api_client.post("/auth/verify-email/confirm", {"token": "t" * 64}, format="json")
    assert response.status_code == 401 and response.json()["message"] == "Account is disabled"
    assert not Session.objects.filter(user=user).exists()

    invitation, raw = make_invitation(email=user.email)
    response = api_client.post(f"/invitations/{raw}/accept", {}, format="json")
    assert response.status_code == 401
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PENDING
    assert not Session.objects.filter(user=user).exists()
    tenant = Tenant.objects.unscoped().get(pk=user.organization_id)
    assert not tenant.landlords.filter(pk=invitation.landlord_id).exists()


def test_failed_logins_count_and_lock(api_client):
    user = LandlordUserFactory()
    for _ in range(4):
        response = api_client.post("/auth/login", {"email": user.email, "password": "wrong"}, format="json")
        assert response.json()["message"] == "Invalid credentials"
    response = api_client.post("/auth/login", {"email": user.email, "password": "wrong"}, format="json")
    assert response.json()["message"] == "Too many failed attempts. Account temporarily locked."
