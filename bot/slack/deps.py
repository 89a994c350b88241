"""What the listeners need besides Bolt's injected arguments: answers, the store, background work.

Listeners acknowledge first and hand the rest to `Background` (https://docs.slack.dev/tools/bolt-python/concepts/acknowledge):
Bolt then answers Slack at once, without its 10 ms polling for `ack()`, and a few worker
threads send the replies. A failure there goes to the same error handler as Bolt's.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.slack.gate import Gate

log = logging.getLogger(__name__)

WORK_THREADS = 4
CACHE_SIZE = 1024


class EngineLike(Protocol):
    """bot.engine.Engine as the adapter uses it (docs/architecture.md, Seams)."""

    def ask(self, question: str, *, intent: str | None = None) -> Any: ...

    def help(self) -> Any: ...


class Answers:
    """The engine behind a small cache: answers depend only on (question, intent) and the KB."""

    def __init__(self, engine: EngineLike, *, size: int = CACHE_SIZE) -> None:
        self.engine = engine
        self._ask = functools.lru_cache(maxsize=size)(self._uncached)
        self._help: Any = None

    def _uncached(self, question: str, intent: str | None) -> Any:
        return self.engine.ask(question, intent=intent)

    def ask(self, question: str, *, intent: str | None = None) -> Any:
        return self._ask(question, intent)

    def help(self) -> Any:
        if self._help is None:
            self._help = self.engine.help()
        return self._help


class Background:
    """A few threads for the work after the ack; `shutdown()` waits for what is queued.

    With a `gate`, each job first waits for a quiet moment (bot.slack.gate): acks come first.
    """

    def __init__(
        self,
        *,
        threads: int = WORK_THREADS,
        on_error: Callable[..., Any] | None = None,
        gate: Gate | None = None,
    ) -> None:
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="aitl-work")
        self._on_error = on_error
        self.gate = gate

    def run(
        self,
        job: Callable[[], None],
        *,
        body: dict[str, Any],
        client: Any,
        context: Any,
        urgent: bool = False,
    ) -> None:
        """Queue `job`; `urgent` jobs (a trigger_id expiring in 3 s) skip the wait for quiet."""
        queued_at = time.monotonic()

        def guarded() -> None:
            if self.gate is not None and not urgent:
                self.gate.wait_quiet(since=queued_at)
            try:
                job()
            except Exception as error:  # noqa: BLE001 - reported in one place, never kills a thread
                if self._on_error is None:
                    log.exception("background job failed")
                else:
                    self._on_error(error=error, body=body, client=client, context=context)

        self._pool.submit(guarded)

    def shutdown(self) -> None:
        if self.gate is not None:
            self.gate.open()
        self._pool.shutdown(wait=True)


@dataclass
class Deps:
    engine: EngineLike
    store: Any
    background: Background = field(default_factory=Background)

    def __post_init__(self) -> None:
        self.answers = Answers(self.engine)
