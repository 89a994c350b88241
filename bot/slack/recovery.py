"""Answer, once, the work a stopped process acknowledged but did not answer.

A job still pending (bot.store.jobs) was acknowledged to Slack and never marked answered: the
process stopped (kill -9, a crash, a host lost) in between. At start-up, and then every third of
a lease (`Keeper`), each serving process looks for pending jobs no live process holds: never
claimed, or claimed by a process whose lease ran out (it stopped renewing it). It answers only
those it wins with `claim_job`, one atomic UPDATE: replicas that start together, or that look at
the same moment, answer each job once, and a replica that died is covered by any other that
lives, without waiting for its own restart. A command's response_url accepts
answers for 30 minutes (https://docs.slack.dev/interactivity/handling-user-interaction#message_responses),
so pending jobs younger than that are answered now, through the same code as a live request;
older ones are marked expired and logged with their ids. A job whose answer left but whose
"done" was not yet written when the process died is answered again: Slack gives no way to ask
whether a response_url message arrived, and a second answer beats none.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from bot.slack.deps import Deps
from bot.slack.jobs import finish, finishing
from bot.slack.listeners.actions import run_action
from bot.slack.listeners.commands import handle_command
from bot.slack.listeners.events import reply_to_message
from bot.slack.webapi import RetryingRespond
from bot.store.jobs import Job

log = logging.getLogger(__name__)

MAX_AGE_SECONDS = 30 * 60 - 60
"""A response_url lives 30 minutes; a minute is left for the answer to get there."""


def recover(*, deps: Deps, client: Any, response_url_prefix: str, now: float | None = None) -> int:
    """Claim every pending job no live process holds and queue it on `deps.background` (or mark
    it expired when too old to answer); returns how many were queued."""
    store = deps.store
    if getattr(store, "claimable_jobs", None) is None:
        return 0
    claims = deps.claims
    try:
        store.purge_jobs()
        jobs = store.claimable_jobs(owner=claims.owner)
    except Exception as error:  # noqa: BLE001 - a store that cannot answer is reported by /healthz
        log.error("could not read the pending jobs (%s)", type(error).__name__)
        return 0
    clock = time.time() if now is None else now
    queued = 0
    for job in jobs:
        try:
            won = store.claim_job(job.id, owner=claims.owner, lease_seconds=claims.lease_seconds)
        except Exception as error:  # noqa: BLE001 - the next look tries again
            log.error("could not claim job %s (%s)", job.id, type(error).__name__)
            continue
        if not won:  # another process took it first: it answers it
            continue
        queued += _answer(job, deps=deps, client=client, prefix=response_url_prefix, clock=clock)
    return queued


def _answer(job: Job, *, deps: Deps, client: Any, prefix: str, clock: float) -> int:
    """Queue the won job `job` (1), or mark it expired or leave it (0)."""
    where = f"team={job.team_id} channel={job.channel_id} user={job.user_id}"
    if clock - job.created_at > MAX_AGE_SECONDS:
        log.warning("job %s (%s) acknowledged, never answered, too old now: %s", job.id, job.kind, where)
        finish(deps.store, job.id, state="expired")
        return 0
    if deps.clients is not None:  # many workspaces: the job's own workspace token
        client = deps.clients(job.team_id)
        if client is None:
            log.warning("job %s (%s) from a workspace no longer installed: %s", job.id, job.kind, where)
            finish(deps.store, job.id, state="expired")
            return 0
    if job.kind == "command":
        work, body, context = _command(job, deps=deps, client=client, prefix=prefix)
    elif job.kind == "message":
        work, body, context = _message(job, deps=deps, client=client)
    elif job.kind == "action":
        work, body, context = _action(job, deps=deps, client=client, prefix=prefix)
    else:
        log.warning("job %s of unknown kind %r left pending", job.id, job.kind)
        return 0
    log.info("answering job %s (%s) acknowledged by a process that stopped: %s", job.id, job.kind, where)
    deps.background.run(finishing(deps.store, job.id, work), body=body, client=client, context=context)
    return 1


class Keeper:
    """The serving process's heartbeat on the jobs table, every `lease_seconds / 3`: renew this
    process's claims (so no other process answers its jobs), then `recover` the jobs of processes
    that stopped. `stop()` ends it and gives this process's unanswered jobs back at once."""

    def __init__(self, *, deps: Deps, client: Any, response_url_prefix: str) -> None:
        self._deps = deps
        self._client = client
        self._prefix = response_url_prefix
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="aitl-jobs", daemon=True)

    def start(self) -> Keeper:
        self._thread.start()
        return self

    def _run(self) -> None:
        claims, store = self._deps.claims, self._deps.store
        while not self._stopped.wait(claims.lease_seconds / 3):
            try:
                store.renew_claims(owner=claims.owner, lease_seconds=claims.lease_seconds)
            except Exception as error:  # noqa: BLE001 - tried again a third of a lease later
                log.warning("could not renew this process's job claims (%s)", type(error).__name__)
                continue
            queued = recover(deps=self._deps, client=self._client, response_url_prefix=self._prefix)
            if queued:
                log.info("%d acknowledged job(s) of a stopped process queued", queued)

    def stop(self) -> None:
        """Stop the heartbeat; call after the background work finished, before closing the store."""
        self._stopped.set()
        self._thread.join(timeout=5)
        try:
            released = self._deps.store.release_claims(owner=self._deps.claims.owner)
        except Exception as error:  # noqa: BLE001 - they are answered after the lease instead
            log.warning("could not give back unanswered jobs (%s)", type(error).__name__)
            return
        if released:
            log.info("%d unanswered job(s) given back for the next process", released)


Work = tuple[Callable[[], None], dict[str, Any], dict[str, Any]]


def _command(job: Job, *, deps: Deps, client: Any, prefix: str) -> Work:
    body = dict(job.payload.get("body") or {})
    respond = RetryingRespond(response_url=job.response_url, allowed_prefix=prefix)

    def work() -> None:
        handle_command(deps=deps, body=body, client=client, respond=respond)

    return work, body, {"respond": respond, "response_url": job.response_url}


def _message(job: Job, *, deps: Deps, client: Any) -> Work:
    event = dict(job.payload.get("event") or {})
    bot_user_id = job.payload.get("bot_user_id")

    def work() -> None:
        reply_to_message(
            deps=deps,
            event=event,
            client=client,
            bot_user_id=bot_user_id,
            check_seen=False,
            team_id=job.team_id,
        )

    body = {"event": event, "team_id": job.team_id, "event_id": job.payload.get("event_id", "")}
    return work, body, {}


def _action(job: Job, *, deps: Deps, client: Any, prefix: str) -> Work:
    body = dict(job.payload.get("body") or {})
    name = str(job.payload.get("action") or "")
    respond = (
        RetryingRespond(response_url=job.response_url, allowed_prefix=prefix) if job.response_url else None
    )

    def work() -> None:
        run_action(name, deps=deps, body=body, client=client, respond=respond)

    return work, body, {"respond": respond, "response_url": job.response_url} if respond else {}
