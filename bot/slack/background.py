"""The work after the ack (https://docs.slack.dev/tools/bolt-python/concepts/acknowledge).

Listeners acknowledge, hand the rest to `Background` and return: Bolt (with
`process_before_response=True`) then answers Slack at once, without its 10 ms polling for
`ack()`, and a few worker threads send the replies. A failure there goes to the same error
handler as Bolt's (bot.slack.errors).
"""

from __future__ import annotations

import dataclasses
import logging
import random
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from bot.slack.gate import Gate
from bot.slack.webapi import rate_limit_delay
from bot.webapi.client import deferring_rate_limits

log = logging.getLogger(__name__)

WORK_THREADS = 8
SOFT_PENDING = 4000
"""Past this many waiting jobs, replies go out even while Slack requests keep coming."""
MAX_PENDING = 6000
"""Past this many, `run()` (the ack path) waits up to ADMIT_SECONDS for room: memory stays bounded."""
ADMIT_SECONDS = 1.0
SLICE_SECONDS = 0.05
URGENT_WORKERS = 2
RATE_LIMIT_ATTEMPTS = 3
"""A job that meets a 429 runs again after Retry-After, up to this many times in all."""
RATE_LIMIT_MAX_WAIT = 60.0
"""A Retry-After longer than this is not waited for: the job gives up (logged, apology)."""


@dataclass(frozen=True, slots=True)
class _Job:
    run: Callable[[], None]
    queued_at: float
    body: dict[str, Any]
    client: Any
    respond: Any
    admitted: bool
    attempt: int = 1


class Background:
    """The work after the ack: a queue, one dispatcher thread, a few worker threads.

    Submitting costs the ack path a deque append. The dispatcher hands the oldest job to a free
    worker once the `gate` (bot.slack.gate) says so: at a quiet moment, or when the job has
    waited its maximum, or as soon as more than `soft_pending` jobs wait (a long burst: replies
    then share the CPU with acks). At most `max_pending` jobs wait at all (each holds its
    request's payload): past that, `run()` waits up to `admit_seconds` for room, which slows
    acks rather than letting memory grow without bound. `shutdown()` runs everything queued.
    """

    def __init__(
        self,
        *,
        threads: int = WORK_THREADS,
        on_error: Callable[..., Any] | None = None,
        gate: Gate | None = None,
        max_pending: int = MAX_PENDING,
        soft_pending: int = SOFT_PENDING,
        admit_seconds: float = ADMIT_SECONDS,
    ) -> None:
        self._pool = ThreadPoolExecutor(max_workers=threads + URGENT_WORKERS, thread_name_prefix="aitl-work")
        self._on_error = on_error
        self._room = threading.Semaphore(max_pending)
        self._soft_pending = soft_pending
        self._free_workers = threading.Semaphore(threads)
        self._admit_seconds = admit_seconds
        self._queue: deque[_Job] = deque()
        self._ready = threading.Condition()
        self._closing = False
        self._timers: set[threading.Timer] = set()
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
        if urgent:  # spare workers are kept for these: they never wait for the dispatcher
            self._pool.submit(self._guarded, item, False)
            return
        with self._ready:
            self._queue.append(item)
            if len(self._queue) == 1:
                self._ready.notify()

    def _dispatch(self) -> None:
        """Hand the oldest job to a free worker when the gate allows, or the queue is too long."""
        while True:
            with self._ready:
                while not self._queue and not self._closing:
                    self._ready.wait()
                if not self._queue:
                    return
                oldest, waiting = self._queue[0].queued_at, len(self._queue)
            if waiting <= self._soft_pending and self.gate is not None:
                if not self.gate.wait_quiet(since=oldest, timeout=SLICE_SECONDS):
                    continue  # look at the queue length again
            self._free_workers.acquire()
            with self._ready:
                item = self._queue.popleft()
            self._pool.submit(self._guarded, item, True)

    def _guarded(self, item: _Job, holds_worker: bool) -> None:
        keeps_room = False
        try:
            with deferring_rate_limits():
                item.run()
        except Exception as error:  # noqa: BLE001 - reported in one place, never kills a thread
            delay = rate_limit_delay(error)
            if delay is not None and self._later(item, delay):
                keeps_room = True  # still waiting: it keeps its place in the bounded queue
            elif self._on_error is None:
                log.exception("background job failed")
            else:
                self._on_error(
                    error=error, body=item.body, client=item.client, respond=item.respond, verified=True
                )
        finally:
            if holds_worker:
                self._free_workers.release()
            if item.admitted and not keeps_room:
                self._room.release()

    def _later(self, item: _Job, delay: float) -> bool:
        """Run `item` again after `delay` (Slack's Retry-After) without holding a worker; False
        when its attempts are spent, the wait is too long, or the process is stopping."""
        if item.attempt >= RATE_LIMIT_ATTEMPTS or delay > RATE_LIMIT_MAX_WAIT or self._closing:
            return False
        again = dataclasses.replace(item, attempt=item.attempt + 1, queued_at=time.monotonic() + delay)
        timer = threading.Timer(delay + random.uniform(0, 0.25), self._requeue, args=(again,))
        timer.daemon = True
        with self._ready:
            self._timers.add(timer)
        timer.start()
        log.info("rate limited: the reply is tried again in %.1f s (attempt %d)", delay, again.attempt)
        return True

    def _requeue(self, item: _Job) -> None:
        with self._ready:
            self._timers.discard(threading.current_thread())  # type: ignore[arg-type]
            if self._closing:
                log.warning(
                    "stopping: a rate-limited reply is left (a durable job is answered at the next start)"
                )
                if item.admitted:
                    self._room.release()
                return
            self._queue.append(item)
            self._ready.notify()

    def shutdown(self) -> None:
        """Run what is queued now (no more waiting for quiet), then stop the threads."""
        if self.gate is not None:
            self.gate.open()
        with self._ready:
            self._closing = True
            self._ready.notify()
            waiting, self._timers = self._timers, set()
        for timer in waiting:  # rate-limited replies: not waited for (durable jobs wait for the next start)
            timer.cancel()
        if waiting:
            log.warning("stopping: %d rate-limited replies left for the next start", len(waiting))
        self._dispatcher.join()
        self._pool.shutdown(wait=True)
