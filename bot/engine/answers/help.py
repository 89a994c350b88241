"""Help, generated from the intents' own `label`, `description` and `examples` (intents.yaml),
so it can never drift from what the bot answers (errbot's "a command's docstring is its help").
"""

from __future__ import annotations

import re

from bot.engine.answer import Answer
from bot.engine.answers.base import Draft, Query, esc, finished
from bot.engine.facts import lowered
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
    "bye": "Bye! I'm here whenever you have more questions about the {title} role.",
}


def compose(query: Query) -> Answer:
    return finished(query, draft(query))


_THANKS = frozenset("thanks thank thx ty tyvm cheers appreciate appreciated".split())
_GREETING = frozenset("hi hello hey heya hiya howdy yo morning afternoon evening greetings sup".split())
_ACK = frozenset("ok okay kk cool great nice got it lol haha sure perfect awesome neat alright fine".split())
_BYE = frozenset("bye goodbye cya ttyl".split())
_FILLER = frozenset("good very much so a lot all the bot aitl you there again and oh well ah much".split())
_WORD = re.compile(r"[a-z]+")


def _words(question: str) -> list[str]:
    """The message's words, lowercase, apostrophes dropped ("you're" -> "youre", "thank’s")."""
    return _WORD.findall(question.lower().replace("'", "").replace("’", ""))


def small_talk(question: str) -> str | None:
    """The kind of a message that is only small talk: "thanks", "greeting" or "ack" (an
    acknowledgement); None for anything that asks or says more ("what can you do?", "help")."""
    words = _words(question)
    said = {w for w in words if w not in _FILLER}
    if not words or not said:
        return None
    for kind, vocabulary in (("thanks", _THANKS), ("greeting", _GREETING), ("ack", _ACK)):
        if said & vocabulary and said <= (_THANKS | _GREETING | _ACK):
            return kind
    return None


_MENU = re.compile(r"\b(?:help|commands?|menu)\b")
_CAPABILITY = re.compile(
    r"\b(?:topics?|examples?|use|using|usage|works?|do|does|answer|answers|ask|cover|covers|know|able"
    r"|capable|list|questions?|reliable|trust|features?|phrase|who|what are you)\b"
)
_ASKING = re.compile(r"\?|^\W*(?:what|how|which|can|could|show|list|tell|explain|who|do|does|is|are)\b")


def asks_about_the_bot(question: str) -> bool:
    """Whether a message the matcher reads as help asks what the bot does or how to use it (the
    menu answers it: "what can you do?", "help", "how does this work"), rather than only chatting
    ("how are you?", "good morning! hope your week is going well", "you're a lifesaver")."""
    text = lowered(question)
    return not text or bool(_MENU.search(text) or (_CAPABILITY.search(text) and _ASKING.search(text)))


def chat_kind(question: str) -> str | None:
    """The friendly reply to chat that is not only small-talk words: thanks when it thanks, a
    goodbye, the greeting (which says what the bot answers) for a greeting or "how are you?", the
    acknowledgement for praise ("you're a lifesaver"); None for a message with no word of chat
    ("show me everything", "options?"): the menu."""
    text = question.lower().replace("'", "").replace("’", "")
    words = set(_words(question))
    if words & _THANKS:
        return "thanks"
    if words & _BYE:
        return "bye"
    if words & _GREETING or _HOW_ARE_YOU.search(text):
        return "greeting"
    return "ack" if words & (_ACK | _PRAISE) else None


_PRAISE = frozenset("lifesaver legend amazing helpful useful brilliant fantastic rock rocks best".split())
_HOW_ARE_YOU = re.compile(
    r"\bhow (?:are|r) (?:you|u|ya)\b|\bhows it go|\bhow is it going\b|\bhope (?:you|your)\b"
)


_PROVENANCE = re.compile(
    r"\b(?:(?:is|was) (?:that|this|it|all that) (?:really |actually )?(?:in|from) (?:the|your) guide"
    r"(?=\s*(?:$|[?.!,]|or\b))"  # not "is that in the guide's list of difficulties?"
    r"|(?:are|r) (?:you|u) (?:just )?making (?:that|this|it|stuff|things) up"
    r"|(?:you )?made (?:that|this|it) up"
    r"|where (?:did|does|do) (?:that|this|it|these|those)(?: numbers?| figures?)? come from"
    r"|where(?:'d| did| do) (?:you|u) get (?:that|this|these|those)|what(?:'s| is| are) your sources?)\b"
)
PROVENANCE = (
    "Everything I answer comes from the {title} guide, in its own words, with the section it came "
    "from named under the answer (*Source*). What I combine myself (an estimate, a difference, where "
    "a figure falls) is labelled as mine. Say *more* after an answer for its whole section."
)
"""The answer to "is that in the guide or are you making it up?", "where do those numbers come from?"."""


def provenance(question: str) -> bool:
    """Whether the message asks where the bot's answers come from."""
    return bool(_PROVENANCE.search(lowered(question)))


def draft(query: Query) -> Draft:
    kb = query.kb
    if provenance(query.question):
        return Draft((Text(PROVENANCE.format(title=esc(kb.title))),), ())
    kind = small_talk(query.question) or (
        None if asks_about_the_bot(query.question) else chat_kind(query.question)
    )
    if kind is not None and not query.full:  # a short friendly reply; "more": the whole menu
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
