"""The access rules engine (spec 01 section 3), on rules of a fake role registered for each test."""

from __future__ import annotations

import uuid

import pytest

from apps.accounts.models import User
from apps.accounts.tests.factories import UserFactory
from apps.core import access
from apps.core.access import CREATE, DELETE, MANAGE, READ, UPDATE, Ref, allow, deny
from apps.core.scope import SYSTEM, Principal, UserType, access_scope

ROLE = "TestOnlyRole"


@pytest.fixture
def rules():
    """``rules(*rules)`` registers rules for :data:`ROLE`; they are removed after the test."""
    assert ROLE not in access._TABLE

    def register(*new_rules):
        access.register(ROLE, *new_rules)

    yield register
    access._TABLE.pop(ROLE, None)


@pytest.fixture
def principal():
    return Principal(
        kind="user",
        user_id=uuid.uuid4(),
        user_type=UserType.LANDLORD,
        organization_id=uuid.uuid4(),
        role=ROLE,
        label="test",
    )


# -- type level -----------------------------------------------------------------------------------
def test_no_rule_means_no(rules, principal):
    assert not access.can(principal, READ, "User")


def test_a_conditional_allow_is_yes_at_type_level(rules, principal):
    rules(allow(UPDATE, "User", {"organization_id": Ref.ORGANIZATION}))
    assert access.can(principal, UPDATE, "User")
    assert not access.can(principal, DELETE, "User")
    assert not access.can(principal, UPDATE, "Tenant")


def test_manage_covers_every_action(rules, principal):
    rules(allow(MANAGE, "User"))
    assert all(access.can(principal, action, "User") for action in (CREATE, READ, UPDATE, DELETE))


def test_conditional_deny_is_ignored_at_type_level(rules, principal):
    rules(allow(UPDATE, "User"), deny(UPDATE, "User", {"first_name": "Locked"}))
    assert access.can(principal, UPDATE, "User")


def test_a_later_unconditional_deny_wins(rules, principal):
    rules(allow(MANAGE, "User"), deny(DELETE, "User"))
    assert access.can(principal, UPDATE, "User")
    assert not access.can(principal, DELETE, "User")


def test_a_later_allow_overrides_an_earlier_deny(rules, principal):
    rules(deny(READ, "User"), allow(READ, "User", {"first_name": "Ann"}))
    assert access.can(principal, READ, "User")


def test_a_rule_whose_reference_is_missing_does_not_apply(rules, principal):
    # A landlord principal has no tenant organization: the rule cannot apply, it fails closed.
    rules(allow(READ, "User", {"organization_id": Ref.TENANT_ORG}))
    assert not access.can(principal, READ, "User")
    assert access.action_filter(principal, READ, "User") is access.NOTHING


def test_super_admin_and_system_may_do_everything(principal):
    admin = Principal(kind="user", role="SuperAdmin", user_type=UserType.ADMIN, label="a")
    for who in (admin, SYSTEM):
        assert access.can(who, DELETE, "Anything")
        assert access.action_filter(who, READ, "User") is None


def test_anonymous_has_no_rights(principal):
    anonymous = Principal(kind="anonymous")
    assert not access.can(anonymous, READ, "User")


def test_field_restrictions(rules, principal):
    rules(allow(UPDATE, "User", fields=["first_name", "phone"]), allow(UPDATE, "User", fields=["last_name"]))
    assert access.permitted_fields(principal, UPDATE, "User") == ("first_name", "last_name", "phone")
    assert access.permitted_fields(principal, READ, "User") == ()


# -- instance level and list filters (database) ---------------------------------------------------
@pytest.fixture
def people(principal):
    own = principal.organization_id
    other = uuid.uuid4()
    return {
        "ann": UserFactory(first_name="Ann", organization_id=own),
        "locked": UserFactory(first_name="Locked", organization_id=own),
        "bob": UserFactory(first_name="Bob", organization_id=other),
        "cid": UserFactory(first_name="Cid", organization_id=other, user_type=UserType.TENANT),
    }


def visible(principal, people, action=READ) -> set[str]:
    ids = [user.pk for user in people.values()]
    names = {user.pk: key for key, user in people.items()}
    with access_scope(principal):
        manager = User.objects
        queryset = manager.all() if action == READ else manager.permitted(action)
        return {names[pk] for pk in queryset.filter(pk__in=ids).values_list("pk", flat=True)}


@pytest.mark.django_db
def test_instance_level_last_matching_rule_decides(rules, principal, people):
    rules(
        allow(UPDATE, "User", {"organization_id": Ref.ORGANIZATION}),
        deny(UPDATE, "User", {"first_name": "Locked"}),
    )
    assert access.can_on(principal, UPDATE, people["ann"])
    assert not access.can_on(principal, UPDATE, people["locked"])
    assert not access.can_on(principal, UPDATE, people["bob"])  # no rule matches: no
    assert not access.can_on(principal, DELETE, people["ann"])


@pytest.mark.django_db
def test_instance_level_in_lookup_and_relation_lookup(rules, principal, people):
    rules(
        allow(READ, "User", {"user_type__in": [UserType.TENANT]}),
        allow(READ, "User", {"first_name__startswith": "B"}),
    )
    assert access.can_on(principal, READ, people["cid"])
    assert access.can_on(principal, READ, people["bob"])  # answered by the database
    assert not access.can_on(principal, READ, people["ann"])


@pytest.mark.django_db
def test_list_filter_ors_allows_and_excludes_conditional_denies(rules, principal, people):
    rules(
        allow(READ, "User", {"organization_id": Ref.ORGANIZATION}),
        allow(READ, "User", {"first_name": "Bob"}),
        deny(READ, "User", {"first_name": "Locked"}),
    )
    assert visible(principal, people) == {"ann", "bob"}


@pytest.mark.django_db
def test_list_filter_unconditional_allow_is_no_restriction_except_later_denies(rules, principal, people):
    rules(allow(READ, "User"))
    assert visible(principal, people) == {"ann", "locked", "bob", "cid"}
    rules(deny(READ, "User", {"user_type": UserType.TENANT}))
    assert visible(principal, people) == {"ann", "locked", "bob"}


@pytest.mark.django_db
def test_list_filter_deny_precedence_follows_order(rules, principal, people):
    # The deny comes first, so the later (unconditional) allow takes precedence over it.
    rules(deny(READ, "User", {"first_name": "Locked"}), allow(READ, "User"))
    assert visible(principal, people) == {"ann", "locked", "bob", "cid"}


@pytest.mark.django_db
def test_list_filter_unconditional_deny_empties_what_came_before(rules, principal, people):
    rules(allow(READ, "User", {"first_name": "Ann"}), deny(READ, "User"))
    assert visible(principal, people) == set()


@pytest.mark.django_db
def test_list_filter_with_no_allow_rule_is_empty_not_an_error(rules, principal, people):
    rules(allow(UPDATE, "User"))
    assert visible(principal, people) == set()


@pytest.mark.django_db
def test_permitted_narrows_to_the_action(rules, principal, people):
    rules(
        allow(READ, "User"),
        allow(UPDATE, "User", {"organization_id": Ref.ORGANIZATION}),
        deny(UPDATE, "User", {"first_name": "Locked"}),
    )
    assert visible(principal, people) == {"ann", "locked", "bob", "cid"}
    assert visible(principal, people, UPDATE) == {"ann"}


@pytest.mark.django_db
def test_list_filter_and_instance_answers_agree(rules, principal, people):
    rules(
        allow(READ, "User", {"organization_id": Ref.ORGANIZATION}),
        allow(READ, "User", {"user_type": UserType.TENANT}),
        deny(READ, "User", {"first_name": "Locked"}),
    )
    listed = visible(principal, people)
    answered = {key for key, user in people.items() if access.can_on(principal, READ, user)}
    assert listed == answered == {"ann", "cid"}


def test_a_model_without_subject_is_refused():
    from apps.core.models import AuditLog

    with pytest.raises(LookupError):
        access.access_subject(AuditLog)
