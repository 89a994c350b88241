"""The runner: for a moment `now`, post every daily tip that is due, exactly once.

For each active subscription due at `now` (bot.tips.schedule), the runner **claims** the
(channel, local date) row of the deliveries ledger in a transaction (a unique key, so two runners,
threads or processes, cannot both win), posts with chat.postMessage, then records the message ts.
If the post fails for good (after slack-sdk's 429 / 5xx / connection retries) the claim is
released so a later run retries the same local day. Errors that will not heal (channel archived or
gone, bot removed) pause the subscription instead of retrying forever; errors about the token
itself (revoked, inactive) end the run without pausing anything (STOP_ERRORS).

The same function serves the scheduler thread inside `aitl serve` and `aitl tips run` (cron).
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.store import Claim, Store, Subscription, open_store
from bot.tips.message import tip_message
from bot.tips.schedule import as_utc, due_date

log = logging.getLogger(__name__)

PAUSE_ERRORS = frozenset(
    {
        "channel_not_found",
        "is_archived",
        "channel_is_archived",
        "not_in_channel",
        "restricted_action",
        "restricted_action_read_only_channel",
        "team_access_not_granted",
        "ekm_access_denied",
    }
)
"""chat.postMessage errors about one channel that retrying will not fix: that subscription is paused
(https://docs.slack.dev/reference/methods/chat.postMessage#errors)."""

STOP_ERRORS = frozenset({"ratelimited", "invalid_auth", "token_revoked", "not_authed", "account_inactive"})
"""Errors about the workspace's token, not a channel (`account_inactive`: the token's user or app is
deactivated): the run stops posting at once and pauses nothing, so the subscriptions go on by
themselves once the token works again. The claim goes back, so a later run retries the same day."""

MAX_ERRORS_IN_A_ROW = 3
"""A store error fails one subscription and the run goes on; this many in a row end the run (the
database is down, and each attempt may wait out a timeout)."""


@dataclass(slots=True)
class RunReport:
    """What one run did; `line()` is the one-line summary `aitl tips run` prints."""

    now: datetime
    subscriptions: int = 0
    due: int = 0
    posted: int = 0
    already: int = 0
    failed: int = 0
    paused: int = 0
    errors: int = 0
    """Subscriptions that failed on something other than Slack (the database...): also in `failed`."""

    def line(self) -> str:
        errors = f"; {self.errors} error(s), see the log" if self.errors else ""
        return (
            f"tips run at {as_utc(self.now):%Y-%m-%dT%H:%M:%SZ}: {self.posted} posted, "
            f"{self.already} already done, "
            f"{self.failed} failed (retried next run), {self.paused} paused; "
            f"{self.due} due of {self.subscriptions} subscription(s){errors}"
        )


def runner_id() -> str:
    """Who holds a claim: host, process, thread and a nonce (for logs and safe release)."""
    return (
        f"{socket.gethostname()[:24]}:{os.getpid()}:{threading.get_ident() % 100000}:{uuid.uuid4().hex[:6]}"
    )


def run_once(
    *, client: Any, store: Store, engine: Any, now: datetime, clients: Callable[[str], Any] | None = None
) -> RunReport:
    """Post every tip due at `now`; safe to run any number of times, anywhere, concurrently.

    `clients` (many workspaces): each subscription's workspace client by team id, instead of
    `client`; a workspace that is no longer installed has its subscriptions paused."""
    moment = as_utc(now)
    tips = tuple(engine.kb.tips)
    owner = runner_id()
    subs = store.subscriptions(active_only=True)
    report = RunReport(now=moment, subscriptions=len(subs))
    if not tips:
        log.warning("no tips in the knowledge base; nothing to post")
        return report
    due = [(sub, day.isoformat()) for sub in subs if (day := due_date(sub, moment)) is not None]
    done = store.posted_on([local_date for _, local_date in due])
    report.due = len(due)
    in_a_row = 0
    for sub, local_date in due:
        if (sub.team_id, sub.channel_id, local_date) in done:
            report.already += 1
            continue
        if clients is not None:
            client = clients(sub.team_id)
            if client is None:
                store.pause(sub.channel_id, team_id=sub.team_id, reason="app_uninstalled")
                log.warning(
                    "tips paused for channel %s: workspace %s not installed", sub.channel_id, sub.team_id
                )
                report.paused += 1
                continue
        try:
            outcome = _deliver(
                client=client, store=store, sub=sub, local_date=local_date, tips=tips, owner=owner
            )
        except Exception as error:  # the store failed for this one: the others still get their tip
            report.failed += 1
            report.errors += 1
            in_a_row += 1
            log.error("tip for %s failed (%s); the next run retries it", sub.channel_id, _kind(error))
            log.debug("tip for %s failed", sub.channel_id, exc_info=True)
            if in_a_row >= MAX_ERRORS_IN_A_ROW:
                log.error(
                    "%d subscriptions in a row failed: the database looks down, ending this run", in_a_row
                )
                break
            continue
        in_a_row = 0
        if outcome == "already":
            report.already += 1
        elif outcome == "posted":
            report.posted += 1
        elif outcome == "paused":
            report.paused += 1
        else:
            report.failed += 1
            if outcome == "stop":
                break
    return report


def _deliver(
    *, client: Any, store: Store, sub: Subscription, local_date: str, tips: tuple, owner: str
) -> str:
    """Claim then post one subscription's tip: "already", or what _post says."""
    claim = store.claim_delivery(
        team_id=sub.team_id,
        channel_id=sub.channel_id,
        local_date=local_date,
        tip_ids=[tip.id for tip in tips],
        owner=owner,
    )
    if claim is None:
        return "already"
    if claim.taken_over:
        ts = _already_posted(client, claim)
        if ts is not None:  # the runner that died had posted it: record that, post nothing
            log.warning(
                "tip for %s on %s was posted (ts %s) but not recorded: recorded now",
                claim.channel_id,
                claim.local_date,
                ts,
            )
            _record(store, claim, ts)
            return "already"
    tip = next((tip for tip in tips if tip.id == claim.tip_id), tips[0])
    return _post(client=client, store=store, sub=sub, claim=claim, tip=tip)


METADATA_TYPE = "aitl_tip"
"""Slack message metadata (https://docs.slack.dev/messaging/message-metadata) on every tip: which
channel and local date it is for, so a runner can find it again."""

HISTORY_SECONDS = 3 * 86_400
"""How far back a taken-over claim's tip is looked for (a lease is ten minutes; a day's tip is due
within a day of its date)."""


def _metadata(claim: Claim) -> dict[str, Any]:
    payload = {"channel_id": claim.channel_id, "local_date": claim.local_date, "tip_id": claim.tip_id}
    return {"event_type": METADATA_TYPE, "event_payload": payload}


def _already_posted(client: Any, claim: Claim) -> str | None:
    """The ts of this claim's tip if it is in the channel already (conversations.history with its
    metadata), else None. When the history cannot be read (a scope or membership missing), None:
    posting again may double the tip, but never loses it."""
    from slack_sdk.errors import SlackApiError

    try:
        response = client.conversations_history(
            channel=claim.channel_id,
            oldest=f"{time.time() - HISTORY_SECONDS:.6f}",
            limit=200,
            include_all_metadata=True,
        )
    except SlackApiError as error:
        code = str(error.response.get("error", "")) if error.response is not None else ""
        log.warning(
            "cannot read %s's history (%s) to check a taken-over tip: posting it", claim.channel_id, code
        )
        return None
    for message in response.get("messages") or []:
        metadata = message.get("metadata") or {}
        payload = metadata.get("event_payload") or {}
        if metadata.get("event_type") == METADATA_TYPE and payload.get("local_date") == claim.local_date:
            return str(message.get("ts") or "") or None
    return None


def _kind(error: BaseException) -> str:
    """The error's class (and the driver's), never its text: that can hold SQL, values or a URL."""
    orig = getattr(error, "orig", None)
    return f"{type(error).__name__}: {type(orig).__name__}" if orig is not None else type(error).__name__


def _post(*, client: Any, store: Store, sub: Subscription, claim: Claim, tip: Any) -> str:
    """Post one claimed tip: "posted", "paused", "failed" or "stop" (leave the rest for later)."""
    from slack_sdk.errors import SlackApiError

    try:
        response = client.chat_postMessage(
            channel=sub.channel_id,
            unfurl_links=False,
            unfurl_media=False,
            metadata=_metadata(claim),
            **tip_message(tip),
        )
    except SlackApiError as error:
        store.release_delivery(claim)
        code = str(error.response.get("error", "")) if error.response is not None else ""
        if code in PAUSE_ERRORS:
            store.pause(sub.channel_id, team_id=sub.team_id, reason=code)
            log.warning("tips paused for channel %s: %s", sub.channel_id, code)
            return "paused"
        log.warning("tip post to %s failed (%s); a later run retries today", sub.channel_id, code or error)
        return "stop" if code in STOP_ERRORS else "failed"
    except Exception:  # network, timeout...: the claim goes back, the next run retries
        store.release_delivery(claim)
        log.exception("tip post to %s failed; a later run retries today", sub.channel_id)
        return "failed"
    _record(store, claim, str(response.get("ts") or ""))
    return "posted"


def _record(store: Store, claim: Claim, ts: str) -> None:
    """Record the ts; retried, because a claim left 'claimed' would be re-posted after its lease."""
    for attempt in range(3):
        try:
            store.record_delivery(claim, message_ts=ts)
            return
        except Exception:
            if attempt == 2:
                log.exception("posted %s but could not record it", claim.channel_id)


def run_cli(*, settings: Any, now: datetime | None = None) -> int:
    """`aitl tips run [--now ISO8601]`: one run, one line on stdout; bad configuration -> exit 2,
    a failure during the run (database lost, or an error on some subscriptions while the others
    were posted) -> exit 1 with one line on stderr."""
    from bot.config import ConfigError

    try:
        client, store, engine, clients = _build(settings)
    except ConfigError as error:
        print(f"aitl tips run: {error}", file=sys.stderr)
        return 2
    moment = as_utc(now) if now is not None else datetime.now().astimezone()
    try:
        report = run_once(client=client, store=store, engine=engine, now=moment, clients=clients)
    except Exception as error:  # e.g. the database went away mid-run: one line for cron, exit 1
        log.debug("tips run failed", exc_info=True)
        reason = (str(error).splitlines() or [""])[0][:200]
        print(
            f"aitl tips run: failed ({type(error).__name__}: {reason}); the next run retries", file=sys.stderr
        )
        return 1
    finally:
        store.close()
    print(report.line(), flush=True)
    if report.errors:
        print(
            f"aitl tips run: {report.errors} subscription(s) failed (see the log); the next run retries",
            file=sys.stderr,
        )
        return 1
    return 0


@dataclass(frozen=True, slots=True)
class _KnowledgeOnly:
    """The runner needs `engine.kb.tips` only; loading the whole engine (matchers) is not needed."""

    kb: Any


def _build(settings: Any) -> tuple[Any, Store, Any, Any]:
    from bot.config import ConfigError
    from bot.engine.knowledge import KnowledgeError, load_knowledge
    from bot.tips.client import build_client

    token = (settings.bot_token or "").strip()
    if settings.multi_workspace:  # each subscription's workspace token, from the installations
        try:
            kb = load_knowledge(settings.knowledge_dir)
        except KnowledgeError as error:
            raise ConfigError(f"knowledge base: {error}") from error
        from bot.webapi.installations import TeamClients, stores

        store = open_store(settings.database_url)
        installations, _ = stores(settings, store.engine)
        clients = TeamClients(settings=settings, installations=installations, factory=build_client)
        return None, store, _KnowledgeOnly(kb), clients
    if not token.startswith("xoxb-"):
        raise ConfigError(
            "SLACK_BOT_TOKEN is not set or malformed (expected a bot token starting with xoxb-)"
        )
    try:
        kb = load_knowledge(settings.knowledge_dir)
    except KnowledgeError as error:
        raise ConfigError(f"knowledge base: {error}") from error
    store = open_store(settings.database_url)
    return build_client(token=token, base_url=settings.api_url), store, _KnowledgeOnly(kb), None
