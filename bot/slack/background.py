"""The work after the ack (https://docs.slack.dev/tools/bolt-python/concepts/acknowledge).

Listeners acknowledge, hand the rest to `Background` and return: Bolt (with
`process_before_response=True`) then answers Slack at once, without its 10 ms polling for
`ack()`, and a few worker threads send the replies. A failure there goes to the same error
handler as Bolt's (bot.slack.errors).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from bot.slack.gate import Gate

log = logging.getLogger(__name__)

WORK_THREADS = 8
MAX_PENDING = 3000
ADMIT_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class _Job:
    run: Callable[[], None]
    queued_at: float
    body: dict[str, Any]
    client: Any
    respond: Any
    admitted: bool


class Background:
    """The work after the ack: a queue, one dispatcher thread, a few worker threads.

    Submitting costs the ack path a deque append. The dispatcher hands the oldest job to the
    workers once the `gate` (bot.slack.gate) says so: at a quiet moment, or when the job has
    waited its maximum. At most `max_pending` jobs wait at once (each holds its request's
    payload): past that, `run()` waits up to `admit_seconds` for room, which slows acks down
    rather than letting memory grow without bound. `shutdown()` runs everything still queued.
    """

    def __init__(
        self,
        *,
        threads: int = WORK_THREADS,
        on_error: Callable[..., Any] | None = None,
        gate: Gate | None = None,
        max_pending: int = MAX_PENDING,
        admit_seconds: float = ADMIT_SECONDS,
    ) -> None:
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="aitl-work")
        self._on_error = on_error
        self._room = threading.Semaphore(max_pending)
        self._admit_seconds = admit_seconds
        self._queue: deque[_Job] = deque()
        self._ready = threading.Condition()
        self._closing = False
        self.gate = gate
        self._dispatcher = threading.Thread(target=self._dispatch, name="aitl-dispatch", daemon=True)
        self._dispatcher.start()

    def run(
        self,
        job: Callable[[], None],
        *,
        body: dict[str, Any],
        client: Any,
        context: Any,
        urgent: bool = False,
    ) -> None:
        """Queue `job`; `urgent` jobs (a trigger_id expiring in 3 s) go to the workers at once.

        Only `body`, `client` and the request's `respond` are kept for the error report: the
        rest of Bolt's context is left behind.
        """
        respond = context.get("respond") if context is not None and context.get("response_url") else None
        admitted = self._room.acquire(timeout=self._admit_seconds)
        item = _Job(job, time.monotonic(), body, client, respond, admitted)
        if urgent or self.gate is None:
            self._pool.submit(self._guarded, item)
            return
        with self._ready:
            self._queue.append(item)
            if len(self._queue) == 1:
                self._ready.notify()

    def _dispatch(self) -> None:
        while True:
            with self._ready:
                while not self._queue and not self._closing:
                    self._ready.wait()
                if not self._queue:
                    return
                oldest = self._queue[0].queued_at
            if self.gate is not None:
                self.gate.wait_quiet(since=oldest)
            with self._ready:
                item = self._queue.popleft()
            self._pool.submit(self._guarded, item)

    def _guarded(self, item: _Job) -> None:
        try:
            item.run()
        except Exception as error:  # noqa: BLE001 - reported in one place, never kills a thread
            if self._on_error is None:
                log.exception("background job failed")
            else:
                self._on_error(error=error, body=item.body, client=item.client, respond=item.respond)
        finally:
            if item.admitted:
                self._room.release()

    def shutdown(self) -> None:
        """Run what is queued now (no more waiting for quiet), then stop the threads."""
        if self.gate is not None:
            self.gate.open()
        with self._ready:
            self._closing = True
            self._ready.notify()
        self._dispatcher.join()
        self._pool.shutdown(wait=True)
