"""Which Slack conversation a question belongs to, and its state in the store.

The contract's conversations (../shared/contract.md, Conversations in Slack):

- a thread is one conversation, kept while it is active (`THREAD_IDLE`): an @mention starts
  it (the answer goes under the mention), replies in it are follow-ups;
- a DM is one conversation until it has been idle 30 minutes;
- `/aitl` questions from one user in one channel are one conversation until idle 10 minutes.

The state itself is the engine's (bot.engine.conversation); this module only names the key and
the idle time, and loads and saves it. A store that cannot answer costs the context, never the
answer: the question is then read on its own.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from bot.engine.conversation import ConversationState

log = logging.getLogger(__name__)

DM_IDLE = 30 * 60
COMMAND_IDLE = 10 * 60
THREAD_IDLE = 7 * 86_400
"""A thread stays a conversation while people keep replying in it; a week of silence ends it."""


@dataclass(frozen=True, slots=True)
class Where:
    """One conversation: its key in the store, its workspace and how long it lives idle."""

    key: str
    team_id: str
    idle_seconds: float


def thread(*, team_id: str, channel: str, thread_ts: str) -> Where:
    return Where(f"thread:{channel}:{thread_ts}", team_id, THREAD_IDLE)


def for_message(event: dict[str, Any], *, team_id: str) -> Where | None:
    """A DM's conversation, or the thread a mention or a thread reply belongs to."""
    channel = str(event.get("channel") or "")
    if not channel:
        return None
    if event.get("channel_type") == "im" and event.get("type") == "message":
        return Where(f"dm:{channel}", team_id, DM_IDLE)
    thread_ts = event.get("thread_ts") or (event.get("ts") if event.get("type") == "app_mention" else None)
    if not thread_ts:
        return None
    return thread(team_id=team_id, channel=channel, thread_ts=str(thread_ts))


def for_command(body: dict[str, Any]) -> Where | None:
    user, channel = body.get("user_id"), body.get("channel_id")
    if not user or not channel:
        return None
    return Where(f"command:{user}:{channel}", str(body.get("team_id") or ""), COMMAND_IDLE)


def load(store: Any, where: Where | None) -> dict[str, Any] | None:
    """The conversation's saved state, or None (none yet, expired, or the store cannot say)."""
    if where is None or not hasattr(store, "conversation"):
        return None
    try:
        return store.conversation(where.key, team_id=where.team_id)
    except Exception as error:  # noqa: BLE001 - no context beats no answer
        log.warning("store unavailable, question read without its conversation (%s)", type(error).__name__)
        return None


MAX_ASKED = 300


def last_asked(store: Any, where: Where | None) -> str:
    """The last question of an `/aitl` conversation (for `/aitl why`), or ""."""
    return str((load(store, where) or {}).get("asked") or "")


def state_for(store: Any, where: Where | None) -> Any:
    """What `Engine.ask(state=...)` takes: the saved state, a new conversation's empty one, or
    None outside any conversation."""
    if where is None:
        return None
    return load(store, where) or ConversationState()


def save(store: Any, where: Where | None, answer: Any, *, asked: str = "") -> None:
    """Keep the conversation after `answer`; `asked` (the question, cut to MAX_ASKED) is kept
    beside it only where `/aitl why` can explain it (the `/aitl` conversations)."""
    state = getattr(answer, "state", None)
    if where is None or state is None or not hasattr(store, "save_conversation"):
        return
    data = state.to_dict()
    if asked:
        data["asked"] = asked[:MAX_ASKED]
    try:
        store.save_conversation(where.key, data, team_id=where.team_id, idle_seconds=where.idle_seconds)
    except Exception as error:  # noqa: BLE001 - the answer is out; the next question stands alone
        log.warning("store unavailable, conversation not kept (%s)", type(error).__name__)


def followed(store: Any, event: dict[str, Any], *, team_id: str) -> bool:
    """Whether a channel thread reply is in a thread the bot has answered in (a kept conversation)."""
    thread_ts = event.get("thread_ts")
    if not thread_ts or thread_ts == event.get("ts"):
        return False
    return (
        load(store, thread(team_id=team_id, channel=str(event.get("channel") or ""), thread_ts=thread_ts))
        is not None
    )
