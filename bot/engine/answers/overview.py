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
from bot.engine.render import Context, Part
from bot.engine.render import Section as Text


def compose(query: Query) -> Answer:
    return finished(query, draft(query))


def draft(query: Query) -> Draft:
    kb = query.kb
    others = [label(kb, i) for i in kb.intents if i not in HIDDEN and i != query.intent]
    more = "Ask me next about: " + esc(", ".join(others)) + "." if others else ""
    if query.full:
        return lists.draft(query, compact=True, hints=(more,))
    return _short(query, more)


def _short(query: Query, more: str) -> Draft:
    """What the role is, in the guide's paragraphs only (its lists have their own answers)."""
    kb = query.kb
    spec = kb.intents.get(query.intent)
    sections = [kb.section(s) for s in (spec.sections if spec else ()) if s in kb.sections]
    paragraphs = [(s, " ".join(s.intro)) for s in sections if s.intro and not s.items][:3]
    if not paragraphs:
        return lists.draft(query, compact=True, hints=(more,))
    lines = [f"*{esc(paragraphs[0][1])}*", *(esc(text) for _, text in paragraphs[1:])]
    parts: list[Part] = [Text("\n\n".join(lines))]
    if more:
        parts.append(Context(more))
    top = next((s for s in sections if s.parent is None), sections[0])
    return Draft(tuple(parts), tuple(s.id for s, _ in paragraphs), more=top.title)
