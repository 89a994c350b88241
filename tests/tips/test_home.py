"""App Home: the subscriptions of the user's channels, as valid blocks."""

from __future__ import annotations

from datetime import UTC, datetime

from slack_sdk.models.views import View

from bot.slack.listeners.tips.home import subscription_blocks
from bot.store import Store

from .conftest import TipsFakeSlackAPI

NOW = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)


def texts(blocks: list[dict]) -> str:
    View(type="home", blocks=blocks).to_dict()  # raises on a block Slack would refuse
    return "\n".join(
        b.get("text", {}).get("text", "") if isinstance(b.get("text"), dict) else "" for b in blocks
    )


def test_no_subscription_says_how_to_start(store: Store, client) -> None:
    shown = texts(subscription_blocks(store=store, client=client, user_id="U1", team_id="T1", now=NOW))
    assert "/aitl tips subscribe 09:00" in shown


def test_lists_the_users_channels_with_next_tip_and_pauses(
    store: Store, client, fake: TipsFakeSlackAPI
) -> None:
    store.subscribe(channel_id="C1", hour=9, minute=0, tz="Europe/Paris", team_id="T1", user_id="U2", now=0.0)
    store.subscribe(
        channel_id="C2", hour=8, minute=30, tz="UTC", weekdays="01234", team_id="T1", user_id="U1", now=0.0
    )
    store.subscribe(channel_id="C3", hour=9, minute=0, tz="UTC", team_id="T1", user_id="U3", now=0.0)
    store.pause("C2", team_id="T1", reason="is_archived")
    fake.answers["users.conversations"] = {"ok": True, "channels": [{"id": "C1"}], "response_metadata": {}}
    shown = texts(subscription_blocks(store=store, client=client, user_id="U1", team_id="T1", now=NOW))
    assert "<#C1>" in shown and "next: Fri 27 Nov, 09:00 Europe/Paris" in shown
    assert "<#C2>" in shown and "paused (is_archived)" in shown  # the user created it
    assert "<#C3>" not in shown  # neither theirs nor one of their channels


def test_falls_back_to_the_users_own_subscriptions_when_slack_cannot_say(
    store: Store, client, fake: TipsFakeSlackAPI
) -> None:
    store.subscribe(channel_id="C1", hour=9, minute=0, tz="UTC", team_id="T1", user_id="U1", now=0.0)
    fake.answers["users.conversations"] = {"ok": False, "error": "missing_scope"}
    assert "<#C1>" in texts(
        subscription_blocks(store=store, client=client, user_id="U1", team_id="T1", now=NOW)
    )


def test_shows_only_the_viewers_workspace(store: Store, client, fake: TipsFakeSlackAPI) -> None:
    """One database serving two workspaces: same user id and channel list, different teams."""
    store.subscribe(channel_id="C1", hour=9, minute=0, tz="UTC", team_id="T1", user_id="U1", now=0.0)
    store.subscribe(channel_id="C7", hour=7, minute=0, tz="UTC", team_id="T2", user_id="U1", now=0.0)
    store.subscribe(channel_id="C8", hour=8, minute=0, tz="UTC", team_id="T2", user_id="U2", now=0.0)
    fake.answers["users.conversations"] = {
        "ok": True,
        "channels": [{"id": "C1"}, {"id": "C8"}],
        "response_metadata": {},
    }
    mine = texts(subscription_blocks(store=store, client=client, user_id="U1", team_id="T1", now=NOW))
    assert "<#C1>" in mine and "<#C7>" not in mine and "<#C8>" not in mine
    theirs = texts(subscription_blocks(store=store, client=client, user_id="U1", team_id="T2", now=NOW))
    assert "<#C1>" not in theirs and "<#C7>" in theirs and "<#C8>" in theirs
