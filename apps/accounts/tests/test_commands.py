"""Management commands and the identity seeder (spec 00 section 16)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from apps.accounts import seeding
from apps.accounts.models import Contractor, Landlord, Session, Tenant, User
from apps.accounts.tests.factories import AdminUserFactory, LandlordUserFactory, UserFactory
from apps.core.scope import Role, UserType

pytestmark = pytest.mark.django_db


def run(name, **kwargs) -> str:
    out = StringIO()
    call_command(name, stdout=out, **kwargs)
    return out.getvalue()


class TestSeedAdmin:
    def test_creates_the_default_admin_once(self, settings):
        settings.IS_PRODUCTION = False
        settings.ADMIN_EMAIL = None
        settings.ADMIN_PASSWORD = None
        assert "created" in run("seed_admin")
        admin = User.objects.get(email="admin@example.com")
        assert admin.username == "admin" and admin.user_type == UserType.ADMIN
        assert admin.role == Role.SUPER_ADMIN and admin.is_primary and admin.is_superuser
        assert admin.email_verified_at is not None and admin.phone == "+1000000000"
        assert admin.first_name == "System" and admin.last_name == "Admin"
        assert admin.check_password("password123")
        assert "already exists" in run("seed_admin")
        assert User.objects.filter(user_type=UserType.ADMIN).count() == 1

    def test_uses_configured_credentials(self, settings):
        settings.IS_PRODUCTION = False
        settings.ADMIN_EMAIL = "Root@Example.org"
        settings.ADMIN_PASSWORD = "a-long-secret-pass"
        run("seed_admin")
        assert User.objects.get(email="root@example.org").check_password("a-long-secret-pass")

    def test_production_requires_credentials(self, settings):
        settings.IS_PRODUCTION = True
        settings.ADMIN_EMAIL = None
        settings.ADMIN_PASSWORD = None
        with pytest.raises(CommandError, match="ADMIN_EMAIL and ADMIN_PASSWORD"):
            run("seed_admin")
        settings.ADMIN_EMAIL = "root@example.org"
        settings.ADMIN_PASSWORD = "password123"
        with pytest.raises(CommandError, match="must not be the default"):
            run("seed_admin")
        assert not User.objects.exists()
        settings.ADMIN_PASSWORD = "a-long-secret-pass"
        run("seed_admin")
        assert User.objects.get(email="root@example.org").role == Role.SUPER_ADMIN

    def test_username_collision(self, settings):
        settings.IS_PRODUCTION = False
        settings.ADMIN_EMAIL = None
        settings.ADMIN_PASSWORD = None
        UserFactory(username="admin", email="someone@example.com")
        run("seed_admin")
        assert User.objects.get(email="admin@example.com").username == "admin-admin"


class TestBackfillRoles:
    def test_backfills_missing_roles(self):
        primary = UserFactory(user_type=UserType.LANDLORD, is_primary=True, role=None)
        staff = UserFactory(user_type=UserType.LANDLORD, is_primary=False, role=None)
        tenant = UserFactory(user_type=UserType.TENANT, role=None)
        contractor = UserFactory(user_type=UserType.CONTRACTOR, role=None)
        admin = UserFactory(user_type=UserType.ADMIN, role=None, organization_id=None)
        custom = LandlordUserFactory(role=Role.LANDLORD_STAFF)
        odd = UserFactory(user_type="Robot", role=None)
        output = run("backfill_user_roles")
        assert "updated=5 skipped=1 total=6" in output
        expected = {
            primary: Role.LANDLORD_ADMIN,
            staff: Role.LANDLORD_STAFF,
            tenant: Role.TENANT,
            contractor: Role.CONTRACTOR,
            admin: Role.SUPER_ADMIN,
            custom: Role.LANDLORD_STAFF,
        }
        for user, role in expected.items():
            user.refresh_from_db()
            assert user.role == role
        odd.refresh_from_db()
        assert odd.role is None
        admin.refresh_from_db()
        assert admin.is_superuser
        assert "updated=0 skipped=1 total=1" in run("backfill_user_roles")


class TestSeeding:
    def test_seed_creates_linked_identity_data(self):
        other = LandlordUserFactory()
        kept = AdminUserFactory()
        counts = seeding.seed(progress=lambda iterable, desc: iterable)
        assert counts == {
            "landlords": 1,
            "tenant organizations": 5,
            "contractor organizations": 4,
            "users": 10,
        }
        landlord = Landlord.objects.get(name="Myte Estates")
        owner = User.objects.get(email="landlord@example.com")
        assert owner.username == "landlord" and owner.organization_id == landlord.pk and owner.is_primary
        assert owner.effective_role == Role.LANDLORD_ADMIN
        assert owner.check_password("password123")
        assert not owner.password.startswith("$2")
        assert sorted(Tenant.objects.values_list("name", flat=True)) == sorted(
            name for name, *_ in seeding.TENANTS
        )
        for tenant in Tenant.objects.all():
            assert list(tenant.landlords.all()) == [landlord]
        for contractor in Contractor.objects.all():
            assert list(contractor.landlords.all()) == [landlord]
        assert Contractor.objects.get(name="Elite HVAC Solutions").category == "HVAC"
        tenant_user = User.objects.get(email="tenant1@example.com")
        assert tenant_user.username == "michael" and tenant_user.role == Role.TENANT
        assert Tenant.objects.get(pk=tenant_user.organization_id).name == "Smith Family"
        assert User.objects.filter(email__startswith="contractor").count() == 4
        assert User.objects.filter(pk__in=[kept.pk, other.pk]).count() == 2

    def test_seed_dev_data_command_is_repeatable(self, api_client):
        call_command("seed_dev_data", "--no-progress", stdout=StringIO())
        call_command("seed_dev_data", "--no-progress", stdout=StringIO())
        assert Landlord.objects.filter(name="Myte Estates").count() == 1
        response = api_client.post(
            "/auth/login", {"email": "landlord@example.com", "password": "password123"}, format="json"
        )
        assert response.status_code == 201
        assert Session.objects.count() == 1


class TestBootstrap:
    def test_migrates_and_seeds_the_admin_in_one_command(self, settings):
        settings.IS_PRODUCTION = False
        settings.ADMIN_EMAIL = "boot@example.com"
        settings.ADMIN_PASSWORD = "a-long-enough-password"
        output = run("bootstrap", verbosity=1)
        assert "No migrations to apply" in output
        assert "Admin user boot@example.com created." in output
        assert User.objects.get(email="boot@example.com").role == Role.SUPER_ADMIN
        assert "already exists" in run("bootstrap")


class TestSeedAll:
    def test_admin_then_development_data_and_the_admin_survives(self, settings):
        settings.IS_PRODUCTION = False
        settings.ADMIN_EMAIL = None
        settings.ADMIN_PASSWORD = None
        output = run("seed_all")
        assert "Admin user admin@example.com created." in output
        assert "Development data seeded" in output
        run("seed_all")
        assert User.objects.filter(email="admin@example.com").exists()
        assert User.objects.filter(email="landlord@example.com").count() == 1

    def test_one_seeder_by_name_or_from_the_environment(self, settings, monkeypatch):
        settings.IS_PRODUCTION = False
        assert "Development data seeded" not in run("seed_all", seeder="admin")
        monkeypatch.setenv("SEEDER", "dev")
        assert "Admin user" not in run("seed_all")

    def test_unknown_seeder_lists_the_names(self):
        with pytest.raises(CommandError, match="available: admin, dev"):
            run("seed_all", seeder="everything")
