"""The deliveries ledger: one row per (workspace, channel, local date), claimed before a tip is posted.

The rotation lives in the same rows (each keeps its tip and cycle), so it survives restarts too.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from bot.store import schema as t
from bot.store.base import StoreBase, from_row
from bot.store.models import Claim, Delivery

log = logging.getLogger(__name__)


class DeliveriesMixin(StoreBase):
    """Claim, record and release (channel, local date) rows; the rotation is read from them."""

    def delivery(self, channel_id: str, local_date: str, *, team_id: str = "") -> Delivery | None:
        with self._tx(read_only=True) as conn:
            row = conn.execute(select(t.deliveries).where(_day(team_id, channel_id, local_date))).first()
        return from_row(Delivery, row) if row else None

    def deliveries(self, channel_id: str | None = None, *, team_id: str | None = None) -> list[Delivery]:
        """The ledger's rows, oldest first: all, or one channel's, or one workspace's."""
        query = select(t.deliveries).order_by(t.deliveries.c.id)
        if channel_id is not None:
            query = query.where(t.deliveries.c.channel_id == channel_id)
        if team_id is not None:
            query = query.where(t.deliveries.c.team_id == team_id)
        with self._tx(read_only=True) as conn:
            return [from_row(Delivery, row) for row in conn.execute(query)]

    def posted_on(self, local_dates: Sequence[str]) -> set[tuple[str, str, str]]:
        """(team, channel, date) already posted on these local dates: one query lets a runner skip
        the subscriptions that are done without a write transaction each."""
        if not local_dates:
            return set()
        d = t.deliveries.c
        query = select(d.team_id, d.channel_id, d.local_date).where(
            and_(d.local_date.in_(sorted(set(local_dates))), d.status == "posted")
        )
        with self._tx(read_only=True) as conn:
            return {(row[0], row[1], row[2]) for row in conn.execute(query)}

    def claim_delivery(
        self,
        *,
        channel_id: str,
        local_date: str,
        tip_ids: Sequence[str],
        owner: str,
        team_id: str = "",
        now: float | None = None,
        lease_seconds: float = 600.0,
    ) -> Claim | None:
        """Win the (workspace, channel, local date) row, or None if another runner has it or it is done.

        The tip is chosen in the same transaction: the first tip (in rotation order) not yet
        delivered or claimed in the channel's current cycle, so every tip is shown once before
        any repeats. A claim left by a runner that died mid-post is taken over after
        `lease_seconds`, marked `taken_over`: the runner first looks in the channel for the tip the
        dead one may have posted (bot.tips.runner), so a crash between post and record neither
        loses nor doubles the day's tip.
        """
        clock = time.time() if now is None else now
        if not tip_ids:
            return None
        try:
            with self._tx() as conn:
                existing = conn.execute(
                    select(t.deliveries).where(_day(team_id, channel_id, local_date))
                ).first()
                if existing is not None:
                    return self._take_over(
                        conn, existing, owner=owner, clock=clock, lease_seconds=lease_seconds
                    )
                cycle, tip_id = _next_tip(conn, team_id, channel_id, tip_ids)
                result = conn.execute(
                    insert(t.deliveries).values(
                        team_id=team_id,
                        channel_id=channel_id,
                        local_date=local_date,
                        tip_id=tip_id,
                        cycle=cycle,
                        status="claimed",
                        owner=owner,
                        claimed_at=clock,
                    )
                )
                row_id = int(result.inserted_primary_key[0])
        except IntegrityError:
            return None  # another runner inserted the row first
        return Claim(
            id=row_id,
            channel_id=channel_id,
            local_date=local_date,
            tip_id=tip_id,
            cycle=cycle,
            owner=owner,
            team_id=team_id,
        )

    @staticmethod
    def _take_over(conn: Connection, row, *, owner: str, clock: float, lease_seconds: float) -> Claim | None:
        if row.status != "claimed" or row.claimed_at > clock - lease_seconds:
            return None
        result = conn.execute(
            update(t.deliveries)
            .where(
                and_(
                    t.deliveries.c.id == row.id,
                    t.deliveries.c.owner == row.owner,
                    t.deliveries.c.status == "claimed",
                )
            )
            .values(owner=owner, claimed_at=clock)
        )
        if result.rowcount != 1:
            return None
        log.warning("taking over a stale tip claim for %s on %s", row.channel_id, row.local_date)
        return from_row(Claim, row, owner=owner, taken_over=True)

    def record_delivery(self, claim: Claim, *, message_ts: str, now: float | None = None) -> None:
        """Mark the claimed row posted, with the message ts (for later edits or audits)."""
        clock = time.time() if now is None else now
        with self._tx() as conn:
            conn.execute(
                update(t.deliveries)
                .where(t.deliveries.c.id == claim.id)
                .values(status="posted", message_ts=message_ts, posted_at=clock)
            )

    def release_delivery(self, claim: Claim) -> None:
        """Give the (channel, date) back after a failed post, so a later run retries the same day."""
        with self._tx() as conn:
            conn.execute(
                delete(t.deliveries).where(
                    and_(
                        t.deliveries.c.id == claim.id,
                        t.deliveries.c.owner == claim.owner,
                        t.deliveries.c.status == "claimed",
                    )
                )
            )

    # -- /aitl tip: a per-user cursor --------------------------------------------------------

    def next_position(self, key: str, *, modulo: int) -> int:
        """Advance `key`'s cursor and return its previous position (mod `modulo`)."""

        def advance(conn: Connection) -> int:
            position = _cursor_position(conn, key)
            if position is not None:
                conn.execute(
                    update(t.tip_cursors).where(t.tip_cursors.c.key == key).values(position=position + 1)
                )
                return position
            conn.execute(insert(t.tip_cursors).values(key=key, position=1))  # may race: see _upsert
            return 0

        return self._upsert(advance) % max(modulo, 1)


def _cursor_position(conn: Connection, key: str) -> int | None:
    row = conn.execute(select(t.tip_cursors.c.position).where(t.tip_cursors.c.key == key)).first()
    return int(row[0]) if row else None


def _next_tip(conn: Connection, team_id: str, channel_id: str, tip_ids: Sequence[str]) -> tuple[int, str]:
    """The channel's current rotation cycle and the first tip it has not had in that cycle."""
    mine = and_(t.deliveries.c.team_id == team_id, t.deliveries.c.channel_id == channel_id)
    cycle = conn.execute(select(func.max(t.deliveries.c.cycle)).where(mine)).scalar_one_or_none()
    cycle = int(cycle) if cycle is not None else 0
    used = {
        row[0]
        for row in conn.execute(
            select(t.deliveries.c.tip_id).where(and_(mine, t.deliveries.c.cycle == cycle))
        )
    }
    for tip_id in tip_ids:
        if tip_id not in used:
            return cycle, tip_id
    return cycle + 1, tip_ids[0]


def _day(team_id: str, channel_id: str, local_date: str) -> Any:
    """The ledger's (workspace, channel, local date) row: its unique key."""
    d = t.deliveries.c
    return and_(d.team_id == team_id, d.channel_id == channel_id, d.local_date == local_date)
