"""What the listeners need besides Bolt's injected arguments: answers, the store, background work."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.slack.background import Background
from bot.slack.jobs import Claims
from bot.slack.messages import answer_message
from bot.slack.text import Question

CACHE_SIZE = 1024


class EngineLike(Protocol):
    """bot.engine.Engine as the adapter uses it (docs/architecture.md, Seams)."""

    def ask(
        self, question: str, *, intent: str | None = None, full: bool = False, state: Any = None
    ) -> Any: ...

    def help(self) -> Any: ...


class Answers:
    """The engine behind a small cache: answers depend only on (question, intent) and the KB.

    Not a copy of the engine's own cache (bot.engine.Engine): that one skips composing only, and
    not for `unknown` or ambiguous answers; this one also skips classifying and the adapter's
    defuse/fit, ~140 µs a repeated message against ~2 µs, on the thread that shares the GIL with acks.
    Cached values are shared between threads and never modified (messages build new lists).
    """

    def __init__(self, engine: EngineLike, *, size: int = CACHE_SIZE) -> None:
        self.engine = engine
        self._ask = functools.lru_cache(maxsize=size)(self._uncached)
        self._message = functools.lru_cache(maxsize=size)(self._uncached_message)
        self._help: Any = None

    def _uncached(self, question: str, intent: str | None) -> Any:
        return self.engine.ask(question, intent=intent)

    def _uncached_message(self, question: Question, intent: str | None, share: bool) -> dict[str, Any]:
        return answer_message(self.ask(question.text, intent=intent), question=question, share=share)

    def ask(self, question: str, *, intent: str | None = None) -> Any:
        return self._ask(question, intent)

    def message(
        self, question: Question, *, intent: str | None = None, share: bool = False
    ) -> dict[str, Any]:
        """The answer as a message with its buttons (bot.slack.messages.answer_message), cached."""
        return self._message(question, intent, share)

    def help(self) -> Any:
        if self._help is None:
            self._help = self.engine.help()
        return self._help


@dataclass
class Deps:
    engine: EngineLike
    store: Any
    background: Background = field(default_factory=Background)
    clients: Any = None
    """Many workspaces: `clients(team_id)` -> that workspace's WebClient or None (bot.slack.oauth)."""
    claims: Claims = field(default_factory=Claims)
    """This process's claims on acknowledged jobs (bot.slack.jobs)."""

    def __post_init__(self) -> None:
        self.answers = Answers(self.engine)
