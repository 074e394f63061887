"""``seed_dev_data`` for the marketing records, and their Django admin pages."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from apps.marketing.models import FeedbackEntry, FeedPost, Inquiry, InquiryStatus, Subscriber

pytestmark = pytest.mark.django_db


def test_seed_dev_data_adds_inquiries_posts_with_polls_and_feedback():
    call_command("seed_dev_data", "--no-progress")
    inquiries = Inquiry.objects.unscoped()
    assert inquiries.count() == 4 and all(i.landlord.name == "Myte Estates" for i in inquiries)
    assert inquiries.filter(status=InquiryStatus.PENDING_VERIFICATION).count() == 1
    posts = FeedPost.objects.unscoped()
    assert posts.count() == 3 and posts.exclude(poll=None).count() == 2
    assert FeedbackEntry.objects.unscoped().filter(status="COMPLETED").count() == 2
    call_command("seed_dev_data", "--no-progress")  # wipes first: the same counts again
    assert Inquiry.objects.unscoped().count() == 4 and FeedPost.objects.unscoped().count() == 3


@pytest.mark.parametrize("model", ["inquiry", "feedpost", "feedbackentry", "subscriber"])
def test_changelists_render(client, admin_user, side_a, side_b, model):
    Inquiry.objects.unscoped().create(
        inquiry_type="CONTACT", landlord=side_a.landlord, property=side_a.property, message="m", name="n"
    )
    FeedPost.objects.unscoped().create(
        property=side_b.property, landlord=side_b.landlord, title="t", description="d"
    )
    FeedbackEntry.objects.unscoped().create(user=side_a.admin, user_email=side_a.admin.email, conversation=[])
    Subscriber.objects.create(email="s@example.com")
    client.force_login(admin_user)
    response = client.get(f"/django-admin/marketing/{model}/")
    assert response.status_code == 200
    assert "1 " in response.content.decode()


def test_inquiry_change_page_hides_the_code_hash(client, admin_user, side_a):
    inquiry = Inquiry.objects.unscoped().create(
        inquiry_type="CONTACT", landlord=side_a.landlord, message="m", verification_code_hash="f" * 64
    )
    client.force_login(admin_user)
    response = client.get(f"/django-admin/marketing/inquiry/{inquiry.pk}/change/")
    assert response.status_code == 200 and "f" * 64 not in response.content.decode()
