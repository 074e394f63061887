"""factory_boy factories of identity records."""

from __future__ import annotations

import factory

from apps.accounts.models import Contractor, Landlord, Tenant, User
from apps.core.scope import Role, UserType

DEFAULT_PASSWORD = "Passw0rd!"


class LandlordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Landlord

    name = factory.Sequence(lambda n: f"Landlord Org {n}")


class TenantOrgFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenant
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Tenant Household {n}")

    @factory.post_generation
    def landlords(self, create, extracted, **kwargs):
        if create and extracted:
            self.landlords.set(extracted)


class ContractorOrgFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contractor
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Contractor Co {n}")
    category = "Plumbing"

    @factory.post_generation
    def landlords(self, create, extracted, **kwargs):
        if create and extracted:
            self.landlords.set(extracted)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    first_name = "Test"
    last_name = "User"
    user_type = UserType.LANDLORD
    is_primary = True
    password = factory.django.Password(DEFAULT_PASSWORD)


class LandlordUserFactory(UserFactory):
    user_type = UserType.LANDLORD
    role = Role.LANDLORD_ADMIN
    organization_id = factory.LazyFunction(lambda: LandlordFactory().pk)


class LandlordStaffFactory(UserFactory):
    user_type = UserType.LANDLORD
    role = Role.LANDLORD_STAFF
    is_primary = False
    organization_id = factory.LazyFunction(lambda: LandlordFactory().pk)


class TenantUserFactory(UserFactory):
    user_type = UserType.TENANT
    role = Role.TENANT
    organization_id = factory.LazyFunction(lambda: TenantOrgFactory().pk)


class ContractorUserFactory(UserFactory):
    user_type = UserType.CONTRACTOR
    role = Role.CONTRACTOR
    organization_id = factory.LazyFunction(lambda: ContractorOrgFactory().pk)


class AdminUserFactory(UserFactory):
    user_type = UserType.ADMIN
    role = Role.SUPER_ADMIN
    organization_id = None
