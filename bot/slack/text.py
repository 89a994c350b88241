"""Pure helpers for user text going in and mrkdwn going out.

Going in: Slack encodes a message's text (https://docs.slack.dev/messaging/formatting-message-text):
`&`, `<`, `>` arrive as entities and mentions as `<@U…>`, `<!here>`, `<#C…|name>`, `<url|label>`.
A question is turned back into plain words before the engine sees it, so nothing Slack-special
can be echoed back. Going out: every `<!…>` or `<@…>` that did not come from the bot itself is
neutralised at the sink, so no answer can ever ping a channel.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

MAX_QUESTION = 2000
"""Longer questions are cut (with a note), never rejected; Slack documents no limit for `text`."""

TRUNCATION_NOTE = f"Your question was long, so I only read its first {MAX_QUESTION:,} characters."

_TOKEN = re.compile(r"<([^<>]*)>")
_SPECIAL = re.compile(r"<(?=[!@#])")


@dataclass(frozen=True, slots=True)
class Question:
    """A user's question as plain text, and whether it had to be cut."""

    text: str
    truncated: bool = False


def _plain_token(match: re.Match[str]) -> str:
    """`<#C1|general>` -> `#general`, `<url|label>` -> `label`; mentions (`<@U1>`, `<!here>`,
    `<!subteam^S1|@team>`) are dropped: they address people, they are not part of the question."""
    inner = match.group(1)
    target, _, label = inner.partition("|")
    if target.startswith(("!", "@")):
        return " "
    if target.startswith("#"):
        return "#" + label if label else target
    return label or target


def plain_question(text: str, *, bot_user_id: str | None = None, limit: int = MAX_QUESTION) -> Question:
    """Turn Slack-encoded message text into the plain question the engine should answer."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(\|[^>]*)?>", " ", text)
    text = _TOKEN.sub(_plain_token, text)
    if "&" in text:  # literal `<!channel>` typed by a user arrives as `&lt;!channel&gt;`
        text = _TOKEN.sub(_plain_token, html.unescape(text))
    text = _SPECIAL.sub("", text)
    return cut(text, limit=limit)


def cut(text: str, *, limit: int = MAX_QUESTION) -> Question:
    """Collapse whitespace and keep at most `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return Question(text)
    return Question(text[:limit].rstrip(), truncated=True)


def defuse(text: str) -> str:
    """Neutralise every `<!…>`, `<@…>`, `<#…>` in outgoing mrkdwn; links (`<https://…|…>`) stay."""
    return _SPECIAL.sub("&lt;", text) if "<" in text else text
