"""Chat records for tests: a landlord with its people, direct and group threads."""

from __future__ import annotations

from apps.accounts.tests.factories import (
    ContractorOrgFactory,
    ContractorUserFactory,
    LandlordFactory,
    LandlordUserFactory,
    TenantOrgFactory,
    TenantUserFactory,
)
from apps.chat.models import (
    LinkedEntityType,
    SenderType,
    Thread,
    ThreadMessage,
    ThreadParticipant,
    ThreadType,
)
from apps.chat.services import participant_add


class Community:
    """One landlord, its admin, two linked tenant households and a linked contractor."""

    def __init__(self):
        self.landlord = LandlordFactory()
        self.admin = LandlordUserFactory(
            organization_id=self.landlord.pk, first_name="Lana", last_name="Lord"
        )
        self.tenant_org = TenantOrgFactory(landlords=[self.landlord])
        self.tenant = TenantUserFactory(
            organization_id=self.tenant_org.pk, first_name="Tom", last_name="Tenant"
        )
        self.neighbor_org = TenantOrgFactory(landlords=[self.landlord])
        self.neighbor = TenantUserFactory(
            organization_id=self.neighbor_org.pk, first_name="Nina", last_name="Next"
        )
        self.contractor_org = ContractorOrgFactory(landlords=[self.landlord])
        self.contractor = ContractorUserFactory(
            organization_id=self.contractor_org.pk, first_name="Carl", last_name="Fix"
        )


def direct_thread(a, b) -> Thread:
    thread = Thread.objects.unscoped().create(
        title="Chat between users",
        linked_entity_type=LinkedEntityType.TENANT_CHAT,
        linked_entity_id=min(str(a.pk), str(b.pk)),
        linked_entity_model="User",
        thread_type=ThreadType.TENANT_TENANT,
        created_by=a,
    )
    for person in (a, b):
        add_participant(thread, person)
    return thread


def group_thread(owner, *members, title="Book club") -> Thread:
    thread = Thread.objects.unscoped().create(
        title=title,
        linked_entity_type=LinkedEntityType.TENANT_CHAT,
        linked_entity_id=owner.pk,
        linked_entity_model="User",
        thread_type=ThreadType.TENANT_TENANT_GROUP,
        created_by=owner,
        admins=[str(owner.pk)],
    )
    for person in (owner, *members):
        add_participant(thread, person)
    return thread


def add_participant(thread, person) -> ThreadParticipant:
    return participant_add(thread, person)


def message(thread, sender, content="Hello") -> ThreadMessage:
    row = ThreadMessage.objects.unscoped().create(
        thread=thread,
        content=content,
        sender_type=SenderType.TENANT,
        sender=sender,
        read_by=[str(sender.pk)],
    )
    thread.last_message = row
    thread.save(update_fields=["last_message"])
    return row
