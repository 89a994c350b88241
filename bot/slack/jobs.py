"""Acknowledged means durable: the work is committed to the store before Slack gets its 200.

A listener calls `admit()` (one INSERT into the store's jobs table, bot.store.jobs) before it
returns, so before Bolt answers Slack; the background worker runs the job wrapped by
`finishing()`, which marks it done (or failed, once the error handler has apologised). A process
killed in between leaves the job pending, and bot.slack.recovery answers it: at the next start,
or sooner in another replica once the dead process's claim has expired (`Claims`, bot.store.jobs).

If the store cannot take the job, the request is still answered (from memory, not durably) and
the failure is logged: an answer beats an error, and /healthz reports the store (bot.slack.health).
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.slack.webapi import rate_limit_delay

log = logging.getLogger(__name__)


def process_owner() -> str:
    """This process, as it signs its claims: host, pid and a nonce (a restarted process with the
    same pid is another owner)."""
    return f"{socket.gethostname()[:32]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True, slots=True)
class Claims:
    """Who this process is to the jobs table, and how long its claims stand unrenewed: it renews
    them every `lease_seconds / 3` (bot.slack.recovery.Keeper), so a claim expires only when the
    process stopped, and then another process answers the job."""

    owner: str = field(default_factory=process_owner)
    lease_seconds: float = 30.0


def admit(
    store: Any, *, key: str, kind: str, claims: Claims | None = None, **fields: Any
) -> tuple[bool, int | None]:
    """(queue it?, job id): (True, id) committed, claimed by this process; (False, None) a retry
    of a job already kept; (True, None) not durable (a store without jobs, or one that failed)."""
    add = getattr(store, "add_job", None)
    if add is None:
        return True, None
    if claims is not None:
        fields = {**fields, "owner": claims.owner, "lease_seconds": claims.lease_seconds}
    try:
        job_id = add(key=key, kind=kind, **fields)
    except Exception as error:  # noqa: BLE001 - any database failure: answer anyway, say so
        log.error(
            "store unavailable, %s answered without a durable record (%s): team=%s channel=%s user=%s",
            kind,
            type(error).__name__,
            fields.get("team_id", ""),
            fields.get("channel_id", ""),
            fields.get("user_id", ""),
        )
        return True, None
    if job_id is None:
        log.info("already acknowledged, not queued again: %s", key)
        return False, None
    return True, job_id


def finishing(store: Any, job_id: int | None, work: Callable[[], None]) -> Callable[[], None]:
    """`work`, then the job marked done; marked failed if `work` raises (the error still propagates
    to the error handler, which logs it and apologises)."""
    if job_id is None:
        return work

    def run() -> None:
        try:
            work()
        except Exception as error:
            if rate_limit_delay(error) is None:  # a 429 is tried again later: still pending
                finish(store, job_id, state="failed")
            raise
        finish(store, job_id, state="done")

    return run


def finish(store: Any, job_id: int, *, state: str) -> None:
    try:
        store.finish_job(job_id, state=state)
    except Exception as error:  # noqa: BLE001 - the answer is out; a restart may answer it again
        log.warning("could not mark job %s %s (%s)", job_id, state, type(error).__name__)
