"""When a subscription is due: pure functions of (subscription, now), so tests control the clock.

The rule (issue 4): a subscription is due at a moment `now` when, in its own time zone, today's
date is one of its weekdays and the local time hour:minute has passed. Only *today* (local) is
ever considered, so a bot that was down posts today's tip when it comes back and never a backlog.
A channel that subscribes (or subscribes again: new time, resumed) after today's time starts
tomorrow (see `_created_after`).

Daylight saving: the wall time is built with `zoneinfo` and ``fold=0``. A time that does not
exist (spring forward, e.g. 02:30 in New York) then maps to the instant one offset earlier, which
is 03:30 local time; a time that happens twice (fall back, 01:30) maps to its first occurrence.
Either way there is one instant per local date, and the deliveries ledger (one row per channel
and local date) makes sure that date is posted once.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from bot.store.models import Subscription
from bot.tips.timezones import resolve


def as_utc(now: datetime) -> datetime:
    """An aware UTC datetime (a naive one is taken to be UTC already)."""
    return now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)


def local_today(sub: Subscription, now: datetime) -> date:
    return as_utc(now).astimezone(resolve(sub.tz)).date()


def due_at(sub: Subscription, day: date) -> datetime:
    """The UTC instant of the subscription's post on local date `day`."""
    zone = resolve(sub.tz)
    wall = datetime.combine(day, time(sub.hour, sub.minute), tzinfo=zone)  # fold=0
    instant = wall.astimezone(UTC)
    if instant.astimezone(zone).date() != day:
        # A gap at the very end of the day (America/Nuuk, 2026-03-28: 23:00 -> 00:00) would push
        # the post into tomorrow and skip today: take the time with the other offset instead.
        instant = wall.replace(fold=1).astimezone(UTC)
    return instant


def runs_on(sub: Subscription, day: date) -> bool:
    return str(day.weekday()) in sub.weekdays


def due_date(sub: Subscription, now: datetime) -> date | None:
    """The local date to post for if `sub` is due at `now` (ignoring the ledger), else None."""
    moment = as_utc(now)
    today = local_today(sub, moment)
    if not runs_on(sub, today) or moment < due_at(sub, today):
        return None
    if _created_after(sub, due_at(sub, today), moment):
        return None
    return today


def _created_after(sub: Subscription, due: datetime, moment: datetime) -> bool:
    """True when today's time had already passed when the channel (last) subscribed: its first tip is
    then tomorrow's, not an instant post ("Next tip: Tue 28 Nov, 09:00"). A moment earlier than
    the subscription itself (an explicit `aitl tips run --now` in the past, a replica's clock
    behind) is taken as asked: the rule only looks forward from the subscription."""
    created = sub.created_at
    return bool(created) and moment.timestamp() >= created and due.timestamp() < created


def next_post(sub: Subscription, now: datetime, *, posted_today: bool) -> tuple[datetime, bool]:
    """(When the next tip goes out, in the subscription's zone; True if that is a catch-up now).

    A catch-up means today's time has passed with nothing posted: the next run posts it.
    """
    moment = as_utc(now)
    zone = resolve(sub.tz)
    today = local_today(sub, moment)
    if not posted_today and due_date(sub, moment) is not None:
        return moment.astimezone(zone), True
    for offset in range(0 if not posted_today else 1, 9):
        day = today + timedelta(days=offset)
        if (
            runs_on(sub, day)
            and due_at(sub, day) > moment
            and not _created_after(sub, due_at(sub, day), moment)
        ):
            return due_at(sub, day).astimezone(zone), False
    return due_at(sub, today + timedelta(days=7)).astimezone(zone), False  # weekdays mask is never empty


def format_when(moment: datetime, tz: str) -> str:
    """``Tue 28 Nov, 09:00 Europe/Paris`` (the zone as the user chose it)."""
    return f"{moment:%a} {moment.day} {moment:%b}, {moment:%H:%M} {tz}"
