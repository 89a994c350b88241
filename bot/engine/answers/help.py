"""Help, generated from the intents' own `label`, `description` and `examples` (intents.yaml),
so it can never drift from what the bot answers (errbot's "a command's docstring is its help").
"""

from __future__ import annotations

import re

from bot.engine.answer import Answer
from bot.engine.answers.base import Draft, Query, esc, finished
from bot.engine.knowledge import KnowledgeBase
from bot.engine.render import Context, Header, Part
from bot.engine.render import Section as Text

HIDDEN = ("help", "unknown")
_REPLIES = {
    "thanks": "You're welcome! Ask me anything else about the {title} role.",
    "greeting": (
        "Hi! I answer questions about the {title} role from one career guide: pay, skills, the "
        "career path, responsibilities, trends and more. Ask in your own words, or say *help* for "
        "everything I cover."
    ),
    "ack": "Anything else about the {title} role? Say *help* to see everything I cover.",
}


def compose(query: Query) -> Answer:
    return finished(query, draft(query))


_THANKS = frozenset("thanks thank thx ty tyvm cheers appreciate appreciated".split())
_GREETING = frozenset("hi hello hey heya hiya howdy yo morning afternoon evening greetings sup".split())
_ACK = frozenset("ok okay kk cool great nice got it lol haha sure perfect awesome neat alright fine".split())
_FILLER = frozenset("good very much so a lot all the bot aitl you there again and oh well ah much".split())
_WORD = re.compile(r"[a-z]+")


def small_talk(question: str) -> str | None:
    """The kind of a message that is only small talk: "thanks", "greeting" or "ack" (an
    acknowledgement); None for anything that asks or says more ("what can you do?", "help")."""
    words = _WORD.findall(question.lower().replace("'", ""))
    said = {w for w in words if w not in _FILLER}
    if not words or not said:
        return None
    for kind, vocabulary in (("thanks", _THANKS), ("greeting", _GREETING), ("ack", _ACK)):
        if said & vocabulary and said <= (_THANKS | _GREETING | _ACK):
            return kind
    return None


def draft(query: Query) -> Draft:
    kb = query.kb
    kind = small_talk(query.question)
    if kind is not None:  # a short friendly reply, not the whole menu
        return Draft((Text(_REPLIES[kind].format(title=esc(kb.title))),), ())
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
