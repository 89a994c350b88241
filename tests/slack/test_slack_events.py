"""Mentions and DMs over real HTTP: Events API JSON in, chat.postMessage out, exactly once."""

from __future__ import annotations

import pytest
from conftest import Served
from fakes.signing import (
    CHANNEL_ID,
    DM_CHANNEL_ID,
    USER_ID,
    SlackSender,
    event_envelope,
    mention_event,
    message_event,
    next_ts,
)
from fakes.slack_api import BOT_ID, BOT_USER_ID, TEAM_ID, FakeSlackAPI
from slack_limits import assert_no_special_mention

MENTION = f"<@{BOT_USER_ID}>"


def test_url_verification_challenge_is_echoed(slack: SlackSender) -> None:
    import json

    body = json.dumps({"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV", "type": "url_verification"})
    status, text = slack.post(body, content_type="application/json")
    assert status == 200 and "3eZbrw1aBm2rZgRNFdxV" in text


def test_mention_is_answered_in_a_thread_under_it(slack: SlackSender, fake: FakeSlackAPI) -> None:
    event = mention_event(f"{MENTION} what skills does an AI tech lead need?")
    status, _ = slack.event(event)
    assert status == 200
    (post,) = fake.wait_for("chat.postMessage")
    assert post.body["channel"] == CHANNEL_ID
    assert post.body["thread_ts"] == event["ts"]
    assert post.body["text"]


def test_mention_inside_a_thread_answers_in_that_thread(slack: SlackSender, fake: FakeSlackAPI) -> None:
    parent = next_ts()
    slack.event(mention_event(f"{MENTION} salary for a senior in NYC?", thread_ts=parent))
    (post,) = fake.wait_for("chat.postMessage")
    assert post.body["thread_ts"] == parent


def test_bare_mention_shows_help(slack: SlackSender, fake: FakeSlackAPI) -> None:
    slack.event(mention_event(MENTION))
    (post,) = fake.wait_for("chat.postMessage")
    assert "salary" in post.text.lower()


def test_direct_message_is_answered_in_the_dm(slack: SlackSender, fake: FakeSlackAPI) -> None:
    slack.event(message_event("what are the industry trends?"))
    (post,) = fake.wait_for("chat.postMessage")
    assert post.body["channel"] == DM_CHANNEL_ID
    assert not post.body.get("thread_ts")


def test_retried_event_is_answered_once(slack: SlackSender, fake: FakeSlackAPI) -> None:
    envelope = event_envelope(mention_event(f"{MENTION} career path?"))
    assert slack.envelope(envelope)[0] == 200
    for attempt in (1, 2, 3):
        assert slack.envelope(envelope, retry_num=attempt)[0] == 200
    fake.wait_for("chat.postMessage")
    fake.wait_quiet(0.5)
    assert len(fake.calls_to("chat.postMessage")) == 1


def test_one_message_as_mention_and_as_message_is_answered_once(
    slack: SlackSender, fake: FakeSlackAPI
) -> None:
    ts = next_ts()
    slack.event(mention_event(f"{MENTION} market demand?", ts=ts))
    slack.event(message_event(f"{MENTION} market demand?", ts=ts, channel=CHANNEL_ID, channel_type="channel"))
    dm_ts = next_ts()
    slack.event(message_event(f"{MENTION} trends?", ts=dm_ts))
    slack.event(mention_event(f"{MENTION} trends?", ts=dm_ts, channel=DM_CHANNEL_ID))
    fake.wait_for("chat.postMessage", count=2)
    fake.wait_quiet(0.5)
    posts = fake.calls_to("chat.postMessage")
    assert sorted(p.body["channel"] for p in posts) == sorted([CHANNEL_ID, DM_CHANNEL_ID])


@pytest.mark.parametrize(
    "extra",
    [
        {"bot_id": "B0OTHER", "subtype": "bot_message"},
        {"bot_id": "B0OTHER"},
        {"bot_id": BOT_ID, "user": BOT_USER_ID},
        {"subtype": "message_changed"},
        {"subtype": "message_deleted"},
        {"subtype": "channel_join"},
    ],
)
def test_bots_edits_and_deletions_get_no_reply(slack: SlackSender, fake: FakeSlackAPI, extra: dict) -> None:
    assert slack.event(message_event("what is the salary?", **extra))[0] == 200
    fake.wait_quiet(0.4)
    assert fake.replies() == []


def test_a_bot_mentioning_us_gets_no_reply(slack: SlackSender, fake: FakeSlackAPI) -> None:
    event = mention_event(f"{MENTION} salary?")
    event["bot_id"] = "B0OTHER"
    assert slack.event(event)[0] == 200
    fake.wait_quiet(0.4)
    assert fake.replies() == []


def test_channel_messages_without_mention_are_ignored(slack: SlackSender, fake: FakeSlackAPI) -> None:
    assert slack.event(message_event("salary?", channel=CHANNEL_ID, channel_type="channel"))[0] == 200
    fake.wait_quiet(0.3)
    assert fake.replies() == []


@pytest.mark.parametrize(
    "text",
    [
        f"{MENTION} <!everyone> what is the salary?",
        f"{MENTION} <!channel> <!here> <!subteam^S0123|@leads> skills",
        f"{MENTION} <https://evil.example|click me> &lt;!channel&gt; career",
    ],
)
def test_special_mentions_in_a_mention_ping_no_one(slack: SlackSender, fake: FakeSlackAPI, text: str) -> None:
    slack.event(mention_event(text))
    (post,) = fake.wait_for("chat.postMessage")
    assert_no_special_mention(post.body)


def test_rate_limited_post_is_retried_once_and_posted_once(slack: SlackSender, fake: FakeSlackAPI) -> None:
    fake.fail_next("chat.postMessage", status=429, retry_after=1)
    slack.event(mention_event(f"{MENTION} best practices?"))
    (post,) = fake.wait_for("chat.postMessage", timeout=8)
    rate_limited = fake.calls_to("chat.postMessage!429")
    assert len(rate_limited) == 1 and post.at - rate_limited[0].at >= 1.0
    fake.wait_quiet(0.3)
    assert len(fake.calls_to("chat.postMessage")) == 1


@pytest.mark.slow
def test_server_errors_do_not_stop_the_app(slack: SlackSender, fake: FakeSlackAPI) -> None:
    fake.fail_next("chat.postMessage", status=500, count=6)
    slack.event(mention_event(f"{MENTION} responsibilities?"))
    fake.wait_for("chat.postMessage!500", count=6, timeout=15)  # the answer, then the apology
    fake.wait_quiet(0.3)
    fake.reset()
    assert slack.get("/healthz")[0] == 200
    slack.event(mention_event(f"{MENTION} responsibilities?"))
    assert fake.wait_for("chat.postMessage")


def test_app_home_is_published_with_topics(slack: SlackSender, fake: FakeSlackAPI) -> None:
    event = {
        "type": "app_home_opened",
        "user": "U0ALICE",
        "channel": DM_CHANNEL_ID,
        "tab": "home",
        "event_ts": next_ts(),
    }
    slack.event(event)
    (publish,) = fake.wait_for("views.publish")
    view = publish.body["view"]
    assert publish.body["user_id"] == "U0ALICE" and view["type"] == "home"
    assert len(view["blocks"]) <= 100
    action_ids = [e["action_id"] for b in view["blocks"] for e in b.get("elements", []) if "action_id" in e]
    assert any(a.startswith("aitl_topic_") for a in action_ids)


def test_app_home_lists_only_the_viewers_workspace_subscriptions(
    served: Served, slack: SlackSender, fake: FakeSlackAPI
) -> None:
    """One database for two workspaces: Alice's home in T0AITL must not show T0OTHER's channels."""
    from datetime import UTC, datetime

    from bot.store import Store

    store = Store(served.db_url)
    hour = (datetime.now(UTC).hour + 12) % 24  # never due while the test runs
    try:
        for channel, team in (("C0OURS", TEAM_ID), ("C0THEIRS", "T0OTHER")):
            store.subscribe(channel_id=channel, hour=hour, minute=0, tz="UTC", team_id=team, user_id=USER_ID)
        slack.event({"type": "app_home_opened", "user": USER_ID, "tab": "home", "event_ts": next_ts()})
        (publish,) = fake.wait_for("views.publish")
        shown = str(publish.body["view"])
        assert "<#C0OURS>" in shown and "C0THEIRS" not in shown
    finally:
        store.unsubscribe("C0OURS", team_id=TEAM_ID)
        store.unsubscribe("C0THEIRS", team_id="T0OTHER")
        store.close()


def test_messages_tab_opening_publishes_nothing(slack: SlackSender, fake: FakeSlackAPI) -> None:
    slack.event({"type": "app_home_opened", "user": "U0ALICE", "channel": DM_CHANNEL_ID, "tab": "messages"})
    fake.wait_quiet(0.3)
    assert fake.calls_to("views.publish") == []


def test_unhandled_event_types_are_acknowledged(slack: SlackSender) -> None:
    status, _ = slack.event({"type": "member_joined_channel", "user": "U0BOB", "channel": CHANNEL_ID})
    assert status == 200


@pytest.mark.slow
def test_a_failed_reply_becomes_one_friendly_line_in_the_thread(
    slack: SlackSender, fake: FakeSlackAPI
) -> None:
    fake.fail_next("chat.postMessage", status=500, count=3)  # the first try and both retries
    event = mention_event(f"{MENTION} what are the trends?")
    slack.event(event)
    (apology,) = fake.wait_for("chat.postMessage", timeout=10)
    assert apology.text == "Sorry, something went wrong on my side. Please try again in a moment."
    assert apology.body["thread_ts"] == event["ts"]


def test_app_rate_limited_notice_is_acknowledged(slack: SlackSender, fake: FakeSlackAPI) -> None:
    import json

    notice = {
        "token": "x",
        "type": "app_rate_limited",
        "team_id": "T0AITL",
        "minute_rate_limited": 1518467820,
    }
    assert slack.post(json.dumps(notice), content_type="application/json")[0] == 200
