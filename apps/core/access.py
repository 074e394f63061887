"""The access rules engine (spec 01 section 3).

One declarative table holds, per role, the rules ``(actions, subject, conditions, fields, deny)``.
Each app contributes the rows for its own subjects from its ``policies.py`` (imported in its
``AppConfig.ready``). The same rules answer three questions:

* :func:`can` - the type-level question a route guard asks ("may this user update a Tenant?");
* :func:`can_on` - the instance-level question about one record;
* :func:`read_filter` / :func:`action_filter` - the queryset filter of the records a user may act on,
  which is what scoped managers apply to every query.

Conditions are dictionaries of Django lookups whose values may be :class:`Ref` placeholders, filled
from the principal when evaluated (``Ref.LANDLORD`` is L of spec 01, and so on). A rule whose
placeholder has no value for the principal (a landlord user without an organization, say) does not
apply at all: scoping fails closed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from django.db.models import Model, Q

from apps.core.scope import Principal

CREATE, READ, UPDATE, DELETE = "create", "read", "update", "delete"
MANAGE = "manage"
ALL_ACTIONS = frozenset({CREATE, READ, UPDATE, DELETE})
ALL_SUBJECTS = "all"
ANONYMOUS_ROLE = "Anonymous"


class Ref(Enum):
    """A value taken from the principal when a rule is evaluated."""

    USER = "user_id"
    ORGANIZATION = "organization_id"
    LANDLORD = "landlord_id"
    TENANT_ORG = "tenant_org_id"
    CONTRACTOR_ORG = "contractor_org_id"

    def resolve(self, principal: Principal) -> Any:
        return getattr(principal, self.value)


@dataclass(frozen=True)
class Rule:
    actions: frozenset[str]
    subject: str
    conditions: dict[str, Any] | None = None
    fields: tuple[str, ...] | None = None
    deny: bool = False

    def bind(self, principal: Principal) -> dict[str, Any] | None:
        """The conditions with placeholders filled in, or ``None`` when the rule cannot apply."""
        bound: dict[str, Any] = {}
        for lookup, value in (self.conditions or {}).items():
            if isinstance(value, Ref):
                value = value.resolve(principal)
                if value is None:
                    return None
            bound[lookup] = value
        return bound


def _actions(action: str | Iterable[str]) -> frozenset[str]:
    names = {action} if isinstance(action, str) else set(action)
    return ALL_ACTIONS if MANAGE in names else frozenset(names)


def allow(action, subject: str, conditions: dict | None = None, fields=None) -> Rule:
    return Rule(_actions(action), subject, conditions, tuple(fields) if fields else None)


def deny(action, subject: str, conditions: dict | None = None) -> Rule:
    return Rule(_actions(action), subject, conditions, deny=True)


_TABLE: dict[str, list[Rule]] = {}


def register(role: str, *rules: Rule) -> None:
    """Append rules to a role. Later rules take precedence, so deny rules are registered last."""
    _TABLE.setdefault(role, []).extend(rules)


def rules_for(principal: Principal, subject: str) -> list[Rule]:
    role = ANONYMOUS_ROLE if principal.is_anonymous else principal.role
    return [rule for rule in _TABLE.get(role or "", []) if rule.subject in (subject, ALL_SUBJECTS)]


def _is_super_admin(principal: Principal) -> bool:
    return principal.is_system or principal.role == "SuperAdmin"


def can(principal: Principal, action: str, subject: str) -> bool:
    """Type-level answer: some allow rule exists and no unconditional deny rule follows it."""
    if _is_super_admin(principal):
        return True
    allowed = False
    for rule in rules_for(principal, subject):
        if action not in rule.actions:
            continue
        bound = rule.bind(principal)
        if bound is None:
            continue
        if rule.deny:
            if not bound:
                allowed = False
        else:
            allowed = True
    return allowed


def _matches(instance: Model, conditions: dict[str, Any]) -> bool:
    simple = {}
    for lookup, expected in conditions.items():
        name, _, operator = lookup.partition("__")
        try:
            field = instance._meta.get_field(name)
        except Exception:  # noqa: BLE001 - unknown names match nothing
            return False
        if field.many_to_many or field.one_to_many or operator not in ("", "in"):
            simple = None
            break
        actual = getattr(instance, field.attname)
        if operator == "in":
            if actual not in expected:
                return False
        elif actual != expected:
            return False
    if simple is None:
        # Relations and richer lookups are answered by the database for this one row.
        return type(instance)._base_manager.filter(pk=instance.pk, **conditions).exists()
    return True


def can_on(principal: Principal, action: str, instance: Model, subject: str | None = None) -> bool:
    """Instance-level answer: the last rule whose conditions match the record decides."""
    if _is_super_admin(principal):
        return True
    subject = subject or access_subject(type(instance))
    for rule in reversed(rules_for(principal, subject)):
        if action not in rule.actions:
            continue
        bound = rule.bind(principal)
        if bound is None:
            continue
        if not bound or _matches(instance, bound):
            return not rule.deny
    return False


NOTHING = Q(pk__in=[])


def action_filter(principal: Principal, action: str, subject: str) -> Q | None:
    """A filter of the records ``principal`` may ``action``; ``None`` means no restriction.

    Rules are read from the highest precedence down: conditional deny rules are ANDed as
    exclusions, conditional allow rules ORed together; an unconditional allow ends the walk with
    no restriction beyond the exclusions met so far, an unconditional deny ends it with what was
    allowed so far. No allow rule gives :data:`NOTHING` (an empty result, not an error).
    """
    if _is_super_admin(principal):
        return None
    allowed: list[Q] = []
    excluded: list[Q] = []
    for rule in reversed(rules_for(principal, subject)):
        if action not in rule.actions:
            continue
        bound = rule.bind(principal)
        if bound is None:
            continue
        if not bound:
            if rule.deny:
                break
            return _and_all(excluded)
        if rule.deny:
            excluded.append(~Q(**bound))
        else:
            allowed.append(Q(**bound))
    if not allowed:
        return NOTHING
    combined = allowed[0]
    for clause in allowed[1:]:
        combined |= clause
    restriction = _and_all(excluded)
    return combined if restriction is None else combined & restriction


def _and_all(clauses: list[Q]) -> Q | None:
    if not clauses:
        return None
    combined = clauses[0]
    for clause in clauses[1:]:
        combined &= clause
    return combined


def read_filter(principal: Principal, subject: str) -> Q | None:
    return action_filter(principal, READ, subject)


def access_subject(model: type[Model]) -> str:
    subject = getattr(model, "access_subject", None)
    if not subject:
        raise LookupError(f"{model.__name__} declares no access_subject")
    return subject


def permitted_fields(principal: Principal, action: str, subject: str) -> tuple[str, ...] | None:
    """Field restriction of the applicable allow rules, or ``None`` for every field."""
    if _is_super_admin(principal):
        return None
    fields: set[str] = set()
    for rule in rules_for(principal, subject):
        if action in rule.actions and not rule.deny and rule.bind(principal) is not None:
            if rule.fields is None:
                return None
            fields.update(rule.fields)
    return tuple(sorted(fields))
