"""The 👍 / 👎 buttons (and **Share in channel**) under an answer or a tip.

The Slack adapter puts them under answers (bot.slack.blocks) and handles the clicks
(bot.slack.listeners.actions); the tips runner puts them under each tip (bot.tips.message).
Limits from https://docs.slack.dev/reference/block-kit/blocks: button value ≤ 2,000 characters.
"""

from __future__ import annotations

import json
from typing import Any

Block = dict[str, Any]

MAX_VALUE = 2000
VALUE_QUESTION = 1200
"""Characters of the question carried in a button value (JSON-escaping may double them)."""

FEEDBACK_UP = "aitl_feedback_up"
FEEDBACK_DOWN = "aitl_feedback_down"
SHARE = "aitl_share"


def button_value(data: dict[str, Any]) -> str:
    """Compact JSON for a button value, always within Slack's 2,000 characters."""
    data = dict(data)
    question = str(data.get("q", ""))
    while True:
        data["q"] = question
        value = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
        if len(value) <= MAX_VALUE:
            return value
        question = question[: max(len(question) - (len(value) - MAX_VALUE) - 8, 0)]


def feedback_blocks(
    *, intent: str, confidence: float, question: str = "", share: bool = False
) -> list[Block]:
    """👍 / 👎 buttons (and **Share in channel** when `share`) under an answer or a tip.

    Values carry what the store needs: `{"i": intent, "c": confidence, "q": question}`.
    """
    value = button_value({"i": intent, "c": round(float(confidence), 3), "q": question[:VALUE_QUESTION]})
    elements: list[Block] = []
    if share:
        elements.append(
            {
                "type": "button",
                "action_id": SHARE,
                "text": {"type": "plain_text", "text": "Share in channel", "emoji": True},
                "style": "primary",
                "value": value,
            }
        )
    elements += [
        {
            "type": "button",
            "action_id": FEEDBACK_UP,
            "text": {"type": "plain_text", "text": "👍 Helpful", "emoji": True},
            "value": value,
        },
        {
            "type": "button",
            "action_id": FEEDBACK_DOWN,
            "text": {"type": "plain_text", "text": "👎 Not helpful", "emoji": True},
            "value": value,
        },
    ]
    return [{"type": "actions", "block_id": "aitl_feedback", "elements": elements}]
