"""Acknowledged work, durable before the ack: a job row is committed before Slack gets its 200.

A listener adds the job (team, channel, user, thread, text, response_url), then acks; a worker
answers it and marks it done. A process killed in between leaves the job pending, and the next
start answers every pending job young enough for Slack to still accept the answer (a
response_url lives 30 minutes). The job's `key` (the command's trigger_id, the message's
channel and ts) is unique: a delivery Slack retries is the same job, never a second one.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, bindparam, delete, insert, select, update
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
        now: float | None = None,
    ) -> int | None:
        """Commit one pending job; its id, or None when a job with this `key` exists (a retry)."""
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
            "created_at": time.time() if now is None else now,
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
    )
