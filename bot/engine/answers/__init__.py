"""One module per answer family; `compose(query)` picks the family for the query's intent."""

from __future__ import annotations

from collections.abc import Callable

from bot.engine.answer import Answer
from bot.engine.answers import career, help, lists, salary, unknown
from bot.engine.answers.base import Query

Composer = Callable[[Query], Answer]

COMPOSERS: dict[str, Composer] = {
    "salary": salary.compose,
    "career": career.compose,
    "help": help.compose,
    "unknown": unknown.compose,
}
"""Families with their own layout; every other intent is a list of guide sections (lists.py)."""


def compose(query: Query) -> Answer:
    """The answer for `query.intent` (an intent the knowledge base does not have -> unknown)."""
    if query.intent not in COMPOSERS and query.intent not in query.kb.intents:
        return unknown.compose(query)
    return COMPOSERS.get(query.intent, lists.compose)(query)


__all__ = ["COMPOSERS", "Query", "compose"]
