"""`/aitl tips …` and `/aitl tip` through bot.slack.listeners.tips.commands.handle, with the fake Web API."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.slack.listeners.tips.commands import handle
from bot.store import Store
from bot.tips.runner import run_once

from .conftest import FakeEngine, TipsFakeSlackAPI, posts

NOW = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)  # a Friday, 08:00 in Paris


def body(channel: str = "C1", user: str = "U1", team: str = "T1") -> dict[str, Any]:
    return {"team_id": team, "user_id": user, "channel_id": channel, "command": "/aitl"}


def run(
    text: str,
    *,
    store: Store,
    client: Any,
    engine: FakeEngine,
    channel: str = "C1",
    user: str = "U1",
    team: str = "T1",
) -> dict:
    reply = handle(
        args=text.split(), body=body(channel, user, team), client=client, store=store, engine=engine, now=NOW
    )
    assert set(reply) >= {"text", "blocks", "response_type"}
    return reply


def test_subscribe_with_time_and_zone_confirms_the_next_tip(store: Store, client, engine: FakeEngine) -> None:
    reply = run("tips subscribe 09:00 Europe/Paris", store=store, client=client, engine=engine)
    assert "Next tip: Fri 27 Nov, 09:00 Europe/Paris" in reply["text"]
    assert reply["response_type"] == "in_channel" and "<@U1>" in reply["text"]
    sub = store.subscription("C1", team_id="T1")
    assert sub is not None and (sub.hhmm, sub.tz, sub.weekdays, sub.created_by) == (
        "09:00",
        "Europe/Paris",
        "0123456",
        "U1",
    )


def test_subscribe_defaults_to_nine_in_the_users_slack_time_zone(
    store: Store, client, engine: FakeEngine, fake: TipsFakeSlackAPI
) -> None:
    run("tips subscribe", store=store, client=client, engine=engine)
    sub = store.subscription("C1", team_id="T1")
    assert sub is not None and (sub.hhmm, sub.tz) == ("09:00", "Europe/Paris")  # the fake's users.info tz
    assert fake.calls_to("users.info")[0].body["user"] == "U1"


def test_subscribe_falls_back_to_utc_without_a_slack_time_zone(
    store: Store, client, engine: FakeEngine, fake: TipsFakeSlackAPI
) -> None:
    fake.answers["users.info"] = {"ok": False, "error": "user_not_found"}
    run("tips subscribe 7:30am weekdays", store=store, client=client, engine=engine)
    sub = store.subscription("C1", team_id="T1")
    assert sub is not None and (sub.hhmm, sub.tz, sub.weekdays) == ("07:30", "UTC", "01234")


def test_subscribe_accepts_abbreviations_and_offsets(store: Store, client, engine: FakeEngine) -> None:
    for typed, stored in (("PT", "America/Los_Angeles"), ("UTC+2", "UTC+02:00"), ("UTC-05:30", "UTC-05:30")):
        run(f"tips subscribe 10:15 {typed}", store=store, client=client, engine=engine)
        assert store.subscription("C1", team_id="T1").tz == stored  # type: ignore[union-attr]


def test_bad_time_zone_gets_a_clear_answer_with_examples(store: Store, client, engine: FakeEngine) -> None:
    reply = run("tips subscribe 09:00 Mars/Olympus", store=store, client=client, engine=engine)
    assert reply["response_type"] == "ephemeral"
    assert "Mars/Olympus" in reply["text"] and "Europe/Paris" in reply["text"] and "UTC+2" in reply["text"]
    assert store.subscription("C1", team_id="T1") is None


def test_bad_time_gets_a_clear_answer(store: Store, client, engine: FakeEngine) -> None:
    reply = run("tips subscribe 25:00 UTC", store=store, client=client, engine=engine)
    assert "not a time of day" in reply["text"] and store.subscription("C1", team_id="T1") is None


def test_user_text_is_escaped_in_answers(store: Store, client, engine: FakeEngine) -> None:
    reply = run("tips subscribe 09:00 <!channel>", store=store, client=client, engine=engine)
    assert "<!channel>" not in reply["text"] and "&lt;!channel&gt;" in reply["text"]
    reply = run("tips <!here>", store=store, client=client, engine=engine)
    assert "<!here>" not in reply["text"]


def test_status_and_unsubscribe(store: Store, client, engine: FakeEngine) -> None:
    assert "no daily tips" in run("tips status", store=store, client=client, engine=engine)["text"]
    run("tips subscribe 09:00 UTC weekdays", store=store, client=client, engine=engine)
    status = run("tips status", store=store, client=client, engine=engine)
    assert (
        "Monday to Friday at 09:00 UTC" in status["text"]
        and "Next tip: Fri 27 Nov, 09:00 UTC" in status["text"]
    )
    stopped = run("tips unsubscribe", store=store, client=client, engine=engine)
    assert "stopped" in stopped["text"] and stopped["response_type"] == "in_channel"
    assert store.subscription("C1", team_id="T1") is None
    assert "nothing to stop" in run("tips unsubscribe", store=store, client=client, engine=engine)["text"]


def test_subscribe_after_todays_time_starts_tomorrow(store: Store, client, engine: FakeEngine) -> None:
    reply = run("tips subscribe 06:00 UTC", store=store, client=client, engine=engine)
    assert "Next tip: Sat 28 Nov, 06:00 UTC" in reply["text"]


def test_another_workspace_in_a_shared_channel_neither_sees_nor_stops_its_tips(
    store: Store, client, engine: FakeEngine
) -> None:
    run("tips subscribe 09:00 Europe/Paris", store=store, client=client, engine=engine)
    other = {"store": store, "client": client, "engine": engine, "team": "T2", "user": "U9"}
    assert "no daily tips" in run("tips status", **other)["text"]
    assert "nothing to stop" in run("tips unsubscribe", **other)["text"]
    assert "09:00 Europe/Paris" in run("tips status", store=store, client=client, engine=engine)["text"]


def test_status_after_a_missed_time_says_the_tip_comes_now(store: Store, client, engine: FakeEngine) -> None:
    store.subscribe(
        channel_id="C1", hour=6, minute=0, tz="UTC", team_id="T1", now=0.0
    )  # subscribed long ago, bot was down
    assert "today's, within a minute" in run("tips status", store=store, client=client, engine=engine)["text"]


def test_paused_subscription_shows_in_status_and_resubscribe_resumes(
    store: Store, client, engine: FakeEngine
) -> None:
    run("tips subscribe 09:00 UTC", store=store, client=client, engine=engine)
    store.pause("C1", team_id="T1", reason="is_archived")
    assert "paused" in run("tips status", store=store, client=client, engine=engine)["text"]
    run("tips subscribe 09:00 UTC", store=store, client=client, engine=engine)
    assert store.subscription("C1", team_id="T1").active  # type: ignore[union-attr]


def test_only_members_can_change_a_channels_tips(
    store: Store, client, engine: FakeEngine, fake: TipsFakeSlackAPI
) -> None:
    fake.answers["conversations.members"] = {"ok": True, "members": ["U1", "U2"], "response_metadata": {}}
    reply = run("tips subscribe 09:00 UTC", store=store, client=client, engine=engine, user="U9")
    assert "Only members" in reply["text"] and store.subscription("C1", team_id="T1") is None
    run("tips subscribe 09:00 UTC", store=store, client=client, engine=engine, user="U2")
    assert (
        "Only members"
        in run("tips unsubscribe", store=store, client=client, engine=engine, user="U9")["text"]
    )
    assert store.subscription("C1", team_id="T1") is not None


def test_membership_is_read_across_pages(
    store: Store, client, engine: FakeEngine, fake: TipsFakeSlackAPI
) -> None:
    def members(call: Any) -> dict:
        if call.body.get("cursor") == "page2":
            return {"ok": True, "members": ["U7"], "response_metadata": {"next_cursor": ""}}
        return {"ok": True, "members": ["U1"], "response_metadata": {"next_cursor": "page2"}}

    fake.answers["conversations.members"] = members
    run("tips subscribe 09:00 UTC", store=store, client=client, engine=engine, user="U7")
    assert store.subscription("C1", team_id="T1") is not None


def test_public_channel_the_bot_is_not_in_is_joined(
    store: Store, client, engine: FakeEngine, fake: TipsFakeSlackAPI
) -> None:
    fake.answers["conversations.info"] = {
        "ok": True,
        "channel": {"id": "C1", "is_channel": True, "is_member": False},
    }
    run("tips subscribe 09:00 UTC", store=store, client=client, engine=engine)
    assert [c.body["channel"] for c in fake.calls_to("conversations.join")] == ["C1"]
    assert store.subscription("C1", team_id="T1") is not None


def test_private_channel_the_bot_is_not_in_says_how_to_invite(
    store: Store, client, engine: FakeEngine, fake: TipsFakeSlackAPI
) -> None:
    fake.answers["conversations.info"] = {"ok": False, "error": "channel_not_found"}
    reply = run("tips subscribe 09:00 UTC", store=store, client=client, engine=engine, channel="G1")
    assert "/invite @aitl" in reply["text"] and store.subscription("G1", team_id="T1") is None
    assert fake.calls_to("conversations.join") == []


def test_archived_channel_is_refused(
    store: Store, client, engine: FakeEngine, fake: TipsFakeSlackAPI
) -> None:
    fake.answers["conversations.info"] = {"ok": True, "channel": {"id": "C1", "is_archived": True}}
    assert "archived" in run("tips subscribe", store=store, client=client, engine=engine)["text"]


def test_dm_with_the_bot_can_subscribe_and_gets_its_tips(
    store: Store, client, engine: FakeEngine, fake: TipsFakeSlackAPI
) -> None:
    fake.answers["conversations.info"] = {"ok": True, "channel": {"id": "D1", "is_im": True, "user": "U1"}}
    run("tips subscribe 09:00 UTC", store=store, client=client, engine=engine, channel="D1")
    assert store.subscription("D1", team_id="T1") is not None
    run_once(client=client, store=store, engine=engine, now=datetime(2026, 11, 27, 9, 0, tzinfo=UTC))
    assert len(posts(fake, "D1")) == 1


def test_someone_elses_dm_is_refused(
    store: Store, client, engine: FakeEngine, fake: TipsFakeSlackAPI
) -> None:
    fake.answers["conversations.info"] = {"ok": False, "error": "channel_not_found"}
    reply = run("tips subscribe", store=store, client=client, engine=engine, channel="D2")
    assert "our own DM" in reply["text"] and store.subscription("D2", team_id="T1") is None


def test_tip_now_is_ephemeral_and_rotates_per_user(store: Store, client, engine: FakeEngine) -> None:
    first = run("tip", store=store, client=client, engine=engine)
    second = run("tip", store=store, client=client, engine=engine)
    other = run("tip", store=store, client=client, engine=engine, user="U2")
    assert first["response_type"] == "ephemeral"
    assert first["blocks"][0] != second["blocks"][0] and other["blocks"][0] == first["blocks"][0]
    assert any(b["type"] == "actions" for b in first["blocks"])


def test_bare_tips_and_unknown_verb_show_usage(store: Store, client, engine: FakeEngine) -> None:
    assert "/aitl tips subscribe" in run("tips", store=store, client=client, engine=engine)["text"]
    assert (
        "I don't know `tips frobnicate`"
        in run("tips frobnicate", store=store, client=client, engine=engine)["text"]
    )


def test_every_reply_is_a_valid_slack_message(store: Store, client, engine: FakeEngine) -> None:
    from slack_limits import assert_valid_message

    for text in (
        "tips",
        "tips subscribe 09:00 <b>&",
        "tips subscribe 09:00 UTC",
        "tips status",
        "tip",
        "tips unsubscribe",
    ):
        reply = run(text, store=store, client=client, engine=engine)
        assert_valid_message(reply["text"], reply["blocks"])


def at(hour: int, minute: int = 0, *, day: int = 27) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def command(text: str, *, when: datetime, store: Store, client: Any, engine: FakeEngine) -> dict:
    return handle(args=text.split(), body=body(), client=client, store=store, engine=engine, now=when)


def test_changing_the_time_to_one_already_past_today_starts_tomorrow(
    store: Store, client, engine: FakeEngine, fake: TipsFakeSlackAPI
) -> None:
    command("tips subscribe 09:00 UTC", when=at(7, day=26), store=store, client=client, engine=engine)
    run_once(client=client, store=store, engine=engine, now=at(9, day=26))  # Thursday's tip
    reply = command("tips subscribe 07:30 UTC", when=at(8), store=store, client=client, engine=engine)
    assert "Next tip: Sat 28 Nov, 07:30 UTC" in reply["text"]
    assert run_once(client=client, store=store, engine=engine, now=at(8, 1)).posted == 0  # no surprise post
    assert run_once(client=client, store=store, engine=engine, now=at(7, 30, day=28)).posted == 1
    assert [d.local_date for d in store.deliveries("C1")] == ["2026-11-26", "2026-11-28"]


def test_resubscribing_after_todays_time_starts_tomorrow(
    store: Store, client, engine: FakeEngine, fake: TipsFakeSlackAPI
) -> None:
    command("tips subscribe 09:00 UTC", when=at(7, day=26), store=store, client=client, engine=engine)
    command("tips unsubscribe", when=at(8), store=store, client=client, engine=engine)
    reply = command("tips subscribe 09:00 UTC", when=at(10), store=store, client=client, engine=engine)
    assert "Next tip: Sat 28 Nov, 09:00 UTC" in reply["text"]
    assert run_once(client=client, store=store, engine=engine, now=at(10, 1)).posted == 0
    assert run_once(client=client, store=store, engine=engine, now=at(9, day=28)).posted == 1


def test_resuming_a_paused_subscription_after_todays_time_starts_tomorrow(
    store: Store, client, engine: FakeEngine, fake: TipsFakeSlackAPI
) -> None:
    command("tips subscribe 09:00 UTC", when=at(7, day=26), store=store, client=client, engine=engine)
    store.pause("C1", team_id="T1", reason="not_in_channel")
    reply = command("tips subscribe 09:00 UTC", when=at(10), store=store, client=client, engine=engine)
    assert "Next tip: Sat 28 Nov, 09:00 UTC" in reply["text"]
    assert run_once(client=client, store=store, engine=engine, now=at(10, 1)).posted == 0


def test_changing_the_time_to_later_today_still_posts_today(
    store: Store, client, engine: FakeEngine, fake: TipsFakeSlackAPI
) -> None:
    command("tips subscribe 09:00 UTC", when=at(7, day=26), store=store, client=client, engine=engine)
    reply = command("tips subscribe 11:00 UTC", when=at(10), store=store, client=client, engine=engine)
    assert "Next tip: Fri 27 Nov, 11:00 UTC" in reply["text"]
    assert run_once(client=client, store=store, engine=engine, now=at(11)).posted == 1
