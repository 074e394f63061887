"""Onboarding routes (spec 02 section 5)."""

from django.urls import path

from apps.onboarding import views as onboarding

app_name = "onboarding"

urlpatterns = [
    path("onboarding/org", onboarding.OnboardingOrgView.as_view(), name="onboarding-org"),
    path("onboarding/state", onboarding.OnboardingStateView.as_view(), name="onboarding-state"),
    path("onboarding/property", onboarding.OnboardingPropertyView.as_view(), name="onboarding-property"),
    path("onboarding/unit", onboarding.OnboardingUnitView.as_view(), name="onboarding-unit"),
    path("onboarding/staff", onboarding.OnboardingStaffView.as_view(), name="onboarding-staff"),
    path("onboarding/tenant", onboarding.OnboardingTenantView.as_view(), name="onboarding-tenant"),
]
