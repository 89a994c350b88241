"""Buttons over real HTTP: `payload=` forms in, response_url / Web API calls and stored feedback out."""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

import pytest
from conftest import Served
from fakes.signing import CHANNEL_ID, USER_ID, SlackSender, block_action_payload
from fakes.slack_api import FakeSlackAPI
from slack_limits import assert_no_special_mention
from slackhelp import button_values

from bot.store import Store


def _answer_buttons(slack: SlackSender, fake: FakeSlackAPI, text: str) -> dict[str, dict]:
    slack.command(text, response_url=fake.response_url("answer"))
    (reply,) = fake.wait_for("response_url")
    fake.reset()
    return button_values(reply)


def _click(slack: SlackSender, fake: FakeSlackAPI, action_id: str, value: dict | str, **kw: object) -> None:
    raw = value if isinstance(value, str) else json.dumps(value)
    payload = block_action_payload(
        action_id=action_id, value=raw, response_url=fake.response_url("click"), **kw
    )
    started = time.monotonic()
    status, _ = slack.action(payload)
    assert status == 200 and time.monotonic() - started < 1.0


def _feedback(served: Served) -> list[dict]:
    store = Store(served.db_url)
    try:
        return store.feedback_rows()
    finally:
        store.close()


def test_share_posts_the_same_answer_in_channel_attributed(slack: SlackSender, fake: FakeSlackAPI) -> None:
    buttons = _answer_buttons(slack, fake, "<!channel> what are the common challenges?")
    _click(slack, fake, "aitl_share", buttons["aitl_share"])
    (shared,) = fake.wait_for("response_url")
    assert shared.body["response_type"] == "in_channel"
    assert shared.body.get("replace_original") is False
    assert shared.text.startswith(f"<@{USER_ID}> asked: ")
    assert shared.body["blocks"][0]["text"]["text"].startswith(f"<@{USER_ID}> asked: ")
    assert "aitl_share" not in button_values(shared)
    assert_no_special_mention(shared.body)


def test_did_you_mean_answers_the_topic_in_place(slack: SlackSender, fake: FakeSlackAPI) -> None:
    value = {"i": "salary", "q": "how much do they make"}
    _click(slack, fake, "aitl_dym_salary", value)
    (reply,) = fake.wait_for("response_url")
    assert reply.body["replace_original"] is True
    assert button_values(reply)["aitl_feedback_up"]["i"] == "salary"


def test_did_you_mean_without_response_url_updates_the_message(
    slack: SlackSender, fake: FakeSlackAPI
) -> None:
    payload = block_action_payload(
        action_id="aitl_dym_trends", value=json.dumps({"i": "trends", "q": "what is new"}), response_url=""
    )
    payload.pop("response_url")
    payload["container"]["is_ephemeral"] = False
    slack.action(payload)
    (update,) = fake.wait_for("chat.update")
    assert update.body["channel"] == CHANNEL_ID and update.body["ts"] == payload["container"]["message_ts"]


def test_thumbs_up_is_stored_with_intent_and_confidence(
    slack: SlackSender, fake: FakeSlackAPI, served: Served
) -> None:
    value = {"i": "market", "c": 0.87, "q": "is there demand?"}
    _click(slack, fake, "aitl_feedback_up", value)
    (thanks,) = fake.wait_for("response_url")
    assert thanks.body["response_type"] == "ephemeral"
    rows = [r for r in _feedback(served) if r["question"] == "is there demand?"]
    assert len(rows) == 1
    assert (
        rows[0]["vote"] == "up" and rows[0]["intent"] == "market" and abs(rows[0]["confidence"] - 0.87) < 1e-6
    )


def test_thumbs_down_is_stored_and_a_modal_asks_why(
    slack: SlackSender, fake: FakeSlackAPI, served: Served
) -> None:
    value = {"i": "career", "c": 0.41, "q": "how to grow?"}
    _click(slack, fake, "aitl_feedback_down", value)
    (opened,) = fake.wait_for("views.open")
    view = opened.body["view"]
    assert view["callback_id"] == "aitl_downvote"
    submission = {
        "type": "view_submission",
        "team": {"id": "T0AITL", "domain": "aitl-test"},
        "user": {"id": USER_ID, "team_id": "T0AITL"},
        "api_app_id": "A0AITL",
        "trigger_id": "1.2.3",
        "view": {
            **view,
            "id": "V123",
            "state": {
                "values": {
                    "reason": {
                        "choice": {"type": "radio_buttons", "selected_option": {"value": "incomplete"}}
                    },
                    "details": {"text": {"type": "plain_text_input", "value": "no numbers"}},
                }
            },
        },
    }
    status, _ = slack.post(
        urlencode({"payload": json.dumps(submission)}), content_type="application/x-www-form-urlencoded"
    )
    assert status == 200
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        rows = [r for r in _feedback(served) if r["question"] == "how to grow?"]
        if len(rows) == 2:
            break
        time.sleep(0.05)
    assert sorted(r["vote"] for r in rows) == ["down", "reason"]
    reason = next(r for r in rows if r["vote"] == "reason")
    assert reason["reason"] == "incomplete: no numbers" and reason["intent"] == "career"


def test_unknown_action_is_acknowledged_and_shows_no_error(slack: SlackSender, fake: FakeSlackAPI) -> None:
    _click(slack, fake, "some_old_button", "x")
    fake.wait_quiet(0.4)
    assert fake.replies() == []


def test_home_topic_button_answers_in_the_dm(slack: SlackSender, fake: FakeSlackAPI) -> None:
    payload = block_action_payload(action_id="aitl_topic_salary", value="salary", response_url="")
    payload.pop("response_url")
    payload["container"] = {"type": "view", "view_id": "V1"}
    payload.pop("channel")
    slack.action(payload)
    (post,) = fake.wait_for("chat.postMessage")
    assert post.body["channel"] == USER_ID


@pytest.mark.slow
def test_thumbs_down_when_the_modal_cannot_open_still_keeps_the_vote(
    slack: SlackSender, fake: FakeSlackAPI, served: Served
) -> None:
    fake.fail_next("views.open", status=500, count=3)
    _click(slack, fake, "aitl_feedback_down", {"i": "trends", "c": 0.5, "q": "modal fails"})
    (thanks,) = fake.wait_for("response_url", timeout=10)
    assert thanks.text.startswith("Thanks")
    assert [r["vote"] for r in _feedback(served) if r["question"] == "modal fails"] == ["down"]


def test_unknown_subcommand_close_to_a_real_one_offers_did_you_mean(
    slack: SlackSender, fake: FakeSlackAPI
) -> None:
    slack.command("xyzzy plugh", response_url=fake.response_url())
    (reply,) = fake.wait_for("response_url")
    assert "salary" in reply.text.lower() or "salary" in json.dumps(reply.body).lower()


def test_a_focused_answer_offers_the_whole_section_and_the_button_shows_it(
    slack: SlackSender, fake: FakeSlackAPI
) -> None:
    slack.command("is emotional intelligence important?", response_url=fake.response_url("answer"))
    (reply,) = fake.wait_for("response_url")
    first = reply.body["blocks"][0]["text"]["text"]
    assert "Emotional Intelligence" in first and "Communication" not in reply.text
    assert reply.text.startswith("Yes: *Emotional Intelligence*")  # the notification leads with the point
    value = button_values(reply)["aitl_full"]
    fake.reset()
    _click(slack, fake, "aitl_full", value)
    (whole,) = fake.wait_for("response_url")
    assert "Communication" in whole.text and "Emotional Intelligence" in whole.text
    assert whole.body["replace_original"] is True  # the slash command's answer was ephemeral
    assert "aitl_full" not in button_values(whole)
    assert_no_special_mention(whole.body)


def test_the_whole_section_of_an_answer_in_channel_goes_to_the_clicker_only(
    slack: SlackSender, fake: FakeSlackAPI
) -> None:
    payload = block_action_payload(
        action_id="aitl_full",
        value=json.dumps({"i": "challenges", "q": "how do I deal with model drift?"}),
        response_url=fake.response_url("click"),
    )
    payload["container"]["is_ephemeral"] = False
    slack.action(payload)
    (whole,) = fake.wait_for("response_url")
    assert whole.body["response_type"] == "ephemeral" and whole.body["replace_original"] is False
    assert "Data Quality and Availability" in whole.text
