"""One tip as a Slack message that reads well on its own in a channel.

Title with its lead-in ("Trend of the day: Edge AI"), the guide's words, its sub-points, the
section it comes from, and the same 👍/👎 as every answer. Every knowledge-base string is escaped
(https://docs.slack.dev/messaging/formatting-message-text#escaping) and the layout goes through the
engine's renderer, which keeps Slack's block limits; `text` is the notification fallback.
"""

from __future__ import annotations

from typing import Any, Protocol

from bot.engine.render import Context, Header, Section, escape, message
from bot.webapi.feedback import feedback_blocks

KIND_INTENT = {"trend": "trends", "best_practice": "best_practices", "challenge": "challenges"}
KIND_LEAD_IN = {
    "trend": "Trend of the day",
    "best_practice": "Best practice of the day",
    "challenge": "Challenge of the day",
}


class TipLike(Protocol):
    id: str
    kind: str
    title: str
    text: str
    points: tuple[str, ...]
    source: str


def tip_message(tip: TipLike, *, note: str = "") -> dict[str, Any]:
    """`{"text", "blocks"}` for chat.postMessage or respond(); `note` is a small trailing line."""
    lead = getattr(tip, "lead_in", "") or KIND_LEAD_IN.get(tip.kind, "Tip")
    parts: list[Any] = [Header(f"💡 {lead}: {tip.title}")]
    if tip.text:
        parts.append(Section(escape(tip.text)))
    if tip.points:
        parts.append(Section("\n".join(f"• {escape(point)}" for point in tip.points)))
    source = f"From the guide's *{escape(tip.source)}* section · AI Tech Lead career guide"
    parts.append(Context(source))
    if note:
        parts.append(Context(note))
    text, blocks = message(parts)
    return {"text": text, "blocks": blocks + _feedback(tip)}


def _feedback(tip: TipLike) -> list[dict[str, Any]]:
    intent = KIND_INTENT.get(tip.kind, "unknown")
    return feedback_blocks(intent=intent, confidence=1.0, question=f"tip:{tip.id}")
