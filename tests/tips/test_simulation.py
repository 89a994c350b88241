"""Simulated days, 50 channels in mixed time zones, two racing runners, random restarts.

The default run simulates the 9 days around the EU and US daylight-saving changes of 2026; the
`slow` run (.ci/run) 60 days, which also cross Sydney's and Auckland's.

Every channel must get exactly one tip per due local day: none missing, none doubled, and the
rotation never repeats within a cycle. The clock is simulated (a tick every 30 minutes, both
runners at once in threads); restarts replace a runner's Store (a new process on the same
file would do the same) and may take it down for a few ticks. The expected days are computed
independently, straight from zoneinfo.
"""

from __future__ import annotations

import random
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.store import Store
from bot.tips.runner import run_once

from .conftest import FakeEngine, TipsFakeSlackAPI, posts

ZONES = [
    "UTC",
    "Europe/Paris",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
    "UTC+05:30",
    "UTC-03:00",
]
TICK = timedelta(minutes=30)


def zone(tz: str):
    from bot.tips.timezones import resolve

    return resolve(tz) if tz.startswith("UTC") else ZoneInfo(tz)


def expected_days(hour: int, minute: int, tz: str, weekdays: str, ticks: list[datetime]) -> set[str]:
    """Local dates with a tick at or after that date's due instant (catch-up included)."""
    found: set[str] = set()
    for moment in ticks:
        local = moment.astimezone(zone(tz))
        day: date = local.date()
        due = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone(tz)).astimezone(UTC)
        if str(day.weekday()) in weekdays and moment >= due:
            found.add(day.isoformat())
    return found


@pytest.mark.slow
def test_fifty_channels_nine_days_two_runners_random_restarts(
    db_url: str, client, engine: FakeEngine, fake: TipsFakeSlackAPI
) -> None:
    # Europe leaves summer time on 25 October 2026, the US on 1 November
    simulate(db_url, client, engine, fake, start=datetime(2026, 10, 24, tzinfo=UTC), days=9)


@pytest.mark.slow
def test_fifty_channels_sixty_days_two_runners_random_restarts(
    db_url: str, client, engine: FakeEngine, fake: TipsFakeSlackAPI
) -> None:
    # spans the EU, US, Sydney and Auckland changes
    simulate(db_url, client, engine, fake, start=datetime(2026, 10, 1, tzinfo=UTC), days=60)


def simulate(
    db_url: str, client, engine: FakeEngine, fake: TipsFakeSlackAPI, *, start: datetime, days: int
) -> None:
    rng = random.Random(20261127)
    seed_store = Store(db_url)
    plans = {}
    for n in range(50):
        tz = ZONES[n % len(ZONES)]
        hour, minute = (2, 30) if n % 10 == 0 else (rng.randint(0, 20), rng.choice([0, 7, 15, 30, 45]))
        weekdays = "01234" if n % 4 == 0 else "0123456"
        channel = f"C{n:03d}"
        seed_store.subscribe(
            channel_id=channel,
            hour=hour,
            minute=minute,
            tz=tz,
            weekdays=weekdays,
            now=start.timestamp() - 86400,
        )
        plans[channel] = (hour, minute, tz, weekdays)
    seed_store.close()

    ticks = [start + TICK * k for k in range(days * 24 * 60 // 30)]
    runners = [Store(db_url), Store(db_url)]
    down_until = [start, start]
    restarts = 0
    with ThreadPoolExecutor(2) as pool:
        for moment in ticks:
            for i in (0, 1):
                if rng.random() < 0.01:  # a restart: a new store, sometimes down for up to 3 hours
                    runners[i].close()
                    runners[i] = Store(db_url)
                    down_until[i] = moment + TICK * rng.randint(0, 6)
                    restarts += 1
            if all(moment < until for until in down_until):
                down_until[rng.randrange(2)] = moment  # keep one runner up: a day is never lost entirely
            live = [r for r, until in zip(runners, down_until, strict=True) if moment >= until]
            futures = [pool.submit(run_once, client=client, store=r, engine=engine, now=moment) for r in live]
            for future in futures:
                future.result()

    ledger = runners[0].deliveries()
    assert restarts > len(ticks) // 150  # about one in fifty ticks restarts a runner
    by_channel: dict[str, list[str]] = {}
    for delivery in ledger:
        assert delivery.status == "posted" and delivery.message_ts
        by_channel.setdefault(delivery.channel_id, []).append(delivery.local_date)
    http_posts = Counter(c.body["channel"] for c in posts(fake))
    tip_ids = [t.id for t in engine.kb.tips]
    for channel, (hour, minute, tz, weekdays) in plans.items():
        got = by_channel.get(channel, [])
        assert len(got) == len(set(got)), f"{channel}: a day posted twice"
        assert set(got) == expected_days(hour, minute, tz, weekdays, ticks), (
            f"{channel} ({tz} {hour}:{minute})"
        )
        assert http_posts[channel] == len(got), f"{channel}: {http_posts[channel]} posts for {len(got)} days"
        rotation = [d.tip_id for d in ledger if d.channel_id == channel]
        cycle = len(tip_ids)
        for first in range(0, len(rotation), cycle):
            assert rotation[first : first + cycle] == tip_ids[: len(rotation[first : first + cycle])]
    assert sum(http_posts.values()) == len(ledger) > 50 * days * 0.6
