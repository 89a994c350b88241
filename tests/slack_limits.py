"""One check that a message would be accepted by Slack, shared by the engine and Slack tests.

slack-sdk's models validate most nested limits when `to_dict()` runs, but not the number of
blocks, section field lengths or the top-level text (../shared/notes/slack-platform.md §5),
so those are checked here by hand. Special mentions are checked too: the bot must never
ping a channel (§6).
"""

from __future__ import annotations

import json
import re
from typing import Any

from slack_sdk.models.blocks import Block

MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_FIELD_TEXT = 2000
MAX_TOP_LEVEL_TEXT = 4000

SPECIAL_MENTION = re.compile(r"<!(?:channel|here|everyone|subteam)", re.IGNORECASE)


def assert_no_special_mention(*values: Any) -> None:
    """No `<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^…>` anywhere (strings or nested data)."""
    for value in values:
        raw = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        found = SPECIAL_MENTION.search(raw)
        assert found is None, (
            f"special mention survived: {raw[max(found.start() - 40, 0) : found.end() + 40]!r}"
        )


def assert_valid_message(text: str, blocks: list[dict[str, Any]]) -> None:
    """Assert Slack would accept `text` + `blocks` as one chat.postMessage."""
    assert isinstance(text, str) and text.strip(), "top-level text is the required fallback"
    assert len(text) <= MAX_TOP_LEVEL_TEXT, f"text is {len(text)} chars (max {MAX_TOP_LEVEL_TEXT})"
    assert isinstance(blocks, list)
    assert len(blocks) <= MAX_BLOCKS, f"{len(blocks)} blocks (max {MAX_BLOCKS})"
    parsed = Block.parse_all(blocks)
    assert None not in parsed, f"unknown block type in {[b.get('type') for b in blocks]}"
    for block in parsed:
        block.to_dict()  # raises SlackObjectFormationError on a nested limit
    for raw in blocks:
        if raw.get("type") != "section":
            continue
        if "text" in raw:
            assert len(raw["text"]["text"]) <= MAX_SECTION_TEXT, "section text over 3,000 chars"
        for cell in raw.get("fields", []):
            assert len(cell["text"]) <= MAX_FIELD_TEXT, "section field over 2,000 chars"
    assert_no_special_mention(text, blocks)
