"""Conversations in Slack (issue 10), played as Slack would over signed HTTP requests.

A thread the bot answered in is one conversation (replies need no mention), a DM is one, `/aitl`
per user and channel is one. Never a top-level message without a mention, never a thread the bot
is not in, never a bot, never twice.
"""

from __future__ import annotations

import json

from fakes.signing import (
    CHANNEL_ID,
    DM_CHANNEL_ID,
    SlackSender,
    block_action_payload,
    event_envelope,
    mention_event,
    message_event,
    next_ts,
)
from fakes.slack_api import BOT_ID, BOT_USER_ID, FakeSlackAPI
from slackhelp import button_values

MENTION = f"<@{BOT_USER_ID}>"
CARRIED_SENIOR = "Senior-Level, carried from your last question"
SENIOR_NYC = "$200,000 - $280,000"  # the estimate for a Senior-Level AI Tech Lead in NYC


def start_thread(slack: SlackSender, fake: FakeSlackAPI, question: str) -> str:
    """@mention the bot at the top of the channel; the thread's ts once it has answered in it."""
    event = mention_event(f"{MENTION} {question}")
    assert slack.event(event)[0] == 200
    (post,) = fake.wait_for("chat.postMessage")
    assert post.body["thread_ts"] == event["ts"]
    fake.reset()
    return event["ts"]


def thread_reply(text: str, *, thread_ts: str, **extra: object) -> dict:
    return message_event(text, channel=CHANNEL_ID, channel_type="channel", thread_ts=thread_ts, **extra)


def test_a_thread_reply_without_a_mention_is_answered_in_the_thread_with_context(
    slack: SlackSender, fake: FakeSlackAPI
) -> None:
    parent = start_thread(slack, fake, "senior salary in boston")
    assert slack.event(thread_reply("and in NYC?", thread_ts=parent))[0] == 200
    (post,) = fake.wait_for("chat.postMessage")
    assert post.body["channel"] == CHANNEL_ID and post.body["thread_ts"] == parent
    assert CARRIED_SENIOR in post.text and SENIOR_NYC in post.text
    fake.reset()
    slack.event(thread_reply("what about at a bank?", thread_ts=parent))
    (again,) = fake.wait_for("chat.postMessage")
    assert "Senior-Level and New York City, carried from your last question" in again.text


def test_a_list_in_a_thread_can_be_followed_by_the_third_one(slack: SlackSender, fake: FakeSlackAPI) -> None:
    parent = start_thread(slack, fake, "what are the biggest challenges?")
    slack.event(thread_reply("tell me more about the third one", thread_ts=parent))
    (post,) = fake.wait_for("chat.postMessage")
    assert post.body["thread_ts"] == parent
    assert "Ethical and Fairness Concerns" in post.text and "unbiased and non-discriminatory" in post.text


def test_top_level_messages_without_a_mention_are_never_answered(
    slack: SlackSender, fake: FakeSlackAPI
) -> None:
    start_thread(slack, fake, "senior salary in boston")
    slack.event(message_event("and in NYC?", channel=CHANNEL_ID, channel_type="channel"))
    ts = next_ts()  # a thread's parent carries thread_ts == ts once it has replies
    slack.event(message_event("and in NYC?", channel=CHANNEL_ID, channel_type="channel", ts=ts, thread_ts=ts))
    fake.wait_quiet(0.5)
    assert fake.replies() == []


def test_replies_in_a_thread_the_bot_is_not_in_are_ignored(slack: SlackSender, fake: FakeSlackAPI) -> None:
    start_thread(slack, fake, "senior salary in boston")
    slack.event(thread_reply("and in NYC?", thread_ts=next_ts()))  # someone else's thread
    slack.event(message_event("and in NYC?", channel="C0OTHER", channel_type="group", thread_ts=next_ts()))
    fake.wait_quiet(0.5)
    assert fake.replies() == []


def test_bots_and_edits_in_the_bots_thread_are_ignored(slack: SlackSender, fake: FakeSlackAPI) -> None:
    parent = start_thread(slack, fake, "senior salary in boston")
    slack.event(thread_reply("and in NYC?", thread_ts=parent, bot_id="B0OTHER", subtype="bot_message"))
    slack.event(thread_reply("and in NYC?", thread_ts=parent, bot_id="B0OTHER"))
    slack.event(thread_reply("and in NYC?", thread_ts=parent, bot_id=BOT_ID, user=BOT_USER_ID))
    slack.event(thread_reply("and in NYC?", thread_ts=parent, subtype="message_changed"))
    fake.wait_quiet(0.5)
    assert fake.replies() == []


def test_a_retried_follow_up_is_answered_once(slack: SlackSender, fake: FakeSlackAPI) -> None:
    parent = start_thread(slack, fake, "senior salary in boston")
    envelope = event_envelope(thread_reply("and in NYC?", thread_ts=parent))
    assert slack.envelope(envelope)[0] == 200
    for attempt in (1, 2, 3):
        assert slack.envelope(envelope, retry_num=attempt)[0] == 200
    fake.wait_for("chat.postMessage")
    fake.wait_quiet(0.5)
    assert len(fake.calls_to("chat.postMessage")) == 1


def test_a_follow_up_that_mentions_the_bot_is_answered_once_with_context(
    slack: SlackSender, fake: FakeSlackAPI
) -> None:
    parent = start_thread(slack, fake, "senior salary in boston")
    ts = next_ts()
    slack.event(thread_reply(f"{MENTION} and in NYC?", thread_ts=parent, ts=ts))  # message.channels
    slack.event(mention_event(f"{MENTION} and in NYC?", thread_ts=parent, ts=ts))  # app_mention
    fake.wait_for("chat.postMessage")
    fake.wait_quiet(0.5)
    (post,) = fake.calls_to("chat.postMessage")
    assert post.body["thread_ts"] == parent and CARRIED_SENIOR in post.text


def test_a_thread_reply_that_only_points_back_stays_on_the_item(
    slack: SlackSender, fake: FakeSlackAPI
) -> None:
    parent = start_thread(slack, fake, "tell me about the model interpretability challenge")
    slack.event(thread_reply("is there a trend toward fixing this?", thread_ts=parent))
    (trend,) = fake.wait_for("chat.postMessage")
    assert trend.body["thread_ts"] == parent and "Explainable AI (XAI)" in trend.text
    fake.reset()
    slack.event(thread_reply("why?", thread_ts=parent))
    (why,) = fake.wait_for("chat.postMessage")
    assert "Explainable AI (XAI), carried from your last question" in why.text


def test_two_threads_are_two_conversations(slack: SlackSender, fake: FakeSlackAPI) -> None:
    senior = start_thread(slack, fake, "senior salary in boston")
    entry = start_thread(slack, fake, "entry level salary in austin")
    slack.event(thread_reply("and in NYC?", thread_ts=entry))
    (post,) = fake.wait_for("chat.postMessage")
    assert post.body["thread_ts"] == entry and "Entry-Level, carried from your last question" in post.text
    fake.reset()
    slack.event(thread_reply("and in NYC?", thread_ts=senior))
    (post,) = fake.wait_for("chat.postMessage")
    assert post.body["thread_ts"] == senior and CARRIED_SENIOR in post.text


def test_the_whole_section_button_under_a_thread_follow_up_keeps_its_context(
    slack: SlackSender, fake: FakeSlackAPI
) -> None:
    parent = start_thread(slack, fake, "senior salary in boston")
    slack.event(thread_reply("and in NYC?", thread_ts=parent))
    (post,) = fake.wait_for("chat.postMessage")
    value = button_values(post)["aitl_full"]
    fake.reset()
    payload = block_action_payload(
        action_id="aitl_full",
        value=json.dumps(value),
        response_url=fake.response_url("click"),
        is_ephemeral=False,
    )
    payload["container"]["thread_ts"] = parent
    payload["message"] = {"ts": post.body.get("ts") or next_ts(), "thread_ts": parent, "text": post.text}
    slack.action(payload)
    (whole,) = fake.wait_for("response_url")
    assert whole.body["response_type"] == "ephemeral"
    assert "Senior-Level" in whole.text and "New York City" in whole.text and SENIOR_NYC in whole.text
    assert "Stock Options and Equity" in whole.text  # the whole section


def test_a_dm_is_one_conversation(slack: SlackSender, fake: FakeSlackAPI) -> None:
    slack.event(message_event("I'm an ML engineer with 6 years", channel="D0CONV"))
    fake.wait_for("chat.postMessage")
    fake.reset()
    slack.event(message_event("so what would I make in Seattle?", channel="D0CONV"))
    (post,) = fake.wait_for("chat.postMessage")
    assert post.body["channel"] == "D0CONV" and not post.body.get("thread_ts")
    assert (
        "Entry-Level for the 6 years you mentioned earlier" in post.text
        and "$150,000 - $180,000" in post.text
    )


def test_a_dm_answers_a_degree_question_with_the_degree_after_years_were_said(
    slack: SlackSender, fake: FakeSlackAPI
) -> None:
    slack.event(message_event("I have 4 years of experience in data science", channel="D0DEGREE"))
    fake.wait_for("chat.postMessage")
    fake.reset()
    slack.event(message_event("do I need a master's?", channel="D0DEGREE"))
    (post,) = fake.wait_for("chat.postMessage")
    assert "Master's or Ph.D." in post.text and "4 years" not in post.text  # not a verdict on the years


def test_a_dm_does_not_lend_its_context_to_another_dm(slack: SlackSender, fake: FakeSlackAPI) -> None:
    slack.event(message_event("senior salary in boston", channel=DM_CHANNEL_ID))
    fake.wait_for("chat.postMessage")
    fake.reset()
    slack.event(message_event("and in NYC?", channel="D0SOMEONEELSE", user="U0BOB"))
    (post,) = fake.wait_for("chat.postMessage")
    assert "carried" not in post.text


def test_aitl_is_one_conversation_per_user_and_channel(slack: SlackSender, fake: FakeSlackAPI) -> None:
    slack.command("salary senior boston", response_url=fake.response_url("first"), channel_id="C0CMD")
    fake.wait_for("response_url")
    fake.reset()
    slack.command("and in NYC?", response_url=fake.response_url("mine"), channel_id="C0CMD")
    (mine,) = fake.wait_for("response_url")
    assert mine.body["response_type"] == "ephemeral"
    assert CARRIED_SENIOR in mine.text and SENIOR_NYC in mine.text
    fake.reset()
    slack.command("and in NYC?", response_url=fake.response_url("bob"), channel_id="C0CMD", user_id="U0BOB")
    slack.command("and in NYC?", response_url=fake.response_url("elsewhere"), channel_id="C0ELSEWHERE")
    replies = fake.wait_for("response_url", count=2)
    assert all("carried" not in reply.text for reply in replies)


def test_app_home_examples_show_a_follow_up(slack: SlackSender, fake: FakeSlackAPI) -> None:
    slack.event({"type": "app_home_opened", "user": "U0ALICE", "tab": "home", "event_ts": next_ts()})
    (publish,) = fake.wait_for("views.publish")
    shown = json.dumps(publish.body["view"])
    assert "and in NYC?" in shown and "the third one" in shown and "no mention needed" in shown


def test_a_home_topic_starts_the_dm_conversation(slack: SlackSender, fake: FakeSlackAPI) -> None:
    payload = block_action_payload(action_id="aitl_topic_challenges", value="challenges", response_url="")
    payload["container"] = {"type": "view", "view_id": "V0HOME"}
    payload.pop("channel", None)
    slack.action(payload)
    (post,) = fake.wait_for("chat.postMessage")
    dm = post.body["channel"]  # the fake answers with the channel it was given; Slack with the DM's id
    fake.reset()
    slack.event(message_event("tell me more about the third one", channel=dm))
    (answer,) = fake.wait_for("chat.postMessage")
    assert "Ethical and Fairness Concerns" in answer.text and "carried from your last question" in answer.text
