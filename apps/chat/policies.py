"""Rows of the access table for Thread, ThreadMessage, ThreadParticipant and UserBlock.

Spec 01 gives LandlordAdmin and LandlordStaff unconditional rights over every thread of the
platform. Spec README rule 1 overrides that: every role reaches only the threads it takes part in,
either as a user (chat threads, whose participants are users) or through its organization
(maintenance threads, whose participants are organizations). The type-level answers of spec 01
section 4.1 are kept: tenants and contractors read threads, create and read messages, read and
update their participation; landlords manage all three within their threads. SuperAdmin needs no
rows.
"""

from apps.core.access import CREATE, MANAGE, READ, UPDATE, Ref, allow, register
from apps.core.scope import Role

IN_THREAD = "participants__participant_id"
IN_PARENT_THREAD = "thread__participants__participant_id"


def _rows(thread_actions, message_actions, participant_actions):
    rows = []
    for ref in (Ref.USER, Ref.ORGANIZATION):
        rows += [
            allow(thread_actions, "Thread", {IN_THREAD: ref}),
            allow(message_actions, "ThreadMessage", {IN_PARENT_THREAD: ref}),
            allow(participant_actions, "ThreadParticipant", {IN_PARENT_THREAD: ref}),
        ]
    rows += [
        allow(MANAGE, "UserBlock", {"blocker_id": Ref.USER}),
        allow(READ, "UserBlock", {"blocked_id": Ref.USER}),
    ]
    return rows


for _role in (Role.LANDLORD_ADMIN, Role.LANDLORD_STAFF):
    register(_role, *_rows(MANAGE, MANAGE, MANAGE))

for _role in (Role.TENANT, Role.CONTRACTOR):
    register(_role, *_rows(READ, [CREATE, READ], [READ, UPDATE]))
