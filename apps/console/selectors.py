"""Read models of the identity part of the admin console (spec 02 section 9).

Everything here is read-only and runs for a SuperAdmin. Per-page extras (organization names,
counts, landlord names) are computed with one grouped query per kind, never per row. Figures of
other domains come from their selectors; those of domains not installed yet (leases, tickets,
tasks) come through :mod:`apps.console.figures` and are omitted while absent.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import timedelta
from typing import Any

from django.db.models import Count, Model, Q
from django.utils import timezone

from apps.accounts.models import Contractor, Landlord, Tenant, User
from apps.accounts.users_serializers import (
    ContractorRecordSerializer,
    LandlordRecordSerializer,
    TenantRecordSerializer,
    landlord_links,
    user_record,
    user_records,
)
from apps.console import figures
from apps.core.models import AuditLog
from apps.core.scope import UserType
from apps.core.serializers import RecordSerializer, record_meta_fields
from apps.properties.selectors import property_count, property_counts_by_landlord, unit_count


def counts_by(model: type[Model], key: str, ids, **filters) -> dict[Any, int]:
    """``{key value: row count}`` for the given ids, in one grouped query."""
    if not ids:
        return {}
    rows = (
        model.objects.filter(**{f"{key}__in": list(ids)}, **filters)
        .values(key)
        .annotate(total=Count("pk"))
        .order_by()
    )
    return {row[key]: row["total"] for row in rows}


def _present(counters: dict[str, int | None]) -> dict[str, int]:
    """The counters of the domains that exist (an absent domain's counter is ``None``)."""
    return {name: value for name, value in counters.items() if value is not None}


# -- overview ------------------------------------------------------------------------------------------
def overview() -> dict[str, Any]:
    week_ago = timezone.now() - timedelta(days=7)
    return {
        "total_landlords": Landlord.objects.count(),
        "total_users": User.objects.count(),
        "total_tenants": Tenant.objects.count(),
        "total_contractors": Contractor.objects.count(),
        "total_properties": property_count(),
        "total_units": unit_count(),
        **_present(
            {
                "total_active_leases": figures.active_lease_count(),
                "total_open_tickets": figures.open_ticket_count(),
                "total_pending_transactions": figures.pending_transaction_count(),
                "total_open_tasks": figures.open_task_count(),
            }
        ),
        "recent_activity": {
            "new_users_last7_days": User.objects.filter(created_at__gte=week_ago).count(),
            "new_properties_last7_days": property_count(created_since=week_ago),
            **_present(
                {
                    "new_tickets_last7_days": figures.ticket_count(created_since=week_ago),
                    "transactions_last7_days": figures.transaction_count(created_since=week_ago),
                }
            ),
        },
    }


def landlord_names() -> list[dict[str, Any]]:
    from apps.core.serializers import iso

    return [
        {"_id": str(pk), "name": name, "created_at": iso(created)}
        for pk, name, created in Landlord.objects.order_by("name").values_list("pk", "name", "created_at")
    ]


# -- users ---------------------------------------------------------------------------------------------
def admin_users_queryset(*, search: str | None, landlord_id, user_type: str | None):
    queryset = User.objects.all()
    if landlord_id:
        queryset = queryset.filter(organization_id=landlord_id)
    # ``userType`` overrides the Landlord type that ``landlordId`` implies
    if user_type or landlord_id:
        queryset = queryset.filter(user_type=user_type or UserType.LANDLORD)
    if search:
        queryset = queryset.filter(
            Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(email__icontains=search)
            | Q(username__icontains=search)
        )
    return queryset


ORG_MODELS = {UserType.LANDLORD: Landlord, UserType.TENANT: Tenant, UserType.CONTRACTOR: Contractor}


def _organization_names(users) -> dict[tuple[str, Any], str]:
    wanted: dict[str, set] = defaultdict(set)
    for user in users:
        if user.organization_id and user.user_type in ORG_MODELS:
            wanted[user.user_type].add(user.organization_id)
    names: dict[tuple[str, Any], str] = {}
    for user_type, ids in wanted.items():
        model = ORG_MODELS[user_type]
        for pk, name in model.objects.filter(pk__in=list(ids)).values_list("pk", "name"):
            names[(user_type, pk)] = name
    return names


def admin_user_rows(users) -> list[dict[str, Any]]:
    users = list(users)
    names = _organization_names(users)
    rows = []
    for user, record in zip(users, user_records(users), strict=True):
        row = dict(record)
        row["organization_name"] = names.get((user.user_type, user.organization_id))
        rows.append(row)
    return rows


def admin_user_detail(user: User) -> dict[str, Any]:
    return user_record(user)


# -- landlords -----------------------------------------------------------------------------------------
def admin_landlords_queryset(*, search: str | None):
    queryset = Landlord.objects.all()
    if search:
        queryset = queryset.filter(name__icontains=search)
    return queryset


def admin_landlord_rows(landlords) -> list[dict[str, Any]]:
    landlords = list(landlords)
    ids = [landlord.pk for landlord in landlords]
    users = counts_by(User, "organization_id", ids, user_type=UserType.LANDLORD)
    properties = property_counts_by_landlord(ids)
    rows = []
    for landlord, record in zip(landlords, LandlordRecordSerializer(landlords, many=True).data, strict=True):
        row = dict(record)
        row["user_count"] = users.get(landlord.pk, 0)
        row["property_count"] = properties.get(landlord.pk, 0)
        rows.append(row)
    return rows


def admin_landlord_detail(landlord: Landlord) -> dict[str, Any]:
    users = User.objects.filter(organization_id=landlord.pk, user_type=UserType.LANDLORD).order_by(
        "created_at"
    )
    data = dict(LandlordRecordSerializer(landlord).data)
    user_rows = user_records(users)
    data["users"] = user_rows
    data["stats"] = {
        "user_count": len(user_rows),
        "property_count": property_count(landlord_id=landlord.pk),
        **_present({"active_lease_count": figures.active_lease_count(landlord_id=landlord.pk)}),
    }
    return data


# -- tenants and contractors -----------------------------------------------------------------------------
def _landlord_name_map(ids) -> dict[Any, str]:
    return dict(Landlord.objects.filter(pk__in=list(ids)).values_list("pk", "name"))


def admin_parties_queryset(model, *, search: str | None, landlord_id):
    queryset = model.objects.all()
    if landlord_id:
        through = model.landlords.through
        column = f"{model._meta.model_name}_id"
        linked = through.objects.filter(landlord_id=landlord_id).values_list(column, flat=True)
        queryset = queryset.filter(pk__in=list(linked))
    if search:
        clause = Q(name__icontains=search)
        if model is Contractor:
            clause |= Q(category__icontains=search)
        queryset = queryset.filter(clause)
    return queryset


PARTY_SERIALIZERS = {Tenant: TenantRecordSerializer, Contractor: ContractorRecordSerializer}
PARTY_USER_TYPES = {Tenant: UserType.TENANT, Contractor: UserType.CONTRACTOR}


def admin_party_rows(model, parties) -> list[dict[str, Any]]:
    parties = list(parties)
    ids = [party.pk for party in parties]
    links = landlord_links(model, ids)
    names = _landlord_name_map({pk for values in links.values() for pk in values})
    users = counts_by(User, "organization_id", ids, user_type=PARTY_USER_TYPES[model])
    records = PARTY_SERIALIZERS[model](parties, many=True, context={"links": links}).data
    rows = []
    for party, record in zip(parties, records, strict=True):
        row = dict(record)
        row["user_count"] = users.get(party.pk, 0)
        row["landlord_names"] = [names[pk] for pk in links.get(party.pk, []) if pk in names]
        rows.append(row)
    return rows


def admin_party_detail(model, party) -> dict[str, Any]:
    links = landlord_links(model, [party.pk])
    names = _landlord_name_map(links.get(party.pk, []))
    data = dict(PARTY_SERIALIZERS[model](party, context={"links": links}).data)
    data["landlords"] = [{"_id": str(pk), "name": names[pk]} for pk in links.get(party.pk, []) if pk in names]
    users = User.objects.filter(organization_id=party.pk, user_type=PARTY_USER_TYPES[model]).order_by(
        "created_at"
    )
    data["users"] = user_records(users)
    return data


# -- audit logs ---------------------------------------------------------------------------------------------
class AuditLogRecordSerializer(RecordSerializer):
    class Meta:
        model = AuditLog
        fields = record_meta_fields("user_id", "action", "details", soft_delete=False)


def admin_audit_queryset(*, user_id, action, search, start_date, end_date):
    queryset = AuditLog.objects.all()
    if user_id:
        queryset = queryset.filter(user_id=str(user_id))
    if action:
        queryset = queryset.filter(action__icontains=action)
    if search:
        queryset = queryset.filter(Q(action__icontains=search) | Q(details__request__path__icontains=search))
    if start_date:
        queryset = queryset.filter(created_at__gte=start_date)
    if end_date:
        queryset = queryset.filter(created_at__lte=end_date)
    return queryset


def _audit_users(user_ids) -> dict[str, User]:
    ids = []
    for value in user_ids:
        try:
            ids.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    if not ids:
        return {}
    return {str(user.pk): user for user in User.objects.including_deleted().filter(pk__in=ids)}


def _audit_row(record: dict, user: User | None) -> dict[str, Any]:
    row = dict(record)
    if user is None:
        row["user_name"] = "Unknown User"
        row["user_email"] = None
    else:
        row["user_name"] = f"{user.first_name or 'Unknown'} {user.last_name or 'User'}"
        row["user_email"] = user.email
    return row


def admin_audit_rows(logs) -> list[dict[str, Any]]:
    logs = list(logs)
    users = _audit_users({log.user_id for log in logs})
    records = AuditLogRecordSerializer(logs, many=True).data
    return [_audit_row(record, users.get(log.user_id)) for log, record in zip(logs, records, strict=True)]


def admin_audit_detail(log: AuditLog) -> dict[str, Any]:
    users = _audit_users([log.user_id])
    return _audit_row(AuditLogRecordSerializer(log).data, users.get(log.user_id))
