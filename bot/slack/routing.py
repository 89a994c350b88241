"""`/aitl` text -> what to do with it (pure; the contract's subcommands, ../shared/contract.md).

`help` · `salary [level] [location] [industry]` · `skills [technical|soft]` · `career` ·
`challenges [topic]` · `trends` · `tip` · `responsibilities` · `practices` · `market` ·
`tips subscribe|unsubscribe|status` · `why` (how the last question was read) · `explain
QUESTION` (how that question is read) · anything else is a free-text question ("why is model
drift hard?" is a question: only a bare `why` explains).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

Kind = Literal["help", "tips", "ask", "why"]

COMMANDS: tuple[tuple[str, str], ...] = (
    ("help", "this list"),
    ("salary [level] [location] [industry]", "pay ranges and an estimate, e.g. `/aitl salary senior sf`"),
    ("skills [technical|soft]", "the skills the guide asks for"),
    ("career", "how to become an AI tech lead and grow beyond it"),
    ("challenges [topic]", "the common challenges, or one of them"),
    ("trends", "the industry trends"),
    ("responsibilities", "what the role is responsible for"),
    ("practices", "the best practices"),
    ("market", "demand for the role and the market behind it"),
    ("tip", "one tip now, just for you"),
    ("tips subscribe [HH:MM] [timezone] [weekdays]", "a daily tip in this channel"),
    ("tips status", "this channel's subscription and its next tip"),
    ("tips unsubscribe", "stop this channel's daily tips"),
    ("why", "how I read your last `/aitl` question: scores, cutoff, nearest examples"),
    ("explain <question>", "how I read that question"),
    ("<any question>", "asked in your own words, e.g. `/aitl do I need a PhD?`"),
)
"""What `/aitl help` lists (../shared/contract.md): keep it in step with SUBCOMMANDS and TIPS_VERBS."""

SUBCOMMANDS: dict[str, str] = {
    "salary": "salary",
    "salaries": "salary",
    "pay": "salary",
    "skills": "skills",
    "career": "career",
    "challenges": "challenges",
    "trends": "trends",
    "responsibilities": "responsibilities",
    "practices": "best_practices",
    "market": "market",
    "overview": "overview",
    "qualifications": "qualifications",
}
"""First word -> intent; the rest of the text still goes to the engine (entities, topics)."""

SOFT = {"soft", "soft-skills", "people", "interpersonal"}

TIPS_VERBS = (
    "subscribe",
    "sub",
    "on",
    "start",
    "unsubscribe",
    "unsub",
    "off",
    "stop",
    "cancel",
    "status",
    "show",
    "info",
)
"""Words after `tips` that make it the tips command (bot.slack.listeners.tips.commands);
`/aitl tips for leading a team` is a question."""


@dataclass(frozen=True, slots=True)
class Route:
    """`kind` help/tips/ask; for ask, `intent` is forced when a subcommand names one."""

    kind: Kind
    question: str = ""
    intent: str | None = None
    args: tuple[str, ...] = ()


def route(text: str) -> Route:
    """Decide from the command text; `text` is already plain (see bot.slack.text.plain_question)."""
    words = text.split()
    if not words:
        return Route("help")
    head = words[0].lower()
    if head in {"help", "?", "-h", "--help"}:
        return Route("help")
    if head in {"why", "why?"} and len(words) == 1:
        return Route("why")
    if head == "explain" and len(words) > 1:
        return Route("why", question=" ".join(words[1:]))
    if _is_tips_command(head, words[1:]):
        return Route("tips", question=text, args=tuple(words))
    intent = SUBCOMMANDS.get(head)
    if intent == "skills" and len(words) > 1 and words[1].lower() in SOFT:
        intent = "soft_skills"
    return Route("ask", question=text, intent=intent)


def _is_tips_command(head: str, rest: list[str]) -> bool:
    if head == "tip":
        return not rest
    if head != "tips":
        return False
    # a near-miss (`tips subscibe`) still goes to the tips command, which answers with its usage
    return not rest or bool(difflib.get_close_matches(rest[0].lower(), TIPS_VERBS, n=1, cutoff=0.75))


def suggest(text: str, *, limit: int = 3) -> list[str]:
    """Intents whose subcommand looks like the first word (`salry` -> salary), for "did you mean"."""
    words = text.split()
    if not words:
        return []
    names = difflib.get_close_matches(words[0].lower(), list(SUBCOMMANDS), n=limit, cutoff=0.6)
    return list(dict.fromkeys(SUBCOMMANDS[name] for name in names))
