"""build_app(settings, engine, store) -> the Bolt App (https://docs.slack.dev/tools/bolt-python/).

The same App serves HTTP mode (behind gunicorn, see server.py) and Socket Mode. Its WebClient
talks to `settings.api_url` with the retry handlers; constructing the App calls `auth.test`
once, and a failure there is a ConfigError (exit 2) rather than a broken first request.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError

from bot.config import ConfigError, Settings
from bot.slack import errors, middleware
from bot.slack.background import Background
from bot.slack.dedup import RecentKeys
from bot.slack.deps import Deps
from bot.slack.listeners import actions, commands, events, fallbacks, home
from bot.slack.webapi import web_client

log = logging.getLogger(__name__)

BOLT_THREADS = 2
"""Bolt's own executor (for lazy listeners, unused here); replies run on Deps.background."""


def build_app(settings: Settings, engine: Any, store: Any, *, deps: Deps | None = None) -> App:
    """The whole Slack app: middleware, listeners, error handler.

    `process_before_response=True`: each listener acks, hands its work to `deps.background`
    and returns, so Bolt answers Slack at once instead of polling for `ack()` every 10 ms
    (https://docs.slack.dev/tools/bolt-python/concepts/acknowledge).
    """
    client = web_client(token=settings.bot_token, base_url=settings.api_url)
    try:
        app = App(
            client=client,
            signing_secret=settings.signing_secret or None,
            process_before_response=True,
            listener_executor=ThreadPoolExecutor(max_workers=BOLT_THREADS, thread_name_prefix="aitl-bolt"),
            raise_error_for_unhandled_request=False,
        )
    except BoltError as error:
        raise ConfigError(f"SLACK_BOT_TOKEN was refused by Slack's auth.test ({_reason(error)})") from None
    except (SlackApiError, OSError) as error:
        raise ConfigError(f"auth.test failed at {settings.api_url}: {type(error).__name__}") from None
    if deps is None:
        deps = Deps(engine=engine, store=store, background=Background(on_error=errors.handle_error))
    app.middleware(middleware.Incoming(RecentKeys()))
    commands.register(app, deps=deps)
    events.register(app, deps=deps)
    actions.register(app, deps=deps)
    home.register(app, deps=deps)
    fallbacks.register(app)  # last: Bolt runs the first listener that matches
    app.error(errors.handle_error)
    return app


def _reason(error: BoltError) -> str:
    text = str(error)
    for code in ("invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"):
        if code in text:
            return code
    return "auth.test failed"
