"""App Home: the daily-tip subscriptions of the channels the user is in, in the user's workspace.

Only the viewer's workspace (team) is read: one database may serve several workspaces, and
another workspace's channels are none of this user's business. The user's channels come from
users.conversations (one call); when Slack cannot say (missing scope, error), the subscriptions
the user created are shown instead. Block builders only: the Slack adapter publishes the view
(≤ 100 blocks, so this part stays within MAX_BLOCKS).
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from typing import Any

from bot.engine.render import escape
from bot.store import Store, Subscription
from bot.tips.schedule import format_when, local_today, next_post
from bot.tips.timezones import describe_weekdays

log = logging.getLogger(__name__)

MAX_BLOCKS = 20
_ID = re.compile(r"^[A-Z0-9]{2,32}$")


def subscription_blocks(
    *, store: Store, client: Any, user_id: str, team_id: str, now: datetime | None = None
) -> list[dict]:
    """A header and one line per subscription of the user's channels in workspace `team_id`
    (or how to start one)."""
    moment = now or datetime.now(UTC)
    subs = _users_subscriptions(store=store, client=client, user_id=user_id, team_id=team_id)
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": "Daily tips", "emoji": True}},
    ]
    if not subs:
        text = (
            "None of your channels gets daily tips yet. In a channel, type `/aitl tips subscribe 09:00` "
            "(time zone and weekdays optional, e.g. `/aitl tips subscribe 08:30 Europe/Paris weekdays`)."
        )
        return [*blocks, _section(text)]
    shown = subs[: MAX_BLOCKS - 2]
    today = {sub.channel_id: local_today(sub, moment).isoformat() for sub in shown}
    posted = store.posted_on(list(today.values()))  # one query, not one per channel
    for sub in shown:
        posted_today = (sub.team_id, sub.channel_id, today[sub.channel_id]) in posted
        blocks.append(_section(_line(sub, posted_today=posted_today, now=moment)))
    if len(subs) > len(shown):
        blocks.append(_context(f"…and {len(subs) - len(shown)} more."))
    return blocks


def _line(sub: Subscription, *, posted_today: bool, now: datetime) -> str:
    where = f"<#{sub.channel_id}>" if _ID.match(sub.channel_id) else escape(sub.channel_id)
    if sub.channel_id.startswith("D"):
        where = "Our DM"
    schedule = f"{describe_weekdays(sub.weekdays)} at {sub.hhmm} {escape(sub.tz)}"
    if not sub.active:
        return f"*{where}* — {schedule} · ⏸ paused ({escape(sub.paused_reason or 'error')})"
    moment, catch_up = next_post(sub, now, posted_today=posted_today)
    upcoming = "today's tip is on its way" if catch_up else f"next: {format_when(moment, escape(sub.tz))}"
    return f"*{where}* — {schedule} · {upcoming}"


def _users_subscriptions(*, store: Store, client: Any, user_id: str, team_id: str) -> list[Subscription]:
    everything = store.subscriptions(team_id=team_id)
    if not everything:
        return []
    channels = _user_channels(client=client, user_id=user_id)
    return [s for s in everything if s.created_by == user_id or s.channel_id in channels]


def _user_channels(*, client: Any, user_id: str) -> set[str]:
    try:
        found: set[str] = set()
        cursor = None
        for _ in range(10):
            page = client.users_conversations(
                user=user_id,
                types="public_channel,private_channel,mpim,im",
                exclude_archived=True,
                limit=1000,
                cursor=cursor,
            )
            found |= {c.get("id") for c in page.get("channels") or [] if isinstance(c, dict)}
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
        return found
    except Exception as error:  # missing scope or an outage: fall back to what the user created
        log.info("users.conversations for %s failed: %s", user_id, type(error).__name__)
        return set()


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:3000]}}


def _context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:3000]}]}
