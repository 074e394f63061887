"""POST /chat and /marketing-chat (spec 09 section 2), with and without OpenAI."""

from __future__ import annotations

import pytest

from apps.ai.landing_chat import FALLBACK_BODY, bounded, fallback_text

FALLBACK_HEAD = (
    "I’m MYTE Estates, the landing-page guide. I can’t reach the full AI stack right now, "
    "but here’s the high-level idea:\n\n"
)


def chat(client, messages=None, **extra):
    body = {"channel": "landing-marketing", "messages": messages or [{"role": "user", "content": "Hi"}]}
    return client.post("/chat", {**body, **extra}, format="json")


@pytest.mark.usefixtures("openai_offline")
class TestWithoutKey:
    def test_reply_is_the_exact_fallback_with_the_question(self, api_client):
        question = "What does it cost? " * 30
        response = chat(api_client, [{"role": "user", "content": question}])
        assert response.status_code == 201
        expected = FALLBACK_HEAD + f"You asked:\n“{question[:280]}”\n\n" + FALLBACK_BODY
        assert response.json() == {"reply": expected}

    def test_fallback_without_a_user_message_has_no_quote(self):
        assert fallback_text([{"role": "assistant", "content": "Hello!"}]) == FALLBACK_HEAD + FALLBACK_BODY

    def test_marketing_chat(self, api_client):
        response = api_client.post(
            "/marketing-chat", {"messages": [{"role": "user", "content": "Hello"}]}, format="json"
        )
        assert response.status_code == 201
        assert response.json()["reply"].startswith("I’m MYTE Estates, the landing-page guide.")


class TestValidation:
    @pytest.mark.parametrize(
        ("body", "message"),
        [
            (
                {"channel": "other", "messages": [{"role": "user", "content": "x"}]},
                "channel must be one of the following values: landing-marketing",
            ),
            ({"channel": "landing-marketing", "messages": []}, "messages must contain at least 1 elements"),
            (
                {"channel": "landing-marketing", "messages": [{"role": "user", "content": "x"}] * 21},
                "messages must contain no more than 20 elements",
            ),
            (
                {"channel": "landing-marketing", "messages": [{"role": "system", "content": "x"}]},
                "messages.0.role must be one of the following values: user, assistant",
            ),
            (
                {"channel": "landing-marketing", "messages": [{"role": "user", "content": "  "}]},
                "messages.0.content should not be empty",
            ),
            ({"messages": [{"role": "user", "content": "x"}]}, "channel should not be empty"),
        ],
    )
    def test_bad_bodies_are_400s(self, api_client, body, message):
        response = api_client.post("/chat", body, format="json")
        assert response.status_code == 400
        assert message in response.json()["message"]

    def test_marketing_chat_takes_messages_only(self, api_client):
        response = api_client.post(
            "/marketing-chat",
            {"messages": [{"role": "user", "content": "x"}], "channel": "landing-marketing"},
            format="json",
        )
        assert response.status_code == 400

    def test_limits_are_coerced(self):
        assert bounded("50", default=500, cap=2000) == 50
        assert bounded(99999, default=500, cap=2000) == 2000
        assert bounded("abc", default=500, cap=2000) == 500
        assert bounded(-3, default=500, cap=2000) == 500
        assert bounded(True, default=500, cap=2000) == 500
        assert bounded(None, default=1000, cap=4000) == 1000


class TestWithOpenAI:
    def test_one_responses_call_with_the_prompt(self, api_client, openai_online, settings):
        openai_online.reply_text = "  We keep leases and rent in one place.  "
        messages = [
            {"role": "user", "content": "Do you handle leases?"},
            {"role": "assistant", "content": "Yes."},
            {"role": "user", "content": "And rent?"},
        ]
        response = chat(api_client, messages, maxWords=50, maxOutputTokens="99999")
        assert response.status_code == 201
        assert response.json() == {"reply": "We keep leases and rent in one place."}
        [(path, sent)] = openai_online.requests
        assert path == "/v1/responses"
        assert sent["model"] == settings.OPENAI_MARKETING_MODEL == "gpt-5.1"
        assert sent["max_output_tokens"] == 4000
        prompt = sent["input"]
        assert "MYTE Estates" in prompt and "never use em dashes" in prompt.lower()
        assert "Aim for about 50 words unless the user asks for more." in prompt
        assert "Conversation so far:\nUser: Do you handle leases?\nAssistant: Yes.\nUser: And rent?" in prompt
        assert prompt.endswith("Respond as MYTE Estates in a concise, friendly tone.")

    def test_defaults_for_marketing_chat(self, api_client, openai_online):
        response = api_client.post(
            "/marketing-chat", {"messages": [{"role": "user", "content": "x"}]}, format="json"
        )
        assert response.json() == {"reply": "Hello from the stand-in."}
        sent = openai_online.requests[0][1]
        assert sent["max_output_tokens"] == 1000
        assert "Aim for about 500 words" in sent["input"]

    def test_model_error_gives_the_fallback(self, api_client, openai_online):
        openai_online.fail_status = 500
        response = chat(api_client)
        assert response.status_code == 201
        assert response.json()["reply"].startswith(FALLBACK_HEAD)

    def test_empty_reply_gives_the_fallback(self, api_client, openai_online):
        openai_online.reply_text = "   "
        assert chat(api_client).json()["reply"].startswith(FALLBACK_HEAD)


@pytest.mark.usefixtures("openai_offline")
def test_chat_is_limited_to_ten_a_minute_per_client(api_client, settings):
    settings.RATE_LIMIT_ENABLED = True
    statuses = [chat(api_client).status_code for _ in range(11)]
    assert statuses == [201] * 10 + [429]
    response = chat(api_client)
    assert response.json()["message"] == "ThrottlerException: Too Many Requests"
    assert response["Retry-After"]
    # another client has its own allowance
    other = api_client.post(
        "/chat",
        {"channel": "landing-marketing", "messages": [{"role": "user", "content": "Hi"}]},
        format="json",
        REMOTE_ADDR="198.51.100.7",
    )
    assert other.status_code == 201
