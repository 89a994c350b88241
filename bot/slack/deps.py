"""What the listeners need besides Bolt's injected arguments: the engine and the store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


class EngineLike(Protocol):
    """bot.engine.Engine as the adapter uses it (docs/architecture.md, Seams)."""

    def ask(self, question: str, *, intent: str | None = None) -> Any: ...

    def help(self) -> Any: ...


@dataclass(frozen=True, slots=True)
class Deps:
    engine: EngineLike
    store: Any
