"""Acknowledged work, durable before the ack: a job row is committed before Slack gets its 200.

A listener adds the job (team, channel, user, thread, text, response_url), then acks; a worker
answers it and marks it done. A process killed in between leaves the job pending, and the next
start answers every pending job young enough for Slack to still accept the answer (a
response_url lives 30 minutes). The job's `key` (the command's trigger_id, the message's
channel and ts) is unique: a delivery Slack retries is the same job, never a second one.

Several processes (replicas, or a process and its successor) share the table, so every job
carries a claim: the process that acknowledged it owns it from the insert (`claimed_by`), for
a lease (`lease_until`) that process renews while it lives (`renew_claims`). Another process
answers a pending job only after winning `claim_job`, one UPDATE whose WHERE accepts an
unclaimed job or an expired lease: the database lets one writer win, so a job acknowledged once
is answered by one process, and a job whose owner died is answered by the first process to
look after its lease ran out, never by none.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, bindparam, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from bot.store import schema as t
from bot.store.base import StoreBase

_INSERT = insert(t.jobs)
_FINISH = (
    update(t.jobs)
    .where(and_(t.jobs.c.id == bindparam("job_id"), t.jobs.c.state == "pending"))
    .values(state=bindparam("new_state"), finished_at=bindparam("at"))
)
"""Built once: on the ack path a statement built per call costs twice as much (SQLAlchemy's cache key)."""


@dataclass(frozen=True, slots=True)
class Job:
    id: int
    key: str
    kind: str
    team_id: str = ""
    channel_id: str = ""
    user_id: str = ""
    thread_ts: str | None = None
    text: str = ""
    response_url: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    state: str = "pending"
    created_at: float = 0.0
    claimed_by: str | None = None
    lease_until: float | None = None


class JobsMixin(StoreBase):
    """add_job before the ack, finish_job after the answer, pending_jobs at start-up."""

    def add_job(
        self,
        *,
        key: str,
        kind: str,
        team_id: str = "",
        channel_id: str = "",
        user_id: str = "",
        thread_ts: str | None = None,
        text: str = "",
        response_url: str | None = None,
        payload: dict[str, Any] | None = None,
        owner: str | None = None,
        lease_seconds: float = 0.0,
        now: float | None = None,
    ) -> int | None:
        """Commit one pending job; its id, or None when a job with this `key` exists (a retry).

        With `owner`, the job is claimed by that process from the start, for `lease_seconds`."""
        clock = time.time() if now is None else now
        values = {
            "key": key[:255],
            "kind": kind,
            "team_id": team_id or "",
            "channel_id": channel_id or "",
            "user_id": user_id or "",
            "thread_ts": thread_ts,
            "text": text or "",
            "response_url": response_url,
            "payload": json.dumps(payload or {}, separators=(",", ":")),
            "state": "pending",
            "created_at": clock,
            "claimed_by": owner or None,
            "lease_until": clock + lease_seconds if owner else None,
        }
        try:
            with self._tx() as conn:
                return int(conn.execute(_INSERT, values).inserted_primary_key[0])
        except IntegrityError:
            return None

    def finish_job(self, job_id: int, *, state: str = "done") -> bool:
        """Mark a pending job done (or failed / expired); False if it was not pending."""
        with self._tx() as conn:
            result = conn.execute(_FINISH, {"job_id": job_id, "new_state": state, "at": time.time()})
            return result.rowcount == 1

    def claimable_jobs(self, *, owner: str, now: float | None = None) -> list[Job]:
        """Pending jobs no live process holds (never claimed, or their lease ran out), oldest
        first; `owner`'s own jobs are not listed (that process is answering them). A job listed
        is not yet won: `claim_job` decides."""
        clock = time.time() if now is None else now
        query = (
            select(t.jobs)
            .where(and_(t.jobs.c.state == "pending", _claimable(clock), _not_mine(owner)))
            .order_by(t.jobs.c.id)
        )
        with self._tx(read_only=True) as conn:
            return [_job(row) for row in conn.execute(query)]

    def claim_job(self, job_id: int, *, owner: str, lease_seconds: float, now: float | None = None) -> bool:
        """True for the one process that wins the pending job `job_id` (unclaimed, or its lease
        expired); False for every other, and for a job no longer pending."""
        clock = time.time() if now is None else now
        with self._tx() as conn:
            result = conn.execute(
                update(t.jobs)
                .where(and_(t.jobs.c.id == job_id, t.jobs.c.state == "pending", _claimable(clock)))
                .values(claimed_by=owner, lease_until=clock + lease_seconds)
            )
            return result.rowcount == 1

    def renew_claims(self, *, owner: str, lease_seconds: float, now: float | None = None) -> int:
        """Extend the lease of every pending job `owner` holds (its heartbeat); how many."""
        clock = time.time() if now is None else now
        with self._tx() as conn:
            result = conn.execute(
                update(t.jobs)
                .where(and_(t.jobs.c.state == "pending", t.jobs.c.claimed_by == owner))
                .values(lease_until=clock + lease_seconds)
            )
            return result.rowcount

    def release_claims(self, *, owner: str) -> int:
        """Give back the pending jobs `owner` holds (a clean shutdown): the next process to look
        answers them at once instead of after the lease."""
        with self._tx() as conn:
            result = conn.execute(
                update(t.jobs)
                .where(and_(t.jobs.c.state == "pending", t.jobs.c.claimed_by == owner))
                .values(claimed_by=None, lease_until=None)
            )
            return result.rowcount

    def pending_jobs(self) -> list[Job]:
        """Every pending job, oldest first."""
        with self._tx(read_only=True) as conn:
            rows = conn.execute(select(t.jobs).where(t.jobs.c.state == "pending").order_by(t.jobs.c.id))
            return [_job(row) for row in rows]

    def purge_jobs(self, *, older_than_seconds: float = 86_400, now: float | None = None) -> int:
        """Delete finished jobs (done, failed, expired) finished more than `older_than_seconds` ago."""
        cutoff = (time.time() if now is None else now) - older_than_seconds
        with self._tx() as conn:
            result = conn.execute(
                delete(t.jobs).where(and_(t.jobs.c.state != "pending", t.jobs.c.finished_at < cutoff))
            )
            return result.rowcount

    def job_states(self) -> dict[str, int]:
        """How many jobs are in each state (for operators and tests)."""
        with self._tx(read_only=True) as conn:
            counts: dict[str, int] = {}
            for (state,) in conn.execute(select(t.jobs.c.state)):
                counts[state] = counts.get(state, 0) + 1
            return counts


def _claimable(clock: float) -> Any:
    return or_(t.jobs.c.claimed_by.is_(None), t.jobs.c.lease_until.is_(None), t.jobs.c.lease_until < clock)


def _not_mine(owner: str) -> Any:
    return or_(t.jobs.c.claimed_by.is_(None), t.jobs.c.claimed_by != owner)


def _job(row: Any) -> Job:
    m = row._mapping
    return Job(
        id=m["id"],
        key=m["key"],
        kind=m["kind"],
        team_id=m["team_id"],
        channel_id=m["channel_id"],
        user_id=m["user_id"],
        thread_ts=m["thread_ts"],
        text=m["text"],
        response_url=m["response_url"],
        payload=json.loads(m["payload"] or "{}"),
        state=m["state"],
        created_at=m["created_at"],
        claimed_by=m["claimed_by"],
        lease_until=m["lease_until"],
    )
