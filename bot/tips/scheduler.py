"""The scheduler inside `aitl serve`: a daemon thread that runs the runner every minute.

Nothing is scheduled in memory: each tick asks the store what is due now, so a restart loses
nothing and a bot that was down catches up the same local day. Several replicas (or cron next to
`serve`) can tick at once; the runner's claims keep every post single. An Event makes stop()
prompt: it wakes the thread instead of waiting out the minute.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from bot.tips.runner import run_once

log = logging.getLogger(__name__)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def start(
    *,
    client: Any,
    store: Any,
    engine: Any,
    clients: Callable[[str], Any] | None = None,
    interval_seconds: float = 60,
    clock: Callable[[], datetime] = _utc_now,
) -> Callable[[], None]:
    """Start ticking now and every `interval_seconds`; returns stop() (idempotent, joins the thread)."""
    stopping = threading.Event()

    def loop() -> None:
        while not stopping.is_set():
            started = time.monotonic()
            try:
                report = run_once(client=client, store=store, engine=engine, now=clock(), clients=clients)
                if report.posted or report.failed or report.paused:
                    log.info(report.line())
            except Exception:  # a bad tick (database briefly away...) must not end the schedule
                log.exception("tips tick failed; trying again at the next tick")
            stopping.wait(max(interval_seconds - (time.monotonic() - started), 0.0))

    thread = threading.Thread(target=loop, name="aitl-tips-scheduler", daemon=True)
    thread.start()

    def stop(timeout: float = 30.0) -> None:
        stopping.set()
        if thread is not threading.current_thread():
            thread.join(timeout)

    return stop
