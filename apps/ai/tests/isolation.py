"""Isolation cases of the AI routes (see ``tests/isolation.py``).

None of them reads or writes a record: the invoice extraction answers from the uploaded file alone
(any signed-in user, nothing stored) and the landing chatbot routes are public and answer from the
conversation in the request. There is no tenant data for another landlord to reach.
"""

from tests.isolation import Case

EXEMPT = {
    ("ai:extract-invoice-data", "POST"): (
        "No tenant data: the answer comes from the uploaded file only and nothing is stored "
        "(spec 09 section 1)"
    ),
    ("ai:chat", "POST"): "Public landing chatbot: answers the conversation in the request, reads no record",
    ("ai:chat-stream", "POST"): "Public landing chatbot (streamed): reads no record",
    ("ai:marketing-chat", "POST"): "Public marketing chatbot: reads no record",
}


def _building(w):
    if "voice_property" not in w.extra:
        from apps.properties.tests.factories import PropertyFactory

        w.extra["voice_property"] = PropertyFactory(landlord=w.landlord_a, name="A's building")
    return w.extra["voice_property"]


def _voice_body(w):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {
        "property": str(_building(w).pk),
        "audio_file": SimpleUploadedFile("memo.mp3", b"ID3\x04fake", "audio/mpeg"),
    }


# The voice ticket draft reads the property (its name goes to the AI service): another landlord's
# building is a 404 before anything is sent; contractors may not create tickets at all (403).
# One case per attacker: an uploaded file is read once.
CASES = [
    Case(
        "ai:voice-ticket",
        "POST",
        lambda w: (_building(w), "/maintenance/tickets/voice")[1],
        body=_voice_body,
        attackers=(attacker,),
        expect=(403,) if attacker == "contractor_b" else (404,),
        format="multipart",
    )
    for attacker in ("admin_b", "staff_b", "tenant_b", "contractor_b")
]
