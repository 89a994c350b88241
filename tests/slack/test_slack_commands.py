"""`/aitl` over real HTTP: signed form posts in, replies through response_url out."""

from __future__ import annotations

import time

import pytest
from fakes.signing import SlackSender, command_form, signed_headers
from fakes.slack_api import FakeSlackAPI
from slack_limits import assert_no_special_mention, assert_valid_message
from slackhelp import all_text, button_values


def test_bad_signature_is_401_and_calls_nothing(slack: SlackSender, fake: FakeSlackAPI) -> None:
    status, _ = slack.post(
        command_form("salary", response_url=fake.response_url()),
        content_type="application/x-www-form-urlencoded",
        secret="not-the-secret",
    )
    assert status == 401
    fake.wait_quiet(0.3)
    assert fake.calls == []


def test_stale_timestamp_is_401_and_calls_nothing(slack: SlackSender, fake: FakeSlackAPI) -> None:
    body = command_form("salary", response_url=fake.response_url())
    status, _ = slack.post(
        body, content_type="application/x-www-form-urlencoded", timestamp=int(time.time()) - 301
    )
    assert status == 401
    fake.wait_quiet(0.3)
    assert fake.calls == []


def test_unsigned_request_is_401(slack: SlackSender, fake: FakeSlackAPI) -> None:
    body = command_form("salary", response_url=fake.response_url())
    status, _, _ = slack.request(
        "POST", "/slack/events", body, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 401
    fake.wait_quiet(0.2)
    assert fake.calls == []


@pytest.mark.parametrize("text", ["", "help", "   "])
def test_bare_command_and_help_show_help(slack: SlackSender, fake: FakeSlackAPI, text: str) -> None:
    started = time.monotonic()
    status, _ = slack.command(text, response_url=fake.response_url())
    assert status == 200 and time.monotonic() - started < 1.0
    (reply,) = fake.wait_for("response_url")
    assert reply.body["response_type"] == "ephemeral"
    assert "salary" in reply.text.lower()
    shown = all_text(reply)
    for usage in ("/aitl tips subscribe [HH:MM] [timezone]", "/aitl tips unsubscribe", "/aitl tips status"):
        assert usage in shown  # the subcommands, the tips ones included (contract)
    for word in ("salary [level] [location] [industry]", "skills [technical|soft]", "challenges [topic]"):
        assert f"/aitl {word}" in shown


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("salary senior sf", "salary"),
        ("salary", "salary"),
        ("skills", "skills"),
        ("skills technical", "skills"),
        ("skills soft", "soft_skills"),
        ("career", "career"),
        ("challenges", "challenges"),
        ("challenges model drift", "challenges"),
        ("trends", "trends"),
        ("responsibilities", "responsibilities"),
        ("practices", "best_practices"),
        ("market", "market"),
    ],
)
def test_every_subcommand_answers_ephemeral_with_share_and_feedback(
    slack: SlackSender, fake: FakeSlackAPI, text: str, intent: str
) -> None:
    status, body = slack.command(text, response_url=fake.response_url())
    assert status == 200
    (reply,) = fake.wait_for("response_url")
    assert reply.body["response_type"] == "ephemeral"
    buttons = button_values(reply)
    assert {"aitl_share", "aitl_feedback_up", "aitl_feedback_down"} <= set(buttons)
    assert buttons["aitl_feedback_up"]["i"] == intent


def test_free_text_question_is_answered(slack: SlackSender, fake: FakeSlackAPI) -> None:
    slack.command("how do I become an AI tech lead?", response_url=fake.response_url())
    (reply,) = fake.wait_for("response_url")
    assert reply.body["response_type"] == "ephemeral"
    assert button_values(reply)["aitl_share"]["q"] == "how do I become an AI tech lead?"


def test_unknown_subcommand_gets_help_and_did_you_mean(slack: SlackSender, fake: FakeSlackAPI) -> None:
    slack.command("frobnicate the quux", response_url=fake.response_url())
    (reply,) = fake.wait_for("response_url")
    text = all_text(reply).lower()
    assert "salary" in text  # the help part lists what the bot answers


def test_tips_subcommands_are_routed(slack: SlackSender, fake: FakeSlackAPI) -> None:
    slack.command("tips status", response_url=fake.response_url("tips"))
    slack.command("tip", response_url=fake.response_url("tip"))
    replies = fake.wait_for("response_url", count=2)
    assert {r.path.rsplit("/", 1)[-1] for r in replies} == {"tips", "tip"}


@pytest.mark.parametrize(
    "text", ["<!channel> salary", "<!here|here> <!everyone> skills", "<!subteam^S123|@team> x"]
)
def test_special_mentions_in_a_command_ping_no_one(slack: SlackSender, fake: FakeSlackAPI, text: str) -> None:
    slack.command(text, response_url=fake.response_url())
    (reply,) = fake.wait_for("response_url")
    assert_no_special_mention(reply.body)


def test_a_40000_character_question_is_cut_with_a_note(slack: SlackSender, fake: FakeSlackAPI) -> None:
    question = ("what does an AI tech lead do all day " * 1200)[:40_000]
    status, _ = slack.command(question, response_url=fake.response_url())
    assert status == 200
    (reply,) = fake.wait_for("response_url")
    assert "first 2,000 characters" in all_text(reply)
    assert len(reply.body["blocks"]) <= 50


def test_rate_limited_response_url_is_retried_after_retry_after(
    slack: SlackSender, fake: FakeSlackAPI
) -> None:
    fake.fail_next("response_url", status=429, retry_after=1)
    started = time.monotonic()
    slack.command("trends", response_url=fake.response_url())
    (reply,) = fake.wait_for("response_url", timeout=8)
    assert reply.at - started >= 1.0
    assert len(fake.calls_to("response_url!429")) == 1
    fake.wait_quiet(0.3)
    assert len(fake.calls_to("response_url")) == 1


def test_ack_comes_fast_even_when_the_reply_is_slow(slack: SlackSender, fake: FakeSlackAPI) -> None:
    fake.delay_seconds = 1.0
    started = time.monotonic()
    status, _ = slack.command("market", response_url=fake.response_url())
    assert status == 200 and time.monotonic() - started < 0.5
    fake.wait_for("response_url", timeout=5)


def test_a_different_signed_headers_helper_matches_bolt() -> None:
    headers = signed_headers("s", "body", timestamp=1531420618)
    assert headers["X-Slack-Signature"].startswith("v0=") and len(headers["X-Slack-Signature"]) == 67


def test_another_command_is_acknowledged_with_a_pointer_to_aitl(
    slack: SlackSender, fake: FakeSlackAPI
) -> None:
    status, body = slack.command("hello", response_url=fake.response_url(), command="/other")
    assert status == 200 and "/aitl" in body


def test_why_explains_how_the_users_last_question_was_read(slack: SlackSender, fake: FakeSlackAPI) -> None:
    slack.command("why", response_url=fake.response_url("nothing"), channel_id="C0WHY")
    (nothing,) = fake.wait_for("response_url")
    assert "Nothing to explain yet" in nothing.text
    fake.reset()
    slack.command(
        "our churn model got worse after launch", response_url=fake.response_url("q"), channel_id="C0WHY"
    )
    fake.wait_for("response_url")
    fake.reset()
    slack.command("why", response_url=fake.response_url("why"), channel_id="C0WHY")
    (why,) = fake.wait_for("response_url")
    assert why.body["response_type"] == "ephemeral"
    text = all_text(why)
    assert "our churn model got worse after launch" in text
    assert "Intent: challenges" in text and "Cutoff: below" in text and "Nearest examples:" in text
    assert_valid_message(why.body["text"], why.body["blocks"])


def test_explain_reads_the_question_given_and_a_why_question_is_still_a_question(
    slack: SlackSender, fake: FakeSlackAPI
) -> None:
    slack.command("explain what do execs in nyc make", response_url=fake.response_url("explain"))
    (explained,) = fake.wait_for("response_url")
    assert "Intent: salary" in all_text(explained) and "level=executive" in all_text(explained)
    fake.reset()
    slack.command("why is model drift so hard?", response_url=fake.response_url("q"))
    (answer,) = fake.wait_for("response_url")
    assert "Nearest examples:" not in all_text(answer)
    assert "aitl_share" in button_values(answer)
