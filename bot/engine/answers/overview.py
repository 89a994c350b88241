"""The overview: what the role is in a few lines, then where to go next.

Paragraphs are shown whole; lists (key responsibilities, skills and qualifications) as one line
of titles each, since each has its own, fuller answer. The "ask me about" line is generated from
the intents' labels.
"""

from __future__ import annotations

from bot.engine.answer import Answer
from bot.engine.answers import lists
from bot.engine.answers.base import Draft, Query, esc, finished, label
from bot.engine.answers.help import HIDDEN


def compose(query: Query) -> Answer:
    return finished(query, draft(query))


def draft(query: Query) -> Draft:
    kb = query.kb
    others = [label(kb, i) for i in kb.intents if i not in HIDDEN and i != query.intent]
    more = "Ask me next about: " + esc(", ".join(others)) + "." if others else ""
    return lists.draft(query, compact=True, hints=(more,))
