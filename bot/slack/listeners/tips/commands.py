"""`/aitl tips subscribe|status|unsubscribe` and `/aitl tip`: text in, the reply for respond() out.

`args` is the whole command's words, e.g. ``["tips", "subscribe", "09:00", "Europe/Paris"]`` or
``["tip"]``. The reply is a dict with `text`, `blocks` and `response_type`: ephemeral for
everything only the asker needs (status, errors, `/aitl tip`), in the channel for a change to the
channel's subscription, so its members know who turned daily posts on or off.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from bot.engine.render import escape
from bot.slack.listeners.tips.access import check_channel, is_member
from bot.store import ALL_DAYS, Store, Subscription
from bot.tips.message import tip_message
from bot.tips.schedule import as_utc, format_when, local_today, next_post
from bot.tips.timezones import (
    EXAMPLES,
    TimeOfDayError,
    TimezoneError,
    describe_weekdays,
    looks_like_time,
    parse_time_of_day,
    parse_timezone,
    parse_weekdays,
)

log = logging.getLogger(__name__)

USAGE = (
    "*Daily tips* from the AI Tech Lead guide, in this channel:\n"
    "• `/aitl tips subscribe [HH:MM] [timezone] [weekdays]`, "
    "e.g. `/aitl tips subscribe 09:00 Europe/Paris weekdays` "
    "(default: 09:00 in your Slack time zone, every day)\n"
    "• `/aitl tips status` — the subscription and the next tip\n"
    "• `/aitl tips unsubscribe` — stop the tips\n"
    "• `/aitl tip` — one tip now, just for you"
)
_MERIDIEM = {"am", "pm", "a.m.", "p.m."}


def handle(
    *, args: list[str], body: dict, client: Any, store: Store, engine: Any, now: datetime | None = None
) -> dict:
    """Answer one tips command (never raises for bad input; Web API failures are handled)."""
    moment = as_utc(now or datetime.now().astimezone())
    words = [w for w in args if w]
    if words and words[0].lower() == "tip":
        return _one_tip(body=body, store=store, engine=engine)
    if words and words[0].lower() == "tips":
        words = words[1:]
    verb = words[0].lower() if words else ""
    rest = words[1:]
    if verb in {"subscribe", "sub", "on", "start"}:
        return _subscribe(rest, body=body, client=client, store=store, now=moment)
    if verb in {"unsubscribe", "unsub", "off", "stop", "cancel"}:
        return _unsubscribe(body=body, client=client, store=store)
    if verb in {"status", "show", "info", ""}:
        if not verb and not store.subscription(_channel(body), team_id=_team(body)):
            return _reply(USAGE)
        return _status(body=body, store=store, now=moment)
    return _reply(f"I don't know `tips {escape(verb[:30])}`.\n{USAGE}")


def _reply(text: str, *, in_channel: bool = False) -> dict:
    return {
        "text": text,
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text[:3000]}}],
        "response_type": "in_channel" if in_channel else "ephemeral",
    }


def _channel(body: dict) -> str:
    return str(body.get("channel_id") or "")


def _team(body: dict) -> str:
    """The workspace the command came from: subscriptions are its own (bot.store.subscriptions)."""
    return str(body.get("team_id") or "")


def _parse_subscribe(words: list[str]) -> tuple[tuple[int, int] | None, str | None, str | None]:
    """(time, zone text, weekday mask) from the words after `subscribe`, in any order."""
    joined: list[str] = []
    for word in words:  # "9 am" -> "9am"
        if word.lower() in _MERIDIEM and joined:
            joined[-1] += word
        else:
            joined.append(word)
    when: tuple[int, int] | None = None
    days: str | None = None
    zone_words: list[str] = []
    for word in joined:
        if when is None and looks_like_time(word):
            when = parse_time_of_day(word)
            continue
        mask = parse_weekdays(word)
        if days is None and mask is not None:
            days = mask
            continue
        zone_words.append(word)
    return when, (" ".join(zone_words) or None), days


def _user_timezone(client: Any, user_id: str) -> str:
    """The user's Slack time zone (users.info → user.tz), else UTC."""
    try:
        tz = (client.users_info(user=user_id).get("user") or {}).get("tz") or ""
    except Exception as error:  # any failure just means: no known zone
        log.info("users.info %s failed (%s); defaulting to UTC", user_id, type(error).__name__)
        return "UTC"
    try:
        return parse_timezone(tz) if tz else "UTC"
    except TimezoneError:
        return "UTC"


def _subscribe(words: list[str], *, body: dict, client: Any, store: Store, now: datetime) -> dict:
    try:
        when, zone_text, days = _parse_subscribe(words)
        tz = parse_timezone(zone_text) if zone_text else None
    except (TimeOfDayError, TimezoneError) as error:
        hint = "" if isinstance(error, TimezoneError) else f" Time zones: {EXAMPLES}."
        return _reply(f"{error}{hint}\nExample: `/aitl tips subscribe 09:00 Europe/Paris weekdays`")
    channel_id, user_id = _channel(body), str(body.get("user_id") or "")
    if not channel_id:
        return _reply("I can only set up tips from a channel.")
    access = check_channel(client=client, channel_id=channel_id, user_id=user_id)
    if not access.ok:
        return _reply(access.message)
    hour, minute = when or (9, 0)
    sub = store.subscribe(
        channel_id=channel_id,
        hour=hour,
        minute=minute,
        tz=tz or _user_timezone(client, user_id),
        weekdays=days or ALL_DAYS,
        team_id=_team(body),
        user_id=user_id,
        now=now.timestamp(),
    )
    text = (
        f"<@{user_id}> turned on daily tips from the AI Tech Lead guide here: {_schedule(sub)}.\n"
        f"{_next_line(sub, store=store, now=now)}\n"
        "Change it with `/aitl tips subscribe HH:MM timezone`, stop it with `/aitl tips unsubscribe`."
    )
    return _reply(text, in_channel=True)


def _schedule(sub: Subscription) -> str:
    return f"{describe_weekdays(sub.weekdays)} at {sub.hhmm} {sub.tz}"


def _next_line(sub: Subscription, *, store: Store, now: datetime) -> str:
    posted = (
        store.delivery(sub.channel_id, local_today(sub, now).isoformat(), team_id=sub.team_id) is not None
    )
    moment, catch_up = next_post(sub, now, posted_today=posted)
    if catch_up:
        return f"Next tip: today's, within a minute ({sub.hhmm} {sub.tz} has passed)."
    return f"Next tip: {format_when(moment, sub.tz)}."


def _status(*, body: dict, store: Store, now: datetime) -> dict:
    sub = store.subscription(_channel(body), team_id=_team(body))
    if sub is None:
        return _reply("This channel has no daily tips. Turn them on with `/aitl tips subscribe 09:00`.")
    if not sub.active:
        reason = escape(sub.paused_reason or "a Slack error")
        return _reply(
            f"Daily tips here are *paused* ({reason}): {_schedule(sub)}.\n"
            "Run `/aitl tips subscribe` again to resume them once I can post here."
        )
    return _reply(f"Daily tips here: {_schedule(sub)}.\n{_next_line(sub, store=store, now=now)}")


def _unsubscribe(*, body: dict, client: Any, store: Store) -> dict:
    channel_id, user_id = _channel(body), str(body.get("user_id") or "")
    if store.subscription(channel_id, team_id=_team(body)) is None:
        return _reply("This channel has no daily tips, so there is nothing to stop.")
    if (
        not channel_id.startswith("D")
        and is_member(client=client, channel_id=channel_id, user_id=user_id) is False
    ):
        return _reply("Only members of this channel can change its daily tips.")
    store.unsubscribe(channel_id, team_id=_team(body))
    return _reply(f"<@{user_id}> stopped the daily tips here. No more tips will be posted.", in_channel=True)


def _one_tip(*, body: dict, store: Store, engine: Any) -> dict:
    tips = tuple(engine.kb.tips)
    if not tips:
        return _reply("I have no tips to share right now.")
    key = f"user:{body.get('team_id') or ''}:{body.get('user_id') or ''}"
    tip = tips[store.next_position(key, modulo=len(tips))]
    reply = tip_message(tip, note="Daily tips in a channel: `/aitl tips subscribe 09:00`")
    return {**reply, "response_type": "ephemeral"}
