"""The values the engine hands to its adapters (CLI, Slack): plain data, no Slack imports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.engine.conversation import ConversationState

INTENTS: tuple[str, ...] = (
    "overview",
    "responsibilities",
    "skills",
    "soft_skills",
    "qualifications",
    "career",
    "salary",
    "market",
    "trends",
    "best_practices",
    "challenges",
    "help",
    "unknown",
)
"""The contract's fixed set of intent ids (../shared/contract.md)."""


@dataclass(frozen=True, slots=True)
class Alternative:
    """A runner-up intent, offered as "Did you mean ...?"."""

    intent: str
    confidence: float
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"intent": self.intent, "confidence": round(self.confidence, 3)}


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer to one question.

    `text` is Slack mrkdwn and doubles as the notification fallback; `blocks` are the Block Kit
    blocks Slack would show (content, sources, did-you-mean buttons; the Slack adapter appends
    feedback and share buttons). `sources` are guide section titles.
    """

    intent: str
    confidence: float
    text: str
    blocks: list[dict[str, Any]]
    sources: list[str]
    entities: dict[str, Any] = field(default_factory=dict)
    alternatives: list[Alternative] = field(default_factory=list)
    question: str = ""
    topic: dict[str, str] | None = None
    """`{"section": <guide section title>, "item": <item title>}` when the answer is about one item."""
    more: str | None = None
    """A focused answer: the title of the whole section it came from (one step away), else None."""
    carried: list[str] = field(default_factory=list)
    """What came from earlier turns of the conversation ("level", "industry", "topic", "facts")."""
    listed: str | None = field(default=None, compare=False)
    """The id of the area whose items the answer shows one by one (what "the second one" counts in)."""
    bullets: tuple[tuple[str, str, str], ...] = field(default=(), compare=False)
    """Every bullet the answer shows, in order, as (section id, item id, title) (`Draft.bullets`)."""
    state: ConversationState | None = field(default=None, compare=False)
    """The conversation after this answer (bot.engine.conversation): adapters keep it for the next
    turn. Not part of the answer's equality: it records when it was made."""

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON shape for `aitl ask --json`."""
        return {
            "intent": self.intent,
            "confidence": round(self.confidence, 3),
            "entities": self.entities,
            "text": self.text,
            "blocks": self.blocks,
            "sources": self.sources,
            "alternatives": [a.to_dict() for a in self.alternatives],
            "topic": self.topic,
            "carried": list(self.carried),
        }
