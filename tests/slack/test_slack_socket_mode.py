"""`aitl serve` in Socket Mode against a fake WebSocket endpoint: envelopes in, acks and replies out."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from conftest import Served
from fakes.signing import CHANNEL_ID, event_envelope, mention_event
from fakes.slack_api import BOT_USER_ID, FakeSlackAPI
from fakes.socket_mode import FakeSocketMode

APP_TOKEN = "xapp-1-A0AITL-1234-abcdef"


@pytest.fixture(scope="module")
def socket_mode(fake: FakeSlackAPI) -> Iterator[FakeSocketMode]:
    with FakeSocketMode() as endpoint:
        yield endpoint


@pytest.fixture(scope="module")
def socket_served(
    fake: FakeSlackAPI, socket_mode: FakeSocketMode, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("aitl-socket")
    fake.socket_url = socket_mode.url
    server = Served(
        fake,
        db_url=f"sqlite:///{folder / 'aitl.db'}",
        log_path=folder / "serve.log",
        SLACK_APP_TOKEN=APP_TOKEN,
        SLACK_SIGNING_SECRET="",
    )  # healthy == connected
    yield server
    fake.socket_url = None
    assert server.stop() == 0, server.log


@pytest.fixture
def clean(fake: FakeSlackAPI, socket_mode: FakeSocketMode, socket_served: Served) -> FakeSlackAPI:
    socket_mode.wait_connected()
    fake.wait_quiet(0.05)
    fake.calls.clear()
    return fake


def test_mention_envelope_is_acked_and_answered_in_a_thread(
    clean: FakeSlackAPI, socket_mode: FakeSocketMode
) -> None:
    event = mention_event(f"<@{BOT_USER_ID}> what skills does an AI tech lead need?")
    envelope_id = socket_mode.send("events_api", event_envelope(event))
    socket_mode.wait_ack(envelope_id)
    (post,) = clean.wait_for("chat.postMessage")
    assert post.body["channel"] == CHANNEL_ID and post.body["thread_ts"] == event["ts"]


def test_retried_envelope_is_answered_once(clean: FakeSlackAPI, socket_mode: FakeSocketMode) -> None:
    body = event_envelope(mention_event(f"<@{BOT_USER_ID}> career?"))
    socket_mode.wait_ack(socket_mode.send("events_api", body))
    socket_mode.wait_ack(socket_mode.send("events_api", body, retry_attempt=1))
    clean.wait_for("chat.postMessage")
    clean.wait_quiet(0.5)
    assert len(clean.calls_to("chat.postMessage")) == 1


def test_slash_command_envelope_is_acked_and_answered_through_response_url(
    clean: FakeSlackAPI, socket_mode: FakeSocketMode
) -> None:
    from fakes.signing import command_form

    payload = dict(parse_qsl(command_form("salary senior sf", response_url=clean.response_url("socket"))))
    socket_mode.wait_ack(socket_mode.send("slash_commands", payload))
    (reply,) = clean.wait_for("response_url")
    assert reply.body["response_type"] == "ephemeral"


def test_health_turns_503_when_the_socket_is_lost(
    clean: FakeSlackAPI, socket_mode: FakeSocketMode, socket_served: Served, tmp_path: Path
) -> None:
    assert socket_served.slack.get("/healthz")[0] == 200
    clean.socket_url = None  # reconnecting fails from now on
    socket_mode.drop()
    deadline = time.monotonic() + 15
    while socket_served.slack.get("/healthz")[0] != 503:
        assert time.monotonic() < deadline, "healthz stayed 200 without a connection"
        time.sleep(0.1)
