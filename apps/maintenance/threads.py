"""Ticket and scope-of-work threads (spec 07 section 6) on the chat app's own tables.

Participants of these threads are organizations (``participant_id`` = the Landlord, Tenant or
Contractor record), as in the original; the chat app's access rows already let every user of a
participating organization read them. Each thread records its landlord. Unlike the original, the
landlord side is always the ticket's own landlord (open question 1), and accept, decline and
post act for the caller's own organization, never for an id taken from the body (open
question 11): the body's ``participantId`` must be the caller's organization.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from apps.chat.models import (
    LinkedEntityType,
    ParticipantStatus,
    ParticipantType,
    Thread,
    ThreadParticipant,
    ThreadType,
)
from apps.core.db import atomic
from apps.core.exceptions import BadRequest, Forbidden, NotFound
from apps.maintenance.models import MaintenanceTicket, ScopeOfWork
from apps.maintenance.parties import unit_active_tenant_id

MODEL_OF = {
    ParticipantType.LANDLORD: "Landlord",
    ParticipantType.TENANT: "Tenant",
    ParticipantType.CONTRACTOR: "Contractor",
}


def participant_ensure(
    thread: Thread, *, kind: str, organization_id, status: str, mandatory: bool
) -> ThreadParticipant | None:
    if organization_id is None:
        return None
    existing = (
        ThreadParticipant.objects.unscoped().filter(thread=thread, participant_id=organization_id).first()
    )
    if existing is not None:
        return existing
    return ThreadParticipant.objects.unscoped().create(
        thread=thread,
        participant_type=kind,
        participant_id=organization_id,
        participant_model=MODEL_OF[kind],
        status=status,
        is_mandatory=mandatory,
    )


def seat(thread: Thread, kind: str, organization_id) -> ThreadParticipant | None:
    """A mandatory participant, active at once (the landlord, the ticket's tenant...)."""
    return participant_ensure(
        thread, kind=kind, organization_id=organization_id, status=ParticipantStatus.ACTIVE, mandatory=True
    )


def invite(thread: Thread, kind: str, organization_id) -> ThreadParticipant | None:
    """An optional participant, pending until it accepts."""
    return participant_ensure(
        thread, kind=kind, organization_id=organization_id, status=ParticipantStatus.PENDING, mandatory=False
    )


def _thread(
    *, entity_type: str, entity_id, model: str, thread_type: str, title: str, landlord_id, actor=None
):
    existing = (
        Thread.objects.unscoped()
        .filter(linked_entity_type=entity_type, linked_entity_id=entity_id, thread_type=thread_type)
        .first()
    )
    if existing is not None:
        return existing, False
    thread = Thread.objects.unscoped().create(
        title=title[:200],
        linked_entity_type=entity_type,
        linked_entity_id=entity_id,
        linked_entity_model=model,
        thread_type=thread_type,
        created_by=actor,
        landlord_id=landlord_id,
    )
    return thread, True


# -- tickets --------------------------------------------------------------------------------------
def ticket_thread_ensure(*, ticket: MaintenanceTicket, actor) -> Thread | None:
    """Section 6.2: the LANDLORD_TENANT thread of a new ticket, between its landlord and the
    reporting tenant (or the tenant of the unit's ACTIVE lease when a landlord reports it)."""
    if actor.user_type == "Tenant":
        tenant_id = actor.organization_id
    else:
        tenant_id = unit_active_tenant_id(ticket.unit_id)
    if tenant_id is None:
        return None
    thread, _ = _thread(
        entity_type=LinkedEntityType.TICKET,
        entity_id=ticket.pk,
        model="MaintenanceTicket",
        thread_type=ThreadType.LANDLORD_TENANT,
        title=f"Ticket #{ticket.ticket_number} - {ticket.title}",
        landlord_id=ticket.landlord_id,
        actor=actor,
    )
    for kind, org in ((ParticipantType.LANDLORD, ticket.landlord_id), (ParticipantType.TENANT, tenant_id)):
        seat(thread, kind, org)
    return thread


def ticket_thread_add_contractor(*, ticket: MaintenanceTicket) -> None:
    """On accept, the assigned contractor joins the ticket's thread (ACTIVE, mandatory)."""
    if ticket.assigned_contractor_id is None:
        return
    for thread in Thread.objects.unscoped().filter(
        linked_entity_type=LinkedEntityType.TICKET,
        linked_entity_id=ticket.pk,
        thread_type=ThreadType.LANDLORD_TENANT,
    ):
        seat(thread, ParticipantType.CONTRACTOR, ticket.assigned_contractor_id)


# -- scopes of work -------------------------------------------------------------------------------
def _sow_thread(sow: ScopeOfWork, thread_type: str, label: str, actor) -> Thread:
    thread, _ = _thread(
        entity_type=LinkedEntityType.SCOPE_OF_WORK,
        entity_id=sow.pk,
        model="ScopeOfWork",
        thread_type=thread_type,
        title=f"SOW #{sow.sow_number} - {label}",
        landlord_id=sow.landlord_id,
        actor=actor,
    )
    return thread


def _sow_tenants(ticket_units) -> list:
    found = []
    for unit_id in ticket_units:
        tenant_id = unit_active_tenant_id(unit_id)
        if tenant_id is not None and tenant_id not in found:
            found.append(tenant_id)
    return found


def sow_threads_create(*, sow: ScopeOfWork, unit_ids, actor) -> list[Thread]:
    """Section 6.2, SOW created: the LANDLORD_TENANT_SOW and SOW_GROUP threads, when the grouped
    tickets' units have tenants on ACTIVE leases. Tenant users are invited to the group thread."""
    tenants = _sow_tenants(unit_ids)
    if not tenants:
        return []
    from apps.maintenance import notify
    from apps.notifications.services import notify_many
    from apps.notifications.types import NotificationType

    main = _sow_thread(sow, ThreadType.LANDLORD_TENANT_SOW, "Landlord-Tenant", actor)
    group = _sow_thread(sow, ThreadType.SOW_GROUP, "Group Chat", actor)
    for thread in (main, group):
        seat(thread, ParticipantType.LANDLORD, sow.landlord_id)
    for tenant_id in tenants:
        seat(main, ParticipantType.TENANT, tenant_id)
        invite(group, ParticipantType.TENANT, tenant_id)
    invited = (
        get_user_model()
        .objects.unscoped()
        .filter(user_type="Tenant", organization_id__in=tenants, is_disabled=False)
    )
    notify._safe(
        notify_many,
        users=list(invited),
        type=NotificationType.MESSAGE_GROUP_INVITE,
        title="Thread Invitation",
        content=f"You have been invited to join the group discussion for SOW #{sow.sow_number}.",
        action_url=f"/dashboard/tenant/maintenance/scope-of-work/{sow.pk}",
        data={"threadId": str(group.pk), "sowId": str(sow.pk)},
        channels=("in_app",),
    )
    return [main, group]


def sow_threads_add_contractor(*, sow: ScopeOfWork, actor, direct_unit_ids) -> None:
    """Section 6.2, SOW accepted with a contractor: the contractor is invited to every thread of
    the SOW; LANDLORD_CONTRACTOR and CONTRACTOR_TENANT threads are created if missing."""
    contractor_id = sow.assigned_contractor_id
    if contractor_id is None:
        return
    for thread in Thread.objects.unscoped().filter(
        linked_entity_type=LinkedEntityType.SCOPE_OF_WORK, linked_entity_id=sow.pk
    ):
        invite(thread, ParticipantType.CONTRACTOR, contractor_id)
    landlord_thread = _sow_thread(sow, ThreadType.LANDLORD_CONTRACTOR, "Landlord-Contractor", actor)
    seat(landlord_thread, ParticipantType.LANDLORD, sow.landlord_id)
    invite(landlord_thread, ParticipantType.CONTRACTOR, contractor_id)
    tenants = _sow_tenants(direct_unit_ids)
    if tenants:
        tenant_thread = _sow_thread(sow, ThreadType.CONTRACTOR_TENANT, "Contractor-Tenant", actor)
        invite(tenant_thread, ParticipantType.CONTRACTOR, contractor_id)
        for tenant_id in tenants:
            invite(tenant_thread, ParticipantType.TENANT, tenant_id)


# -- the thread routes (section 6.1) --------------------------------------------------------------
SPEAKING = (ParticipantStatus.ACCEPTED, ParticipantStatus.ACTIVE)
ORG_TYPE = {
    "Landlord": ParticipantType.LANDLORD,
    "Tenant": ParticipantType.TENANT,
    "Contractor": ParticipantType.CONTRACTOR,
}
MESSAGE_MEDIA_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf")


def _own_participation(thread: Thread, actor, participant_type: str, participant_id) -> ThreadParticipant:
    """The participation the caller acts through: its own organization's, never one named in
    the body for someone else (spec 07 open question 11)."""
    participant = (
        ThreadParticipant.objects.unscoped()
        .filter(thread=thread, participant_id=participant_id, participant_type=participant_type)
        .first()
    )
    if participant is None:
        raise NotFound("Participant not found in this thread")
    if actor.user_type != "Admin" and participant_id != actor.organization_id:
        raise Forbidden("You can only act for your own organization in this thread")
    return participant


@atomic
def participant_respond(*, thread: Thread, actor, participant_type: str, participant_id, accept: bool):
    participant = _own_participation(thread, actor, participant_type, participant_id)
    if participant.is_mandatory:
        raise BadRequest("Mandatory participants cannot accept/decline")
    target = ParticipantStatus.ACCEPTED if accept else ParticipantStatus.DECLINED
    if participant.status == target:
        raise BadRequest("Thread already accepted" if accept else "Thread already declined")
    participant.status = target
    participant.version += 1
    participant.save(update_fields=["status", "version"])
    if not accept:
        remaining = (
            ThreadParticipant.objects.unscoped()
            .filter(thread=thread, status__in=(*SPEAKING, ParticipantStatus.PENDING))
            .exclude(participant_type=ParticipantType.LANDLORD)
        )
        if not remaining.exists():
            thread.delete()
            return None
    return participant


def _org_users(org_ids):
    return list(
        get_user_model().objects.unscoped().filter(organization_id__in=list(org_ids), is_disabled=False)
    )


@atomic
def message_post(
    *,
    thread: Thread,
    actor,
    content: str,
    sender_type: str,
    sender_id,
    files=(),
    entity_label: str,
    entity_url: str,
):
    """Post as the caller's organization; pushed over the chat WebSocket to every user of the
    participating organizations, and notified as section 6.1 says."""
    from apps.chat.models import ThreadMessage
    from apps.chat.selectors import MESSAGE_MEDIA_COLLECTION, MESSAGE_MEDIA_OWNER, message_json
    from apps.maintenance import notify
    from apps.maintenance.services import check_files
    from apps.media.services import media_to_dict, media_upload_many
    from apps.notifications.content import display_name
    from apps.notifications.realtime import chat_user_group, push
    from apps.notifications.services import notify_many
    from apps.notifications.types import NotificationType

    if sender_type == "SYSTEM":
        raise Forbidden("You are not a participant in this thread")
    participant = (
        ThreadParticipant.objects.unscoped()
        .filter(thread=thread, participant_id=sender_id, participant_type=sender_type)
        .first()
    )
    if participant is None or (actor.user_type != "Admin" and sender_id != actor.organization_id):
        raise Forbidden("You are not a participant in this thread")
    if participant.status not in SPEAKING:
        raise Forbidden("You must accept the thread invitation before sending messages")
    files = list(files or [])
    check_files(files, MESSAGE_MEDIA_TYPES)
    message = ThreadMessage.objects.unscoped().create(
        thread=thread,
        content=content,
        sender_type=sender_type,
        sender=actor,
        sender_model=MODEL_OF.get(sender_type, "User"),
        read_by=[str(actor.pk)],
    )
    stored = media_upload_many(
        uploads=files,
        owner_type=MESSAGE_MEDIA_OWNER,
        owner_id=message.pk,
        landlord_id=thread.landlord_id,
        uploaded_by_id=actor.pk,
        collection_name=MESSAGE_MEDIA_COLLECTION,
    )
    thread.last_message = message
    thread.save(update_fields=["last_message"])
    media = [media_to_dict(item) for item in stored]
    speaking = list(
        ThreadParticipant.objects.unscoped()
        .filter(thread=thread, status__in=SPEAKING)
        .values_list("participant_type", "participant_id")
    )
    people = _org_users([org for _, org in speaking])
    push(
        [chat_user_group(person.pk) for person in people],
        "chat:message",
        {"threadId": str(thread.pk), "message": message_json(message, media=media)},
    )
    name = display_name(actor)
    if sender_type in (ParticipantType.TENANT, ParticipantType.CONTRACTOR):
        recipient = notify.landlord_user(thread.landlord_id)
        if recipient is not None and recipient.pk != actor.pk:
            notify._safe(
                notify_many,
                users=[recipient],
                type=NotificationType.MESSAGE_NEW_DIRECT,
                title="New Attachment" if stored else "New Message",
                content=(
                    f"📎 {name} attached a file in {entity_label}."
                    if stored
                    else f"💬 {name} sent a new message in {entity_label}."
                ),
                action_url=entity_url.format(role="landlord"),
                data={"threadId": str(thread.pk)},
                channels=("in_app",),
            )
    if sender_type in (ParticipantType.LANDLORD, ParticipantType.CONTRACTOR):
        tenant_orgs = [org for kind, org in speaking if kind == ParticipantType.TENANT]
        tenants = [
            p
            for p in people
            if p.organization_id in tenant_orgs and p.user_type == "Tenant" and p.pk != actor.pk
        ]
        notify._safe(
            notify_many,
            users=tenants,
            type=NotificationType.MESSAGE_NEW_GROUP,
            title="New Message",
            content=f"💬 {name} sent a new message in {entity_label}.",
            action_url=entity_url.format(role="tenant"),
            data={"threadId": str(thread.pk)},
            channels=("in_app",),
        )
    return message, media
