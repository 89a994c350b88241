"""Acks before replies: background replies wait for a quiet moment, but never long.

Slack gives an ack 3 seconds (https://docs.slack.dev/apis/events-api/#responding) while a
response_url stays valid for 30 minutes
(https://docs.slack.dev/interactivity/handling-user-interaction#message_responses). In one
Python process the background replies and the request threads share one interpreter lock, so
during a burst every reply sent slows every ack. The WSGI app marks each Slack request in
flight; a background job starts once no request has been in flight for `quiet_seconds`, or
after `max_wait_seconds`, whichever comes first. At ordinary load a reply leaves within a few
milliseconds; in a burst, replies follow the burst.
"""

from __future__ import annotations

import threading
import time

QUIET_SECONDS = 0.02
MAX_WAIT_SECONDS = 5.0


class Gate:
    """Counts requests in flight; `wait_quiet(since=...)` blocks background work while busy."""

    def __init__(
        self, *, quiet_seconds: float = QUIET_SECONDS, max_wait_seconds: float = MAX_WAIT_SECONDS
    ) -> None:
        self.quiet_seconds = quiet_seconds
        self.max_wait_seconds = max_wait_seconds
        self._in_flight = 0
        self._last_change = 0.0
        self._open = False
        self._cond = threading.Condition()

    def enter(self) -> None:
        with self._cond:
            self._in_flight += 1
            self._last_change = time.monotonic()

    def leave(self) -> None:
        with self._cond:
            self._in_flight -= 1
            self._last_change = time.monotonic()
            if self._in_flight == 0:
                self._cond.notify_all()

    def open(self) -> None:
        """Shutting down: let every waiting job run now."""
        with self._cond:
            self._open = True
            self._cond.notify_all()

    def wait_quiet(self, *, since: float, timeout: float | None = None) -> bool:
        """True when quiet, when opened, or `max_wait_seconds` after `since` (monotonic);
        False if `timeout` seconds passed first."""
        deadline = since + self.max_wait_seconds
        give_up = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while not self._open:
                now = time.monotonic()
                if now >= deadline:
                    return True
                if give_up is not None and now >= give_up:
                    return False
                wake = deadline if give_up is None else min(deadline, give_up)
                if self._in_flight == 0:
                    quiet_for = now - self._last_change
                    if quiet_for >= self.quiet_seconds:
                        return True
                    wake = min(wake, now + self.quiet_seconds - quiet_for)
                self._cond.wait(wake - now)
            return True
