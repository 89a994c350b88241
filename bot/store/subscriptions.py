"""Tip subscriptions: one row per channel of a workspace, kept across restarts and upgrades.

Every call names the workspace (`team_id`; "" where none is known): a workspace never reads,
changes or removes another's subscription, even for a channel both share (Slack Connect).
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select, update

from bot.store import schema as t
from bot.store.base import StoreBase, from_row
from bot.store.models import ALL_DAYS, Subscription


class SubscriptionsMixin(StoreBase):
    """Create, read, pause and remove a channel's daily-tip subscription."""

    def subscribe(
        self,
        *,
        channel_id: str,
        hour: int,
        minute: int,
        tz: str,
        weekdays: str = ALL_DAYS,
        team_id: str = "",
        user_id: str = "",
        now: float | None = None,
    ) -> Subscription:
        """Create or replace the channel's subscription (active again if it was paused).

        `created_at` is reset every time: it is when the schedule now in force was set, so a
        channel that subscribes again (new time, zone or days, or resuming after a pause) after
        today's time gets its first tip tomorrow, like a new one (bot.tips.schedule).
        """
        clock = time.time() if now is None else now
        values = {
            "created_at": clock,
            "team_id": team_id or "",
            "created_by": user_id,
            "hour": hour,
            "minute": minute,
            "tz": tz,
            "weekdays": weekdays,
            "status": "active",
            "paused_reason": None,
            "updated_at": clock,
        }

        where = _channel(team_id, channel_id)

        def write(conn: Connection) -> Any:
            if _existing(conn, team_id, channel_id):
                conn.execute(update(t.subscriptions).where(where).values(**values))
            else:  # two first subscribes of one channel may race here: see _upsert
                conn.execute(insert(t.subscriptions).values(channel_id=channel_id, **values))
            return conn.execute(select(t.subscriptions).where(where)).one()

        return from_row(Subscription, self._upsert(write))

    def subscription(self, channel_id: str, *, team_id: str = "") -> Subscription | None:
        with self._tx(read_only=True) as conn:
            row = conn.execute(select(t.subscriptions).where(_channel(team_id, channel_id))).first()
        return from_row(Subscription, row) if row else None

    def subscriptions(self, *, active_only: bool = False, team_id: str | None = None) -> list[Subscription]:
        """Every subscription (of every workspace), or only the active ones, or only one workspace's."""
        query = select(t.subscriptions).order_by(t.subscriptions.c.team_id, t.subscriptions.c.channel_id)
        if active_only:
            query = query.where(t.subscriptions.c.status == "active")
        if team_id is not None:
            query = query.where(t.subscriptions.c.team_id == team_id)
        with self._tx(read_only=True) as conn:
            return [from_row(Subscription, row) for row in conn.execute(query)]

    def unsubscribe(self, channel_id: str, *, team_id: str = "") -> bool:
        """Remove the subscription; the ledger (and so the rotation) stays for a later return."""
        with self._tx() as conn:
            result = conn.execute(delete(t.subscriptions).where(_channel(team_id, channel_id)))
            return result.rowcount > 0

    def pause(self, channel_id: str, *, reason: str, team_id: str = "", now: float | None = None) -> None:
        clock = time.time() if now is None else now
        with self._tx() as conn:
            conn.execute(
                update(t.subscriptions)
                .where(_channel(team_id, channel_id))
                .values(status="paused", paused_reason=reason[:255], updated_at=clock)
            )


def _channel(team_id: str, channel_id: str) -> Any:
    """The subscription's key: the workspace and the channel."""
    return and_(t.subscriptions.c.team_id == (team_id or ""), t.subscriptions.c.channel_id == channel_id)


def _existing(conn: Connection, team_id: str, channel_id: str) -> str | None:
    """The channel id if the workspace's channel has a subscription row, else None."""
    row = conn.execute(select(t.subscriptions.c.channel_id).where(_channel(team_id, channel_id))).first()
    return row[0] if row else None
