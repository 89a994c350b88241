"""`/healthz`: 200 only when the app can serve, which includes reading and writing its store.

A bot whose database is gone still acks (bot.slack.jobs answers without a durable record), so
a health check that ignored the store would call a bot healthy that loses work on the next
restart. The check is a small write-and-read transaction (bot.store.health), run at most once a
second however often `/healthz` is asked; its reason is logged when health changes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

MIN_INTERVAL_SECONDS = 1.0


class Health:
    """`healthy()` for the HTTP layer: the store's check (and any `extra` one, e.g. the socket)."""

    def __init__(self, store: Any, *, extra: Callable[[], bool] | None = None) -> None:
        self._store = store
        self._extra = extra
        self._lock = threading.Lock()
        self._checked_at = float("-inf")
        self._problem: str | None = None

    def problem(self) -> str | None:
        """None when healthy, else a one-line reason (checked at most once a second)."""
        with self._lock:
            now = time.monotonic()
            if now - self._checked_at >= MIN_INTERVAL_SECONDS:
                self._checked_at = now
                problem = _store_problem(self._store)
                if problem != self._problem:
                    if problem is None:
                        log.warning("store is readable and writable again")
                    else:
                        log.error("unhealthy: %s", problem)
                self._problem = problem
            problem = self._problem
        if problem is None and self._extra is not None and not self._extra():
            return "not connected to Slack"
        return problem

    def __call__(self) -> bool:
        return self.problem() is None


def _store_problem(store: Any) -> str | None:
    check = getattr(store, "check", None)
    if check is None:
        return None
    try:
        return check()
    except Exception as error:  # noqa: BLE001 - any failure is a reason to report, not to raise
        return f"store check failed ({type(error).__name__})"
