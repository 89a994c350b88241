"""Conversation state (bot.engine.conversation) per conversation, shared by every replica.

One small row per conversation: a Slack thread, a DM, `/aitl` per user and channel. The state is
JSON (a few hundred bytes: no transcript; of the last question only its content words, after an
out-of-scope one at most 12 of them as written, see bot.engine.conversation) and the row expires
on its own once idle for the conversation's time (`idle_seconds`, decided by the adapter, see
bot.slack.conversations); expired rows read as absent and are purged now and then. `team_id` is
part of the key, so one database can serve several workspaces.
"""

from __future__ import annotations

import json
import random
import time
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select, update

from bot.store import schema as t
from bot.store.base import StoreBase

PURGE_PROBABILITY = 0.01
MAX_STATE = 8000
"""A state is a few hundred bytes; anything bigger is not ours and is not kept."""


class ConversationsMixin(StoreBase):
    """Load and save a conversation's state; expired ones are gone."""

    def conversation(self, key: str, *, team_id: str = "", now: float | None = None) -> dict[str, Any] | None:
        """The state saved under `key`, or None (never saved, expired, or unreadable)."""
        clock = time.time() if now is None else now
        with self._tx(read_only=True) as conn:
            row = conn.execute(
                select(t.conversations.c.state).where(
                    and_(_key(team_id, key), t.conversations.c.expires_at > clock)
                )
            ).first()
        if row is None:
            return None
        try:
            value = json.loads(row[0])
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def save_conversation(
        self,
        key: str,
        state: dict[str, Any],
        *,
        idle_seconds: float,
        team_id: str = "",
        now: float | None = None,
    ) -> None:
        """Keep `state` under `key` until it has been idle `idle_seconds`."""
        clock = time.time() if now is None else now
        raw = json.dumps(state, separators=(",", ":"), ensure_ascii=False)
        if len(raw) > MAX_STATE:
            return
        values = {"state": raw, "updated_at": clock, "expires_at": clock + idle_seconds}

        def write(conn: Connection) -> None:
            done = conn.execute(update(t.conversations).where(_key(team_id, key)).values(**values))
            if done.rowcount == 0:  # two first turns may race here: see _upsert
                conn.execute(insert(t.conversations).values(team_id=team_id or "", key=key[:255], **values))

        self._upsert(write)
        if random.random() < PURGE_PROBABILITY:
            self.purge_conversations(now=clock)

    def forget_conversation(self, key: str, *, team_id: str = "") -> bool:
        with self._tx() as conn:
            return conn.execute(delete(t.conversations).where(_key(team_id, key))).rowcount > 0

    def purge_conversations(self, *, now: float | None = None) -> int:
        """Delete every expired conversation."""
        clock = time.time() if now is None else now
        with self._tx() as conn:
            return conn.execute(delete(t.conversations).where(t.conversations.c.expires_at <= clock)).rowcount


def _key(team_id: str, key: str) -> Any:
    return and_(t.conversations.c.team_id == (team_id or ""), t.conversations.c.key == key[:255])
