"""Market demand: the guide's market figures, area by area, and what they mean for pay."""

from __future__ import annotations

from bot.engine.answer import Answer
from bot.engine.answers import lists
from bot.engine.answers.base import Draft, Query, esc, finished, label


def compose(query: Query) -> Answer:
    return finished(query, draft(query))


def draft(query: Query) -> Draft:
    kb = query.kb
    salary = kb.intents.get("salary")
    hint = ""
    if salary and salary.examples:
        hint = f"{esc(label(kb, 'salary'))} by level, city and industry: try “{esc(salary.examples[0])}”"
    return lists.draft(query, hints=(hint,))
