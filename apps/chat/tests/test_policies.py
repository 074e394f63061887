"""Access rows of Thread, ThreadMessage and ThreadParticipant (spec 01 section 4, README rule 1)."""

from __future__ import annotations

import pytest

from apps.chat.models import ParticipantType, Thread, ThreadMessage, ThreadParticipant, ThreadType
from apps.chat.tests.factories import direct_thread, group_thread, message
from apps.core.access import can
from apps.core.scope import Principal, access_scope

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "subject", "allowed"),
    [
        ("admin", "Thread", "CRUD"),
        ("admin", "ThreadMessage", "CRUD"),
        ("admin", "ThreadParticipant", "CRUD"),
        ("tenant", "Thread", "R"),
        ("tenant", "ThreadMessage", "CR"),
        ("tenant", "ThreadParticipant", "RU"),
        ("contractor", "Thread", "R"),
        ("contractor", "ThreadMessage", "CR"),
        ("contractor", "ThreadParticipant", "RU"),
    ],
)
def test_type_level_answers_match_spec_01(community, who, subject, allowed):
    principal = Principal.for_user(getattr(community, who))
    letters = {"create": "C", "read": "R", "update": "U", "delete": "D"}
    assert "".join(letter for action, letter in letters.items() if can(principal, action, subject)) == allowed


def test_scoped_reads_show_only_threads_one_takes_part_in(community, other_community):
    c = community
    mine = direct_thread(c.tenant, c.neighbor)
    message(mine, c.neighbor)
    theirs = group_thread(c.admin, c.contractor)
    message(theirs, c.admin)
    foreign = direct_thread(other_community.tenant, other_community.admin)
    # A maintenance-style thread whose participant is the landlord organization.
    org_thread = Thread.objects.unscoped().create(
        title="Ticket #1",
        linked_entity_type="TICKET",
        thread_type=ThreadType.LANDLORD_TENANT,
        landlord=c.landlord,
    )
    ThreadParticipant.objects.unscoped().create(
        thread=org_thread,
        participant_type=ParticipantType.LANDLORD,
        participant_id=c.landlord.pk,
        participant_model="Landlord",
    )

    def visible(user):
        with access_scope(Principal.for_user(user)):
            return (
                set(Thread.objects.values_list("pk", flat=True)),
                set(ThreadMessage.objects.values_list("thread_id", flat=True)),
                set(ThreadParticipant.objects.values_list("thread_id", flat=True)),
            )

    assert visible(c.tenant) == ({mine.pk}, {mine.pk}, {mine.pk})
    threads, messages, participants = visible(c.admin)
    assert threads == {theirs.pk, org_thread.pk} and messages == {theirs.pk}
    assert participants == {theirs.pk, org_thread.pk}
    assert visible(other_community.admin)[0] == {foreign.pk}
    assert foreign.pk not in visible(c.admin)[0]
