"""The scheduler thread: ticks with the runner, survives a bad tick, stops promptly."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from bot.store import Store
from bot.tips import scheduler

from .conftest import FakeEngine, TipsFakeSlackAPI, posts


class Clock:
    """A controllable clock: each call returns the current simulated moment."""

    def __init__(self, start: datetime) -> None:
        self.now = start
        self.lock = threading.Lock()

    def __call__(self) -> datetime:
        with self.lock:
            return self.now

    def set(self, moment: datetime) -> None:
        with self.lock:
            self.now = moment


def wait_until(predicate, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_scheduler_posts_when_due_and_only_once(
    store: Store, client, engine: FakeEngine, fake: TipsFakeSlackAPI
) -> None:
    store.subscribe(channel_id="C1", hour=9, minute=0, tz="America/New_York", now=0.0)
    clock = Clock(datetime(2026, 1, 15, 13, 59, tzinfo=UTC))  # 08:59 in New York (winter)
    stop = scheduler.start(client=client, store=store, engine=engine, interval_seconds=0.02, clock=clock)
    try:
        time.sleep(0.2)
        assert posts(fake) == []
        clock.set(datetime(2026, 1, 15, 14, 0, tzinfo=UTC))
        wait_until(lambda: len(posts(fake)) == 1)
        time.sleep(0.2)  # many more ticks, same day
        assert len(posts(fake)) == 1
        clock.set(clock() + timedelta(days=1))
        wait_until(lambda: len(posts(fake)) == 2)
    finally:
        started = time.monotonic()
        stop()
        assert time.monotonic() - started < 2


def test_stop_is_prompt_even_with_a_long_interval(store: Store, client, engine: FakeEngine) -> None:
    stop = scheduler.start(client=client, store=store, engine=engine, interval_seconds=3600)
    time.sleep(0.05)
    started = time.monotonic()
    stop()
    stop()  # idempotent
    assert time.monotonic() - started < 2
    assert not any(t.name == "aitl-tips-scheduler" and t.is_alive() for t in threading.enumerate())


def test_a_failing_tick_does_not_end_the_schedule(
    store: Store, client, engine: FakeEngine, fake: TipsFakeSlackAPI
) -> None:
    store.subscribe(channel_id="C1", hour=9, minute=0, tz="UTC", now=0.0)
    calls = {"n": 0}

    def flaky_clock() -> datetime:
        calls["n"] += 1
        if calls["n"] <= 2:
            raise RuntimeError("database briefly away")
        return datetime(2026, 1, 15, 9, 30, tzinfo=UTC)

    stop = scheduler.start(
        client=client, store=store, engine=engine, interval_seconds=0.02, clock=flaky_clock
    )
    try:
        wait_until(lambda: len(posts(fake)) == 1)
    finally:
        stop()
