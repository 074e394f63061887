"""End to end: the real ASGI server (daphne) and an RQ worker with channels-redis, a SQLite file
and `websockets`.

The Redis is a ``redis-server`` of this test alone (``private_redis_server``): a shared db could be
flushed by another test run in the middle of the scenario, dropping the sockets' group memberships.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import websockets
from django.conf import settings

from tests.fixtures.services import find_free_port

BASE_DIR = Path(settings.BASE_DIR)

SETUP = """
import json
from apps.accounts.tests.factories import LandlordFactory, TenantOrgFactory, TenantUserFactory
from apps.core.authentication import issue_access_token
from apps.core.scope import system_scope
with system_scope():
    landlord = LandlordFactory()
    org_a, org_b = TenantOrgFactory(landlords=[landlord]), TenantOrgFactory(landlords=[landlord])
    alice = TenantUserFactory(organization_id=org_a.pk, first_name="Alice", last_name="A")
    bob = TenantUserFactory(organization_id=org_b.pk, first_name="Bob", last_name="B")
    print(json.dumps({"alice": issue_access_token(alice), "bob": issue_access_token(bob), "bob_id": str(bob.pk)}))
"""


def _env(db_file: Path, redis_url: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST", "REDIS", "DATABASE"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="myte.settings",
        DATABASE_URL=f"sqlite:///{db_file}",
        REDIS_URL=redis_url,
        DJANGO_READ_DOT_ENV_FILE="false",
        RATE_LIMIT_ENABLED="false",
        CHANNELS_PREFIX=f"e2e{os.getpid()}",
    )
    return env


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {process.stdout.read().decode(errors='replace')[-2000:]}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("server did not start")


@pytest.fixture
def asgi_server(tmp_path, private_redis_server):
    db_file = tmp_path / "e2e.sqlite3"
    env = _env(db_file, private_redis_server.url)
    manage = [sys.executable, str(BASE_DIR / "manage.py")]
    subprocess.run(
        [*manage, "migrate", "--noinput", "-v", "0"], env=env, cwd=BASE_DIR, check=True, timeout=180
    )
    setup = subprocess.run(
        [*manage, "shell", "-c", SETUP], env=env, cwd=BASE_DIR, check=True, capture_output=True, timeout=120
    )
    people = json.loads(setup.stdout.decode().strip().splitlines()[-1])
    port = find_free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "myte.asgi:application"],
        env=env,
        cwd=BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    # The worker of a real deployment (`make worker`): a message's notifications are its job.
    worker = subprocess.Popen(
        [*manage, "rqworker", "default"],
        env=env,
        cwd=BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for_port(port, process)
        yield {"port": port, **people}
    finally:
        for running in (process, worker):
            running.terminate()
            try:
                running.wait(timeout=10)
            except subprocess.TimeoutExpired:
                running.kill()


async def _next_event(ws, name: str, timeout: float = 5, where=lambda data: True) -> dict:
    """The next frame of event ``name`` whose data satisfies ``where`` (earlier frames are skipped)."""
    deadline = time.monotonic() + timeout
    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), max(0.1, deadline - time.monotonic())))
        if frame["event"] == name and where(frame["data"]):
            return frame


@pytest.mark.redis
@pytest.mark.slow
def test_chat_and_notifications_through_the_real_server(asgi_server):
    port = asgi_server["port"]
    base, ws_base = f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}"
    alice = {"Authorization": f"Bearer {asgi_server['alice']}"}

    async def scenario():
        # Unauthenticated sockets are closed with 4401.
        async with websockets.connect(f"{ws_base}/ws/chat/", origin="http://127.0.0.1") as anonymous:
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await anonymous.recv()
            assert closed.value.rcvd.code == 4401

        async with httpx.AsyncClient(base_url=base, timeout=10) as http:
            opened = await http.post("/chat/sessions", json={"userId": asgi_server["bob_id"]}, headers=alice)
            assert opened.status_code == 201, opened.text
            thread_id = opened.json()["_id"]

            async with (
                websockets.connect(
                    f"{ws_base}/ws/chat/",
                    additional_headers={"Authorization": f"Bearer {asgi_server['bob']}"},
                ) as bob_chat,
                websockets.connect(f"{ws_base}/ws/notifications/?token={asgi_server['bob']}") as bob_notes,
                websockets.connect(f"{ws_base}/ws/chat/?token={asgi_server['alice']}") as alice_chat,
            ):
                sent = await http.post(
                    f"/chat/sessions/{thread_id}/messages", json={"message": "hello bob"}, headers=alice
                )
                assert sent.status_code == 201, sent.text
                frame = await _next_event(bob_chat, "chat:message")
                assert frame["data"]["message"]["content"] == "hello bob"
                # written by the worker's job: allow for the worker still starting up
                note = await _next_event(bob_notes, "notification:new", timeout=20)
                assert note["data"]["content"] == "Alice A sent you a message"

                await alice_chat.send(
                    json.dumps({"event": "typing", "data": {"threadId": thread_id, "isTyping": True}})
                )
                typing = await _next_event(bob_chat, "chat:typing")
                assert (
                    typing["data"]["userId"] != asgi_server["bob_id"] and typing["data"]["isTyping"] is True
                )

                await bob_chat.send(
                    json.dumps({"event": "message", "data": {"threadId": thread_id, "message": "hi alice"}})
                )
                reply = await _next_event(
                    alice_chat, "chat:message", where=lambda data: data["message"]["content"] == "hi alice"
                )
                assert reply["data"]["message"]["content"] == "hi alice"
                await bob_chat.send(json.dumps({"event": "read", "data": {"threadId": thread_id}}))
                assert (await _next_event(alice_chat, "chat:read"))["data"]["userName"] == "Bob B"

            listed = await http.get(f"/chat/sessions/{thread_id}/messages", headers=alice)
            assert [m["content"] for m in listed.json()["messages"]] == ["hello bob", "hi alice"]

    asyncio.run(scenario())
