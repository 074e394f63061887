"""The voice ticket flow up to the draft (spec 07 section 3.2), through the real AI service."""

from __future__ import annotations

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.ai.voice import NOT_AUDIO, VoiceAssistantUnavailable, voice_audio_check, voice_ticket_draft
from apps.core.exceptions import BadRequest

PROPERTY_ID = str(uuid.uuid4())
UNIT_ID = str(uuid.uuid4())


def audio(data: bytes, name="note.wav", content_type="audio/wav") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type)


@pytest.mark.slow
def test_offline_draft_from_speech(ai_service, speech):
    draft = voice_ticket_draft(
        audio=audio(speech("the kitchen sink is leaking")),
        property_id=PROPERTY_ID,
        unit_id=UNIT_ID,
        property_name="Maple Court",
        unit_number="4B",
    )
    # Offline recognition of synthetic speech is approximate ("sink" is sometimes heard as "think").
    assert "leaking" in draft["transcript"]
    assert draft["status"] == "completed"
    [ticket] = draft["tickets"]
    assert ticket["category"] == "PLUMBING"
    assert (ticket["property_name"], ticket["unit_number"]) == ("Maple Court", "4B")
    assert draft["cost"] == 0.0
    assert (draft["property_id"], draft["unit_id"]) == (PROPERTY_ID, UNIT_ID)


def test_with_openai_costs_add_up_and_context_is_sent(ai_service_online):
    ai_service_online.transcription = "there is no hot water"
    ai_service_online.chat_content = (
        '{"status": "completed", "response_text": "Ticket ready.", "tickets": '
        '[{"property_name": "Maple Court", "unit_number": null, "title": "No hot water", '
        '"description": "No hot water.", "category": "plumbing", "priority": "HIGH"}]}'
    )
    draft = voice_ticket_draft(
        audio=audio(b"ID3\x04fake-mp3", name="memo.mp3", content_type="audio/mpeg"),
        property_id=PROPERTY_ID,
        property_name="Maple Court",
    )
    assert draft["transcript"] == "there is no hot water"
    assert draft["response_text"] == "Ticket ready."
    assert draft["tickets"][0]["category"] == "PLUMBING"
    # whisper cost is 0 for non-WAV audio; the chat's usage cost is 1000 prompt + 200 completion tokens
    assert draft["cost"] == pytest.approx(1000 / 1e6 * 2.5 + 200 / 1e6 * 10)
    assert draft["unit_id"] is None
    chat_call = ai_service_online.requests[-1][1]
    assert "Maple Court" in chat_call["messages"][0]["content"]
    assert chat_call["messages"][1] == {"role": "user", "content": "there is no hot water"}


def test_service_failure_is_a_502_not_a_500(settings, free_port):
    settings.AI_ENDPOINT = f"http://127.0.0.1:{free_port}"
    with pytest.raises(VoiceAssistantUnavailable) as caught:
        voice_ticket_draft(audio=audio(b"RIFF0000WAVE"), property_id=PROPERTY_ID)
    assert caught.value.status_code == 502


def test_offline_service_refuses_non_wav_audio(ai_service):
    with pytest.raises(VoiceAssistantUnavailable):
        voice_ticket_draft(
            audio=audio(b"OggS\x00junk", name="a.ogg", content_type="audio/ogg"), property_id=PROPERTY_ID
        )


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("a.pdf", b"%PDF-1.7", "application/pdf"),
        SimpleUploadedFile("a.wav", b"0" * 10_000_001, "audio/wav"),
        None,
    ],
)
def test_audio_checks(upload):
    with pytest.raises(BadRequest) as caught:
        voice_audio_check(upload)
    if upload is not None:
        assert caught.value.message == NOT_AUDIO


# -- the route: POST /maintenance/tickets/voice ------------------------------------------------------
@pytest.fixture
def building():
    from apps.accounts.tests.factories import LandlordUserFactory
    from apps.properties.tests.factories import PropertyFactory, UnitFactory

    owner = LandlordUserFactory()
    prop = PropertyFactory(landlord_id=owner.organization_id, name="Maple Court")
    return owner, prop, UnitFactory(property=prop, unit_number="4B")


def _post(client, prop, unit=None, upload=None):
    body = {
        "property": str(prop.pk),
        "audio_file": upload or audio(b"ID3\x04fake-mp3", "memo.mp3", "audio/mpeg"),
    }
    if unit is not None:
        body["unit"] = str(unit.pk)
    return client.post("/maintenance/tickets/voice", body, format="multipart")


@pytest.mark.django_db
def test_route_drafts_tickets_for_the_callers_own_building(ai_service_online, auth_client, building):
    owner, prop, unit = building
    ai_service_online.transcription = "the heating is broken"
    ai_service_online.chat_content = (
        '{"status": "completed", "response_text": "Done.", "tickets": [{"property_name": "Maple Court", '
        '"unit_number": "4B", "title": "Heating", "description": "Broken.", "category": "hvac", "priority": "HIGH"}]}'
    )
    response = _post(auth_client(owner), prop, unit)
    assert response.status_code == 201, response.content
    data = response.json()["data"]
    assert data["transcript"] == "the heating is broken"
    assert (data["property_id"], data["unit_id"]) == (str(prop.pk), str(unit.pk))
    assert data["tickets"][0]["title"] == "Heating" and "response_text" in data
    chat_call = ai_service_online.requests[-1][1]
    assert "Maple Court" in chat_call["messages"][0]["content"]


@pytest.mark.django_db
def test_route_refuses_other_landlords_buildings_contractors_and_non_audio(
    ai_service_online, auth_client, building
):
    from apps.accounts.tests.factories import ContractorUserFactory, LandlordUserFactory

    _, prop, unit = building
    stranger = LandlordUserFactory()
    before = len(ai_service_online.requests)
    response = _post(auth_client(stranger), prop)
    assert (response.status_code, response.json()["message"]) == (404, "Property not found")
    assert (
        auth_client(ContractorUserFactory())
        .post("/maintenance/tickets/voice", {}, format="multipart")
        .status_code
        == 403
    )
    response = _post(auth_client(building[0]), prop, upload=audio(b"%PDF-1.4", "x.pdf", "application/pdf"))
    assert (response.status_code, response.json()["message"]) == (400, NOT_AUDIO)
    assert len(ai_service_online.requests) == before  # nothing reached the AI service
