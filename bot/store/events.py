"""Events seen (Slack retries, one message as both app_mention and message) and 👍/👎 feedback."""

from __future__ import annotations

import random
import time

from sqlalchemy import and_, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from bot.store import schema as t
from bot.store.base import StoreBase

PURGE_PROBABILITY = 0.01
"""first_seen purges expired keys on about one call in a hundred: cheap, and the table stays small."""


class EventsMixin(StoreBase):
    """Events seen once (de-duplication) and feedback votes."""

    def first_seen(self, key: str, *, ttl_seconds: int = 900, now: float | None = None) -> bool:
        """True only the first time `key` is seen within `ttl_seconds` (atomic, cross-process)."""
        clock = time.time() if now is None else now
        key = key[:255]
        try:
            with self._tx() as conn:
                conn.execute(insert(t.seen_keys).values(key=key, expires_at=clock + ttl_seconds))
        except IntegrityError:
            with self._tx() as conn:  # an expired key counts as new again
                result = conn.execute(
                    update(t.seen_keys)
                    .where(and_(t.seen_keys.c.key == key, t.seen_keys.c.expires_at < clock))
                    .values(expires_at=clock + ttl_seconds)
                )
                return result.rowcount == 1
        if random.random() < PURGE_PROBABILITY:
            self.purge_seen(now=clock)
        return True

    def purge_seen(self, *, now: float | None = None) -> int:
        clock = time.time() if now is None else now
        with self._tx() as conn:
            return conn.execute(delete(t.seen_keys).where(t.seen_keys.c.expires_at < clock)).rowcount

    # -- feedback ----------------------------------------------------------------------------

    def record_feedback(
        self,
        *,
        team_id: str,
        user_id: str,
        channel_id: str,
        intent: str,
        confidence: float,
        vote: str,
        reason: str | None = None,
        question: str = "",
    ) -> None:
        """Keep one 👍/👎 with what was answered, so maintainers can see what misses."""
        with self._tx() as conn:
            conn.execute(
                insert(t.feedback).values(
                    created_at=time.time(),
                    team_id=team_id or "",
                    user_id=user_id or "",
                    channel_id=channel_id or "",
                    intent=intent,
                    confidence=float(confidence),
                    vote=vote,
                    reason=reason[:3000] if reason else None,
                    question=(question or "")[:4000],
                )
            )

    def feedback_rows(self) -> list[dict]:
        with self._tx(read_only=True) as conn:
            return [dict(r._mapping) for r in conn.execute(select(t.feedback).order_by(t.feedback.c.id))]
