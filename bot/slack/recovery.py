"""At start-up: answer, once, the work a previous process acknowledged but did not answer.

A job still pending (bot.store.jobs) was acknowledged to Slack and never marked answered: the
process stopped (kill -9, a crash, a host lost) in between. A command's response_url accepts
answers for 30 minutes (https://docs.slack.dev/interactivity/handling-user-interaction#message_responses),
so pending jobs younger than that are answered now, through the same code as a live request;
older ones are marked expired and logged with their ids. A job whose answer left but whose
"done" was not yet written when the process died is answered again: Slack gives no way to ask
whether a response_url message arrived, and a second answer beats none.
"""

from __future__ import annotations

import logging
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
    """Queue every recent pending job on `deps.background`; returns how many were queued."""
    pending = getattr(deps.store, "pending_jobs", None)
    if pending is None:
        return 0
    try:
        deps.store.purge_jobs()
        jobs = pending()
    except Exception as error:  # noqa: BLE001 - a store that cannot answer is reported by /healthz
        log.error("could not read the pending jobs (%s)", type(error).__name__)
        return 0
    clock = time.time() if now is None else now
    queued = 0
    for job in jobs:
        where = f"team={job.team_id} channel={job.channel_id} user={job.user_id}"
        if clock - job.created_at > MAX_AGE_SECONDS:
            log.warning("job %s (%s) acknowledged, never answered, too old now: %s", job.id, job.kind, where)
            finish(deps.store, job.id, state="expired")
            continue
        if deps.clients is not None:  # many workspaces: the job's own workspace token
            client = deps.clients(job.team_id)
            if client is None:
                log.warning("job %s (%s) from a workspace no longer installed: %s", job.id, job.kind, where)
                finish(deps.store, job.id, state="expired")
                continue
        if job.kind == "command":
            work, body, context = _command(job, deps=deps, client=client, prefix=response_url_prefix)
        elif job.kind == "message":
            work, body, context = _message(job, deps=deps, client=client)
        elif job.kind == "action":
            work, body, context = _action(job, deps=deps, client=client, prefix=response_url_prefix)
        else:
            log.warning("job %s of unknown kind %r left pending", job.id, job.kind)
            continue
        log.info("answering job %s (%s) acknowledged before the restart: %s", job.id, job.kind, where)
        deps.background.run(finishing(deps.store, job.id, work), body=body, client=client, context=context)
        queued += 1
    return queued


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
