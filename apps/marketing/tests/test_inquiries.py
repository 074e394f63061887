"""Inquiries (spec 04 section 2): public submission with email verification, landlord-only reads."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from apps.core.models import OutboxJob
from apps.marketing.inquiries.services import MAX_CODE_ATTEMPTS
from apps.marketing.models import Inquiry, InquiryStatus
from apps.notifications.models import Notification

pytestmark = pytest.mark.django_db


def contact(api_client, capture, body):
    with capture(execute=True):
        return api_client.post("/inquiries/contact", body, format="json")


def sent_code(mailoutbox) -> str:
    return re.search(r"\b(\d{6})\b", mailoutbox[-1].body).group(1)


def make_inquiry(side, **extra) -> Inquiry:
    values = {
        "inquiry_type": "CONTACT",
        "status": InquiryStatus.SUBMITTED,
        "name": "Pat Prospect",
        "email": "pat@example.com",
        "property": side.property,
        "unit": side.unit,
        "landlord": side.landlord,
        "message": "Is it still available?",
        **extra,
    }
    return Inquiry.objects.unscoped().create(**values)


class TestCreate:
    def test_public_create_notifies_the_owning_landlord(self, api_client, side_a, side_b):
        body = {
            "inquiryType": "VISIT",
            "name": " Pat ",
            "email": "PAT@Example.com ",
            "propertyId": str(side_a.property.pk),
            "unitId": str(side_a.unit.pk),
            "message": "Can I visit?",
            "preferredDate": "2025-11-15T00:00:00Z",
        }
        response = api_client.post("/inquiries", body, format="json")
        assert response.status_code == 201, response.json()
        data = response.json()
        assert data["success"] is True and data["message"] == "Inquiry created successfully"
        inquiry = data["data"]["inquiry"]
        assert inquiry["status"] == "SUBMITTED" and inquiry["emailVerified"] is False
        assert inquiry["name"] == "Pat" and inquiry["email"] == "pat@example.com"
        assert inquiry["property"] == str(side_a.property.pk)
        assert "verificationCode" not in inquiry and "landlord" not in inquiry
        stored = Inquiry.objects.unscoped().get(pk=inquiry["_id"])
        assert stored.landlord_id == side_a.landlord.pk
        notes = Notification.objects.all()
        assert {n.user_id for n in notes} == {side_a.admin.pk, side_a.staff.pk}
        note = notes.first()
        assert note.title == "New Visit Booking"
        assert (
            note.content == "New visit booking request for Building A - Unit A-1 on Nov 15, 2025, 12:00 AM."
        )
        assert note.action_url == "/dashboard/landlord/marketplace/inquiries"
        emails = OutboxJob.objects.filter(queue="email")
        assert {tuple(job.payload["to"]) for job in emails} == {(side_a.admin.email,), (side_a.staff.email,)}
        assert {job.payload["template"] for job in emails} == {"visit-request"}

    def test_validation(self, api_client, db):
        response = api_client.post("/inquiries", {"inquiryType": "CALL", "email": "nope"}, format="json")
        assert response.status_code == 400
        messages = response.json()["message"]
        assert "inquiryType must be one of the following values: VISIT, CONTACT" in messages
        assert "email must be an email" in messages
        assert "message should not be empty" in messages
        assert not Inquiry.objects.unscoped().exists()

    def test_malformed_and_missing_ids(self, api_client, side_a):
        body = {"inquiryType": "CONTACT", "name": "P", "email": "p@example.com", "message": "hi"}
        response = api_client.post("/inquiries", {**body, "propertyId": "nope"}, format="json")
        assert response.status_code == 400 and response.json()["message"] == ["propertyId must be a valid id"]
        missing = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
        response = api_client.post("/inquiries", {**body, "propertyId": missing}, format="json")
        assert response.status_code == 422
        assert response.json()["message"] == f"Property with ID {missing} not found"
        response = api_client.post("/inquiries", {**body, "unitId": missing}, format="json")
        assert response.json()["message"] == f"Unit with ID {missing} not found"
        assert not Inquiry.objects.unscoped().exists()

    def test_unit_of_another_property_is_not_found(self, api_client, side_a, side_b):
        body = {
            "inquiryType": "CONTACT",
            "name": "P",
            "email": "p@example.com",
            "message": "hi",
            "propertyId": str(side_a.property.pk),
            "unitId": str(side_b.unit.pk),
        }
        assert api_client.post("/inquiries", body, format="json").status_code == 422


class TestContactFlow:
    def test_unknown_email_verifies_by_code(
        self, api_client, side_a, django_capture_on_commit_callbacks, mailoutbox
    ):
        body = {"unitId": str(side_a.unit.pk), "message": "Hello", "name": "Pat", "email": "Pat@Example.com"}
        response = contact(api_client, django_capture_on_commit_callbacks, body)
        assert response.status_code == 201, response.json()
        data = response.json()
        assert data["message"] == "Verification code sent to your email"
        assert data["data"]["requiresVerification"] is True and data["data"]["email"] == "Pat@Example.com"
        inquiry = Inquiry.objects.unscoped().get(pk=data["data"]["inquiryId"])
        assert inquiry.status == InquiryStatus.PENDING_VERIFICATION
        code = sent_code(mailoutbox)
        assert mailoutbox[-1].to == ["pat@example.com"]
        assert code not in inquiry.verification_code_hash and len(inquiry.verification_code_hash) == 64
        assert not Notification.objects.exists()

        wrong = "000000" if code != "000000" else "111111"
        response = api_client.post(
            "/inquiries/contact/verify", {"inquiryId": str(inquiry.pk), "code": wrong}, format="json"
        )
        assert response.status_code == 400 and response.json()["message"] == "Invalid verification code"

        with django_capture_on_commit_callbacks(execute=True):
            response = api_client.post(
                "/inquiries/contact/verify", {"inquiryId": str(inquiry.pk), "code": code}, format="json"
            )
        assert response.status_code == 201, response.json()
        assert response.json()["message"] == "Email verified successfully. Your inquiry has been submitted."
        verified = response.json()["data"]["inquiry"]
        assert verified["status"] == "SUBMITTED" and verified["emailVerified"] is True
        assert "verificationCode" not in verified and "verificationCodeExpiry" not in verified
        inquiry.refresh_from_db()
        assert inquiry.verification_code_hash == "" and inquiry.verification_code_expiry is None
        assert Notification.objects.filter(user_id=side_a.admin.pk, title="New Contact Request").exists()
        assert any(m.subject == "New Contact Request from Pat" for m in mailoutbox)

        again = api_client.post(
            "/inquiries/contact/verify", {"inquiryId": str(inquiry.pk), "code": code}, format="json"
        )
        assert (
            again.status_code == 400 and again.json()["message"] == "This inquiry has already been verified"
        )

    def test_expired_code(self, api_client, side_a, django_capture_on_commit_callbacks, mailoutbox):
        body = {"unitId": str(side_a.unit.pk), "message": "Hello", "name": "Pat", "email": "pat@example.com"}
        inquiry_id = contact(api_client, django_capture_on_commit_callbacks, body).json()["data"]["inquiryId"]
        code = sent_code(mailoutbox)
        with time_machine.travel(timezone.now() + timedelta(minutes=16)):
            response = api_client.post(
                "/inquiries/contact/verify", {"inquiryId": inquiry_id, "code": code}, format="json"
            )
        assert response.status_code == 400
        assert response.json()["message"] == "Verification code has expired. Please submit a new inquiry."

    def test_wrong_codes_void_the_code_until_resent(
        self, api_client, side_a, django_capture_on_commit_callbacks, mailoutbox, settings
    ):
        settings.RATE_LIMIT_ENABLED = False
        body = {"unitId": str(side_a.unit.pk), "message": "Hello", "name": "Pat", "email": "pat@example.com"}
        inquiry_id = contact(api_client, django_capture_on_commit_callbacks, body).json()["data"]["inquiryId"]
        code = sent_code(mailoutbox)
        wrong = "000000" if code != "000000" else "111111"
        for _ in range(MAX_CODE_ATTEMPTS):
            api_client.post(
                "/inquiries/contact/verify", {"inquiryId": inquiry_id, "code": wrong}, format="json"
            )
        response = api_client.post(
            "/inquiries/contact/verify", {"inquiryId": inquiry_id, "code": code}, format="json"
        )
        assert response.status_code == 400
        assert (
            response.json()["message"] == "Too many invalid attempts. Please request a new verification code."
        )
        assert Inquiry.objects.unscoped().get(pk=inquiry_id).status == InquiryStatus.PENDING_VERIFICATION

        with time_machine.travel(timezone.now() + timedelta(minutes=2)):
            with django_capture_on_commit_callbacks(execute=True):
                resent = api_client.post(f"/inquiries/contact/{inquiry_id}/resend", format="json")
            assert resent.status_code == 201
            assert resent.json() == {"success": True, "message": "Verification code resent successfully"}
            new_code = sent_code(mailoutbox)
            response = api_client.post(
                "/inquiries/contact/verify", {"inquiryId": inquiry_id, "code": new_code}, format="json"
            )
        assert response.status_code == 201

    def test_resend_cooldown_and_rate_limit(self, api_client, side_a, django_capture_on_commit_callbacks):
        body = {"unitId": str(side_a.unit.pk), "message": "Hello", "name": "Pat", "email": "pat@example.com"}
        inquiry_id = contact(api_client, django_capture_on_commit_callbacks, body).json()["data"]["inquiryId"]
        response = api_client.post(f"/inquiries/contact/{inquiry_id}/resend", format="json")
        assert response.status_code == 429
        statuses = [
            api_client.post(
                "/inquiries/contact/verify", {"inquiryId": inquiry_id, "code": "1"}, format="json"
            ).status_code
            for _ in range(11)
        ]
        assert statuses[-1] == 429 and 429 not in statuses[:10]

    def test_verify_errors(self, api_client, side_a):
        response = api_client.post(
            "/inquiries/contact/verify", {"inquiryId": "bad", "code": "1"}, format="json"
        )
        assert (
            response.status_code == 400
            and response.json()["message"] == ["inquiryId must be a valid UUID."]
            or (response.status_code == 400)
        )
        missing = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
        response = api_client.post(
            "/inquiries/contact/verify", {"inquiryId": missing, "code": "1"}, format="json"
        )
        assert response.status_code == 404 and response.json()["message"] == "Inquiry not found"
        submitted = make_inquiry(side_a)
        response = api_client.post(
            "/inquiries/contact/verify", {"inquiryId": str(submitted.pk), "code": "1"}, format="json"
        )
        assert response.json()["message"] == "This inquiry has already been verified"
        assert api_client.post("/inquiries/contact/bad/resend").status_code == 400
        assert api_client.post(f"/inquiries/contact/{submitted.pk}/resend").status_code == 400

    def test_authenticated_caller_submits_directly(
        self, auth_client, side_a, django_capture_on_commit_callbacks
    ):
        client = auth_client(side_a.tenant)
        body = {"unitId": str(side_a.unit.pk), "message": "Hi", "name": "ignored", "email": "x@example.com"}
        response = contact(client, django_capture_on_commit_callbacks, body)
        assert response.status_code == 201
        data = response.json()["data"]
        assert data["requiresVerification"] is False
        assert data["inquiry"]["tenant"] == str(side_a.tenant.pk) and "name" not in data["inquiry"]
        note = Notification.objects.get(user_id=side_a.admin.pk)
        assert note.content == "New contact request for Building A - Unit A-1 from Tess A. Check details."

    def test_known_email_skips_verification(self, api_client, side_a, django_capture_on_commit_callbacks):
        body = {
            "unitId": str(side_a.unit.pk),
            "message": "Hi",
            "name": "Tess",
            "email": side_a.tenant.email.upper(),
        }
        response = contact(api_client, django_capture_on_commit_callbacks, body)
        assert response.json()["data"]["inquiry"]["status"] == "SUBMITTED"

    def test_anonymous_needs_name_and_email(self, api_client, side_a):
        response = api_client.post(
            "/inquiries/contact", {"unitId": str(side_a.unit.pk), "message": "Hi"}, format="json"
        )
        assert response.status_code == 400
        assert response.json()["message"] == "Name and email are required for unauthenticated inquiries"
        assert not Inquiry.objects.unscoped().exists()


class TestLandlordRoutes:
    def test_list_is_the_owning_landlords_only(self, auth_client, side_a, side_b):
        mine = make_inquiry(side_a, verification_code_hash="x" * 64)
        make_inquiry(side_b)
        linked = make_inquiry(side_a, name=None, email=None, tenant=side_a.tenant)
        response = auth_client(side_a.staff).get("/inquiries")
        assert response.status_code == 200
        body = response.json()
        assert body["total"] == 2 and {row["_id"] for row in body["data"]} == {str(mine.pk), str(linked.pk)}
        row = next(r for r in body["data"] if r["_id"] == str(linked.pk))
        assert row["name"] == "Tess A" and row["email"] == side_a.tenant.email
        assert row["tenant"]["firstName"] == "Tess"
        assert row["property"]["name"] == "Building A" and "address" in row["property"]
        assert row["unit"] == {"_id": str(side_a.unit.pk), "unitNumber": "A-1"}
        assert all("verificationCode" not in r and "verificationCodeHash" not in r for r in body["data"])

    def test_list_filters_and_validation(self, auth_client, side_a):
        make_inquiry(side_a, name="Zed", inquiry_type="VISIT")
        make_inquiry(side_a, name="Amy")
        client = auth_client(side_a.admin)
        body = client.get("/inquiries", {"search": "zE"}).json()
        assert [r["name"] for r in body["data"]] == ["Zed"]
        body = client.get("/inquiries", {"sortBy": "name", "sortOrder": "asc"}).json()
        assert [r["name"] for r in body["data"]] == ["Amy", "Zed"]
        assert client.get("/inquiries", {"inquiryType": "VISIT"}).json()["total"] == 1
        assert client.get("/inquiries", {"propertyId": "nope"}).status_code == 400
        assert client.get("/inquiries", {"sortBy": "message"}).status_code == 400

    def test_list_needs_a_landlord(self, api_client, auth_client, side_a):
        make_inquiry(side_a)
        assert api_client.get("/inquiries").status_code == 401
        assert auth_client(side_a.tenant).get("/inquiries").status_code == 403
        assert auth_client(side_a.contractor).get("/inquiries").status_code == 403

    def test_list_query_count_is_constant(self, auth_client, side_a, django_assert_max_num_queries):
        for index in range(3):
            make_inquiry(side_a, tenant=side_a.tenant, name=f"n{index}")
        client = auth_client(side_a.admin)
        with django_assert_max_num_queries(12) as small:
            client.get("/inquiries")
        for index in range(12):
            make_inquiry(side_a, tenant=side_a.tenant, name=f"m{index}")
        with django_assert_max_num_queries(len(small.captured_queries)):
            response = client.get("/inquiries", {"limit": 15})
        assert len(response.json()["data"]) == 15

    def test_get_patch_delete(self, auth_client, side_a, side_b):
        inquiry = make_inquiry(side_a)
        client = auth_client(side_a.admin)
        response = client.get(f"/inquiries/{inquiry.pk}")
        assert response.status_code == 200
        assert response.json()["data"]["inquiry"]["property"]["name"] == "Building A"
        response = client.patch(
            f"/inquiries/{inquiry.pk}", {"email": "NEW@example.com", "phone": "555"}, format="json"
        )
        assert response.status_code == 200 and response.json()["message"] == "Inquiry updated successfully"
        inquiry.refresh_from_db()
        assert inquiry.email == "new@example.com" and inquiry.phone == "555"
        response = client.patch(f"/inquiries/{inquiry.pk}", {"status": "CLOSED"}, format="json")
        assert response.status_code == 400
        response = client.patch(
            f"/inquiries/{inquiry.pk}", {"propertyId": str(side_b.property.pk)}, format="json"
        )
        assert response.status_code == 422
        inquiry.refresh_from_db()
        assert inquiry.property_id == side_a.property.pk and inquiry.landlord_id == side_a.landlord.pk
        assert client.get("/inquiries/nope").status_code == 400
        assert client.delete(f"/inquiries/{inquiry.pk}").status_code == 204
        assert Inquiry.objects.including_deleted().get(pk=inquiry.pk).deleted
        assert client.get(f"/inquiries/{inquiry.pk}").status_code == 404

    def test_other_landlord_gets_404_and_changes_nothing(self, auth_client, side_a, side_b):
        inquiry = make_inquiry(side_a)
        client = auth_client(side_b.admin)
        assert client.get(f"/inquiries/{inquiry.pk}").status_code == 404
        assert client.patch(f"/inquiries/{inquiry.pk}", {"name": "X"}, format="json").status_code == 404
        assert client.post(f"/inquiries/{inquiry.pk}/reply", {"reply": "X"}, format="json").status_code == 404
        assert client.delete(f"/inquiries/{inquiry.pk}").status_code == 404
        inquiry.refresh_from_db()
        assert inquiry.name == "Pat Prospect" and inquiry.reply is None and not inquiry.deleted

    def test_reply(self, auth_client, side_a, django_capture_on_commit_callbacks, mailoutbox):
        inquiry = make_inquiry(side_a)
        client = auth_client(side_a.staff)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/inquiries/{inquiry.pk}/reply", {"reply": " Yes it is "}, format="json")
        assert response.status_code == 201, response.json()
        data = response.json()["data"]["inquiry"]
        assert data["status"] == "RESPONDED" and data["reply"] == "Yes it is"
        assert data["property"] == {"_id": str(side_a.property.pk), "name": "Building A"}
        assert mailoutbox[-1].to == ["pat@example.com"]
        assert mailoutbox[-1].subject == "MYTE - Response to your inquiry about Building A - Unit A-1"
        assert "Yes it is" in mailoutbox[-1].body and "Is it still available?" in mailoutbox[-1].body

    def test_reply_errors(self, auth_client, side_a):
        client = auth_client(side_a.admin)
        pending = make_inquiry(side_a, status=InquiryStatus.PENDING_VERIFICATION)
        response = client.post(f"/inquiries/{pending.pk}/reply", {"reply": "x"}, format="json")
        assert (
            response.status_code == 400
            and response.json()["message"] == "Cannot reply to an unverified inquiry"
        )
        anonymous = make_inquiry(side_a, email=None)
        response = client.post(f"/inquiries/{anonymous.pk}/reply", {"reply": "x"}, format="json")
        assert response.json()["message"] == "No email address found for this inquiry"
        response = client.post(f"/inquiries/{anonymous.pk}/reply", {}, format="json")
        assert response.status_code == 400 and "reply should not be empty" in response.json()["message"]
        assert (
            auth_client(side_a.tenant).post(f"/inquiries/{anonymous.pk}/reply", {"reply": "x"}).status_code
            == 403
        )


def test_landlord_preferences_apply_and_other_landlords_hear_nothing(api_client, side_a, side_b):
    from apps.notifications.models import NotificationPreference

    NotificationPreference.objects.create(
        user=side_a.staff, notification_type="marketplace_new_inquiry", in_app=False, email=False
    )
    body = {
        "inquiryType": "CONTACT",
        "name": "Pat",
        "email": "pat@example.com",
        "unitId": str(side_a.unit.pk),
        "message": "hi",
    }
    assert api_client.post("/inquiries", body, format="json").status_code == 201
    assert [n.user_id for n in Notification.objects.all()] == [side_a.admin.pk]
    assert [job.payload["to"] for job in OutboxJob.objects.filter(queue="email")] == [[side_a.admin.email]]
    assert not Notification.objects.filter(user_id__in=[side_b.admin.pk, side_b.staff.pk]).exists()
