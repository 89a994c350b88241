"""Help, generated from the intents' own `label`, `description` and `examples` (intents.yaml),
so it can never drift from what the bot answers (errbot's "a command's docstring is its help").
"""

from __future__ import annotations

from bot.engine.answer import Answer
from bot.engine.answers.base import Draft, Query, esc, finished
from bot.engine.knowledge import KnowledgeBase
from bot.engine.render import Context, Header, Part
from bot.engine.render import Section as Text

HIDDEN = ("help", "unknown")


def compose(query: Query) -> Answer:
    return finished(query, draft(query))


def draft(query: Query) -> Draft:
    kb = query.kb
    lines = [f"I answer questions about the {esc(kb.title)} role from one career guide. Ask me about:"]
    lines += [intent_line(kb, intent) for intent in kb.intents if intent not in HIDDEN]
    parts: list[Part] = [Header(f"What I can tell you about the {kb.title} role"), Text("\n".join(lines))]
    parts.append(Context("Ask in your own words; I will say how I read the question."))
    return Draft(tuple(parts), ())


def intent_line(kb: KnowledgeBase, intent: str) -> str:
    """`• *Salary* — what the guide says about pay… e.g. “salary senior sf”`."""
    spec = kb.intents[intent]
    line = f"• *{esc(spec.label)}* — {esc(spec.description)}"
    if spec.examples:
        line += f" _e.g. “{esc(spec.examples[0])}”_"
    return line


def example_questions(kb: KnowledgeBase, *, count: int = 3, prefer: tuple[str, ...] = ()) -> list[str]:
    """A few example questions from different intents (the preferred intents first)."""
    order = [*prefer, *(i for i in kb.intents if i not in prefer)]
    picked: list[str] = []
    for intent in order:
        spec = kb.intents.get(intent)
        if spec and intent not in HIDDEN and spec.examples and spec.examples[0] not in picked:
            picked.append(spec.examples[0])
        if len(picked) == count:
            break
    return picked
