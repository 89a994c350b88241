"""One module per answer family; `compose(query)` picks the family for the query's intent.

Families are imported on first use: a one-shot `aitl ask` loads only the one it needs.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from bot.engine.answer import Answer
from bot.engine.answers.base import Query

Composer = Callable[[Query], Answer]

FAMILIES: dict[str, str] = {
    "salary": "salary",
    "career": "career",
    "skills": "skills",
    "soft_skills": "skills",
    "qualifications": "skills",
    "market": "market",
    "overview": "overview",
    "help": "help",
    "unknown": "unknown",
}
"""Intent -> answer module; every other intent (challenges, trends, best practices,
responsibilities) is a plain list of guide sections, composed by `lists`."""


def composer(intent: str) -> Composer:
    module = import_module(f"bot.engine.answers.{FAMILIES.get(intent, 'lists')}")
    return module.compose


def compose(query: Query) -> Answer:
    """The answer for `query.intent` (an intent the knowledge base does not have -> unknown)."""
    if query.intent not in FAMILIES and query.intent not in query.kb.intents:
        return composer("unknown")(query)
    return composer(query.intent)(query)


__all__ = ["FAMILIES", "Query", "compose", "composer"]
