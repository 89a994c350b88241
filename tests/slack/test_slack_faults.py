"""Faults by policy: what is retried, what waits without holding others up, when the user gets
an apology, and buttons that count once."""

from __future__ import annotations

import json
import logging
import time

import pytest
from conftest import Served
from fakes.signing import SlackSender, block_action_payload, mention_event
from fakes.slack_api import BOT_USER_ID, FakeSlackAPI

from bot.slack import errors
from bot.store import Store

MENTION = f"<@{BOT_USER_ID}>"


@pytest.mark.parametrize("status", [502, 504])  # 500 and 503: tests/slack/test_slack_events.py
def test_gateway_and_server_errors_are_retried_and_answered_once(
    slack: SlackSender, fake: FakeSlackAPI, status: int
) -> None:
    fake.fail_next("response_url", status=status, count=1)
    slack.command("market", response_url=fake.response_url("flaky"))
    (reply,) = fake.wait_for("response_url", timeout=10)
    fake.wait_quiet(0.3)
    assert len(fake.calls_to(f"response_url!{status}")) == 1 and len(fake.calls_to("response_url")) == 1
    assert "Sorry" not in reply.text


@pytest.mark.slow
def test_a_rate_limited_conversation_does_not_hold_up_the_others(
    slack: SlackSender, fake: FakeSlackAPI
) -> None:
    """Ten mentions get 429 with Retry-After 2 s: they wait off the worker threads, so a command
    asked meanwhile is answered at once, and each mention is still answered once, after 2 s."""
    fake.fail_next("chat.postMessage", status=429, retry_after=2, count=10)
    events = [mention_event(f"{MENTION} trends {i}?") for i in range(10)]
    for event in events:
        assert slack.event(event)[0] == 200
    fake.wait_for("chat.postMessage!429", count=10, timeout=10)
    limited_at = time.monotonic()
    slack.command("market", response_url=fake.response_url("meanwhile"))
    (reply,) = fake.wait_for("response_url", timeout=10)
    assert reply.at - limited_at < 1.5  # not behind the 2 s waits
    posts = fake.wait_for("chat.postMessage", count=10, timeout=20)
    fake.wait_quiet(0.5)
    assert sorted(p.body["thread_ts"] for p in posts) == sorted(e["ts"] for e in events)
    assert min(p.at for p in posts) > reply.at


def _click(slack: SlackSender, fake: FakeSlackAPI, action_id: str, value: dict, message_ts: str) -> None:
    payload = block_action_payload(
        action_id=action_id,
        value=json.dumps(value),
        response_url=fake.response_url(f"click-{action_id}"),
        message_ts=message_ts,
    )
    assert slack.action(payload)[0] == 200


def test_an_answer_is_shared_once_however_often_share_is_clicked(
    slack: SlackSender, fake: FakeSlackAPI
) -> None:
    value = {"i": "trends", "c": 0.9, "q": "what is hot?"}
    for _ in range(3):
        _click(slack, fake, "aitl_share", value, message_ts="1700000001.000001")
    fake.wait_for("response_url", count=3, timeout=10)
    fake.wait_quiet(0.3)
    kinds = sorted(call.body.get("response_type") for call in fake.calls_to("response_url"))
    assert kinds == ["ephemeral", "ephemeral", "in_channel"]


def test_one_vote_per_user_and_answer(slack: SlackSender, fake: FakeSlackAPI, served: Served) -> None:
    value = {"i": "market", "c": 0.5, "q": "one vote only?"}
    _click(slack, fake, "aitl_feedback_up", value, message_ts="1700000002.000001")
    fake.wait_for("response_url", timeout=10)  # thanks
    _click(slack, fake, "aitl_feedback_up", value, message_ts="1700000002.000001")
    _click(slack, fake, "aitl_feedback_down", value, message_ts="1700000002.000001")
    replies = fake.wait_for("response_url", count=3, timeout=10)
    fake.wait_quiet(0.3)
    assert sum("already counted" in reply.text for reply in replies) == 2
    assert fake.calls_to("views.open") == []  # the down vote after an up vote opens no modal
    store = Store(served.db_url)
    try:
        rows = [row for row in store.feedback_rows() if row["question"] == "one vote only?"]
    finally:
        store.close()
    assert [row["vote"] for row in rows] == ["up"]


class _Client:
    def __init__(self) -> None:
        self.posts: list[dict] = []

    def chat_postMessage(self, **kwargs: object) -> None:  # noqa: N802 - slack_sdk's name
        self.posts.append(kwargs)


def test_no_apology_when_the_answer_may_have_arrived(caplog: pytest.LogCaptureFixture) -> None:
    """A read timeout: Slack may have posted the answer; an apology could follow a good answer."""
    client = _Client()
    body = {"team_id": "T1", "event": {"type": "app_mention", "channel": "C1", "user": "U1", "ts": "1.2"}}
    with caplog.at_level(logging.WARNING, logger="bot.slack.errors"):
        errors.handle_error(error=TimeoutError("read timed out"), body=body, client=client, verified=True)
    assert client.posts == []
    assert "team=T1" in caplog.text and "user=U1" in caplog.text and "channel=C1" in caplog.text
    errors.handle_error(error=ValueError("certainly failed"), body=body, client=client, verified=True)
    assert len(client.posts) == 1 and client.posts[0]["thread_ts"] == "1.2"
