"""`Store`: the bot's durable state behind one small, thread- and process-safe API.

Every operation is one short transaction, and every "only once" rule is a unique key checked by
the database, not by Python, so it holds across threads, gunicorn workers, `aitl tips run`
processes and replicas alike.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext

from sqlalchemy import Connection, and_, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.pool import StaticPool

from bot.store import schema as t
from bot.store.engine import READ_ONLY, build_engine
from bot.store.models import ALL_DAYS, Claim, Delivery, Subscription

log = logging.getLogger(__name__)

PURGE_PROBABILITY = 0.01
"""first_seen purges expired keys on about one call in a hundred: cheap, and the table stays small."""


class Store:
    """The store at a SQLAlchemy URL; tables are created (and migrated) on first use."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = build_engine(url)
        sqlite = self.engine.dialect.name == "sqlite"
        # An in-memory SQLite database is one shared connection: serialise all its transactions.
        self._lock = threading.RLock() if isinstance(self.engine.pool, StaticPool) else None
        # SQLite has one writer at a time, and its busy handler waits by sleeping (up to 100 ms a
        # step): threads of this process queue on a Python lock instead, which wakes at once.
        # Other processes still meet SQLite's busy timeout.
        self._write_lock = threading.Lock() if sqlite and self._lock is None else None
        self._migrate()

    # -- plumbing ---------------------------------------------------------------------------

    @contextmanager
    def _tx(self, *, read_only: bool = False) -> Iterator[Connection]:
        """One transaction; `read_only` ones skip SQLite's write lock (see bot.store.engine)."""
        writer = None if read_only else self._write_lock
        with self._lock or nullcontext(), writer or nullcontext(), self.engine.connect() as conn:
            conn.info[READ_ONLY] = read_only
            with conn.begin():
                yield conn

    def _migrate(self) -> None:
        for attempt in range(3):
            try:
                with self._tx() as conn:
                    t.migrate(conn)
                return
            except (OperationalError, ProgrammingError, IntegrityError):
                # Another process created the tables at the same moment (PostgreSQL has no
                # BEGIN IMMEDIATE); its work is done, so look again.
                if attempt == 2:
                    raise
                time.sleep(0.05 * (attempt + 1))

    def schema_version(self) -> int:
        with self._tx(read_only=True) as conn:
            return t.current_version(conn)

    def close(self) -> None:
        self.engine.dispose()

    # -- events seen (Slack retries, app_mention + message) ----------------------------------

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

    # -- subscriptions -----------------------------------------------------------------------

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
        """Create or replace the channel's subscription (active again if it was paused)."""
        clock = time.time() if now is None else now
        values = {
            "team_id": team_id,
            "created_by": user_id,
            "hour": hour,
            "minute": minute,
            "tz": tz,
            "weekdays": weekdays,
            "status": "active",
            "paused_reason": None,
            "updated_at": clock,
        }
        with self._tx() as conn:
            exists = conn.execute(
                select(t.subscriptions.c.channel_id).where(t.subscriptions.c.channel_id == channel_id)
            ).first()
            if exists:
                conn.execute(
                    update(t.subscriptions).where(t.subscriptions.c.channel_id == channel_id).values(**values)
                )
            else:
                conn.execute(
                    insert(t.subscriptions).values(channel_id=channel_id, created_at=clock, **values)
                )
        found = self.subscription(channel_id)
        assert found is not None
        return found

    def subscription(self, channel_id: str) -> Subscription | None:
        with self._tx(read_only=True) as conn:
            row = conn.execute(
                select(t.subscriptions).where(t.subscriptions.c.channel_id == channel_id)
            ).first()
        return _subscription(row) if row else None

    def subscriptions(
        self, *, active_only: bool = False, channel_ids: Sequence[str] | None = None
    ) -> list[Subscription]:
        query = select(t.subscriptions).order_by(t.subscriptions.c.channel_id)
        if active_only:
            query = query.where(t.subscriptions.c.status == "active")
        if channel_ids is not None:
            query = query.where(t.subscriptions.c.channel_id.in_(list(channel_ids)))
        with self._tx(read_only=True) as conn:
            return [_subscription(row) for row in conn.execute(query)]

    def unsubscribe(self, channel_id: str) -> bool:
        """Remove the subscription; the ledger (and so the rotation) stays for a later return."""
        with self._tx() as conn:
            result = conn.execute(delete(t.subscriptions).where(t.subscriptions.c.channel_id == channel_id))
            return result.rowcount > 0

    def pause(self, channel_id: str, *, reason: str, now: float | None = None) -> None:
        clock = time.time() if now is None else now
        with self._tx() as conn:
            conn.execute(
                update(t.subscriptions)
                .where(t.subscriptions.c.channel_id == channel_id)
                .values(status="paused", paused_reason=reason[:255], updated_at=clock)
            )

    # -- deliveries ledger -------------------------------------------------------------------

    def delivery(self, channel_id: str, local_date: str) -> Delivery | None:
        with self._tx(read_only=True) as conn:
            row = conn.execute(
                select(t.deliveries).where(
                    and_(t.deliveries.c.channel_id == channel_id, t.deliveries.c.local_date == local_date)
                )
            ).first()
        return _delivery(row) if row else None

    def deliveries(self, channel_id: str | None = None) -> list[Delivery]:
        query = select(t.deliveries).order_by(t.deliveries.c.id)
        if channel_id is not None:
            query = query.where(t.deliveries.c.channel_id == channel_id)
        with self._tx(read_only=True) as conn:
            return [_delivery(row) for row in conn.execute(query)]

    def posted_on(self, local_dates: Sequence[str]) -> set[tuple[str, str]]:
        """(channel, date) pairs already posted on these local dates: one query lets a runner skip
        the subscriptions that are done without a write transaction each."""
        if not local_dates:
            return set()
        query = select(t.deliveries.c.channel_id, t.deliveries.c.local_date).where(
            and_(t.deliveries.c.local_date.in_(sorted(set(local_dates))), t.deliveries.c.status == "posted")
        )
        with self._tx(read_only=True) as conn:
            return {(row[0], row[1]) for row in conn.execute(query)}

    def claim_delivery(
        self,
        *,
        channel_id: str,
        local_date: str,
        tip_ids: Sequence[str],
        owner: str,
        now: float | None = None,
        lease_seconds: float = 600.0,
    ) -> Claim | None:
        """Win the (channel, local date) row, or None if another runner has it or it is done.

        The tip is chosen in the same transaction: the first tip (in rotation order) not yet
        delivered or claimed in the channel's current cycle, so every tip is shown once before
        any repeats. A claim left by a runner that died mid-post is taken over after
        `lease_seconds` (a crash between post and record may then post twice; never zero).
        """
        clock = time.time() if now is None else now
        if not tip_ids:
            return None
        try:
            with self._tx() as conn:
                existing = conn.execute(
                    select(t.deliveries).where(
                        and_(t.deliveries.c.channel_id == channel_id, t.deliveries.c.local_date == local_date)
                    )
                ).first()
                if existing is not None:
                    return self._take_over(
                        conn, existing, owner=owner, clock=clock, lease_seconds=lease_seconds
                    )
                cycle, tip_id = _next_tip(conn, channel_id, tip_ids)
                result = conn.execute(
                    insert(t.deliveries).values(
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
            id=row_id, channel_id=channel_id, local_date=local_date, tip_id=tip_id, cycle=cycle, owner=owner
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
        return Claim(
            id=row.id,
            channel_id=row.channel_id,
            local_date=row.local_date,
            tip_id=row.tip_id,
            cycle=row.cycle,
            owner=owner,
        )

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
        with self._tx() as conn:
            row = conn.execute(select(t.tip_cursors.c.position).where(t.tip_cursors.c.key == key)).first()
            position = int(row[0]) if row else 0
            if row:
                conn.execute(
                    update(t.tip_cursors).where(t.tip_cursors.c.key == key).values(position=position + 1)
                )
            else:
                conn.execute(insert(t.tip_cursors).values(key=key, position=1))
        return position % max(modulo, 1)


def _next_tip(conn: Connection, channel_id: str, tip_ids: Sequence[str]) -> tuple[int, str]:
    """The channel's current rotation cycle and the first tip it has not had in that cycle."""
    cycle = conn.execute(
        select(func.max(t.deliveries.c.cycle)).where(t.deliveries.c.channel_id == channel_id)
    ).scalar_one_or_none()
    cycle = int(cycle) if cycle is not None else 0
    used = {
        row[0]
        for row in conn.execute(
            select(t.deliveries.c.tip_id).where(
                and_(t.deliveries.c.channel_id == channel_id, t.deliveries.c.cycle == cycle)
            )
        )
    }
    for tip_id in tip_ids:
        if tip_id not in used:
            return cycle, tip_id
    return cycle + 1, tip_ids[0]


def _subscription(row) -> Subscription:
    return Subscription(
        channel_id=row.channel_id,
        hour=row.hour,
        minute=row.minute,
        tz=row.tz,
        weekdays=row.weekdays,
        team_id=row.team_id,
        created_by=row.created_by,
        status=row.status,
        paused_reason=row.paused_reason,
        created_at=row.created_at,
    )


def _delivery(row) -> Delivery:
    return Delivery(
        channel_id=row.channel_id,
        local_date=row.local_date,
        tip_id=row.tip_id,
        cycle=row.cycle,
        status=row.status,
        message_ts=row.message_ts,
        posted_at=row.posted_at,
    )
