"""build_app(settings, engine, store) -> the Bolt App (https://docs.slack.dev/tools/bolt-python/).

The same App serves HTTP mode (behind waitress, see http_server.py) and Socket Mode. Its WebClient
talks to `settings.api_url` with the retry handlers. `aitl serve` has just called `auth.test`
(bot.slack.preflight): its fresh answer is given to Bolt, which then neither calls it again at
construction nor on the first request. Without one (tests, or a worker restarted long after
start-up), constructing the App calls `auth.test` itself, and a failure there is a ConfigError
(exit 2) rather than a broken first request.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError

from bot.config import ConfigError, Settings
from bot.slack import conversations, errors, middleware
from bot.slack.background import Background
from bot.slack.dedup import RecentKeys
from bot.slack.deps import Deps
from bot.slack.listeners import actions, commands, events, fallbacks, home
from bot.slack.preflight import AuthTest
from bot.webapi.client import web_client

log = logging.getLogger(__name__)

BOLT_THREADS = 2
"""Bolt's own executor (for lazy listeners, unused here); replies run on Deps.background."""

AUTH_TEST_FRESH_SECONDS = 120.0
"""How long the start-up auth.test answer stands in for Bolt's own: an app built later than
that checks the token again itself."""


def build_app(
    settings: Settings,
    engine: Any,
    store: Any,
    *,
    deps: Deps | None = None,
    auth_test: AuthTest | None = None,
) -> App:
    """The whole Slack app: middleware, listeners, error handler.

    `process_before_response=True`: each listener acks, hands its work to `deps.background`
    and returns, so Bolt answers Slack at once instead of polling for `ack()` every 10 ms
    (https://docs.slack.dev/tools/bolt-python/concepts/acknowledge).
    """
    if deps is None:
        deps = Deps(engine=engine, store=store, background=Background(on_error=errors.handle_error))
    if settings.multi_workspace:
        app = _multi_workspace_app(settings, store=store, deps=deps)
    else:
        app = _single_workspace_app(settings, auth_test=auth_test)
    store_of = deps.store

    def follows(event: dict[str, Any], team_id: str) -> bool:
        return conversations.followed(store_of, event, team_id=team_id)

    app.middleware(
        middleware.Incoming(RecentKeys(), response_url_prefix=settings.response_url_prefix, follows=follows)
    )
    commands.register(app, deps=deps)
    events.register(app, deps=deps)
    actions.register(app, deps=deps)
    home.register(app, deps=deps)
    if settings.multi_workspace:
        app.enable_token_revocation_listeners()  # app_uninstalled, tokens_revoked: forget the workspace
    fallbacks.register(app)  # last: Bolt runs the first listener that matches
    app.error(errors.on_bolt_error)
    return app


def _multi_workspace_app(settings: Settings, *, store: Any, deps: Deps) -> App:
    """Installed per workspace (bot.slack.oauth); `deps.clients` gives work outside a request
    (restart recovery, tips) the workspace's own client."""
    from bot.slack import oauth
    from bot.webapi.installations import TeamClients, stores

    installations, states = stores(settings, store.engine)
    deps.clients = TeamClients(settings=settings, installations=installations)
    return App(
        client=web_client(token=None, base_url=settings.api_url),
        signing_secret=settings.signing_secret,
        process_before_response=True,
        listener_executor=ThreadPoolExecutor(max_workers=BOLT_THREADS, thread_name_prefix="aitl-bolt"),
        raise_error_for_unhandled_request=False,
        installation_store=installations,
        installation_store_bot_only=True,
        oauth_settings=oauth.oauth_settings(settings, installations=installations, states=states),
    )


def _single_workspace_app(settings: Settings, *, auth_test: AuthTest | None) -> App:
    checked = auth_test if auth_test is not None and _fresh(auth_test) else None
    if checked is not None:  # we checked the token a moment ago: no auth.test again
        app = App(
            client=web_client(token=None, base_url=settings.api_url),
            authorize=_authorized_by(checked, token=settings.bot_token),
            **_single_workspace_options(settings),
        )
        app.client.token = settings.bot_token  # work outside a request (recovery, tips) uses app.client
        return app
    try:
        return App(
            client=web_client(token=settings.bot_token, base_url=settings.api_url),
            token_verification_enabled=True,  # Bolt calls auth.test now, and keeps the answer
            **_single_workspace_options(settings),
        )
    except BoltError as error:
        raise ConfigError(f"SLACK_BOT_TOKEN was refused by Slack's auth.test ({_reason(error)})") from None
    except (SlackApiError, OSError) as error:
        raise ConfigError(f"auth.test failed at {settings.api_url}: {type(error).__name__}") from None


def _single_workspace_options(settings: Settings) -> dict[str, Any]:
    return {
        "signing_secret": settings.signing_secret or None,
        "process_before_response": True,
        "listener_executor": ThreadPoolExecutor(max_workers=BOLT_THREADS, thread_name_prefix="aitl-bolt"),
        "raise_error_for_unhandled_request": False,
    }


def _fresh(auth_test: AuthTest) -> bool:
    return 0 <= time.time() - auth_test.checked_at <= AUTH_TEST_FRESH_SECONDS


def _authorized_by(auth_test: AuthTest, *, token: str) -> Callable[..., AuthorizeResult]:
    """Bolt's public `authorize=` (https://docs.slack.dev/tools/bolt-python/concepts/authorization):
    each request is authorized with the bot token and the auth.test answer preflight got, the
    result Bolt's SingleTeamAuthorization would build after calling auth.test itself (the bot's
    ids for ignoring its own events, its scopes, the requesting user)."""
    data = dict(auth_test.data)
    scopes = next((v for k, v in auth_test.headers.items() if k.lower() == "x-oauth-scopes"), None)

    def authorize(user_id: str | None) -> AuthorizeResult:
        return AuthorizeResult(
            enterprise_id=data.get("enterprise_id"),
            team_id=data.get("team_id"),
            bot_id=data.get("bot_id"),
            bot_user_id=data.get("user_id"),
            bot_token=token,
            user_id=user_id,
            bot_scopes=scopes,
        )

    return authorize


def _reason(error: BoltError) -> str:
    text = str(error)
    for code in ("invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"):
        if code in text:
            return code
    return "auth.test failed"
