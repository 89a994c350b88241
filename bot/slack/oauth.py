"""Many workspaces: Slack's OAuth v2 install flow, with slack-sdk's SQLAlchemy stores in aitl's database.

With SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (and no SLACK_BOT_TOKEN), Bolt serves
`GET /slack/install` (an "Add to Slack" page whose link carries a one-time state, also set as a
cookie) and `GET /slack/oauth_redirect` (checks the state, calls `oauth.v2.access`, stores the
workspace's bot token): https://docs.slack.dev/authentication/installing-with-oauth. Each request
is then authorized with its workspace's token (Bolt's InstallationStoreAuthorize), rotated by
Bolt when the app has token rotation on (https://docs.slack.dev/authentication/using-token-rotation);
`app_uninstalled` and `tokens_revoked` delete the workspace's installation (Bolt's own listeners).

Work done outside a request (jobs answered after a restart, daily tips) asks `TeamClients` for the
workspace's client, which looks the token up (and rotates it) the same way.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from slack_sdk.oauth.token_rotation import TokenRotator

from bot.config import Settings
from bot.slack.webapi import web_client

log = logging.getLogger(__name__)

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
STATE_SECONDS = 600
"""An install link works for ten minutes, once."""

ROTATE_MINUTES = 120
"""A rotating token is refreshed when it has less than this left (Bolt's default)."""

BOT_SCOPES = (
    "app_mentions:read",
    "chat:write",
    "commands",
    "im:history",
    "channels:history",
    "groups:history",
    "channels:join",
    "channels:read",
    "groups:read",
    "im:read",
    "mpim:read",
    "users:read",
)
"""The bot scopes asked for at install: manifest.yaml's (a test keeps them equal)."""


def stores(settings: Settings, engine: Any) -> tuple[SQLAlchemyInstallationStore, SQLAlchemyOAuthStateStore]:
    """slack-sdk's installation and state stores on the store's engine (their tables, created here,
    are slack-sdk's own: `slack_installations`, `slack_bots`, `slack_oauth_states`)."""
    installations = SQLAlchemyInstallationStore(client_id=settings.client_id, engine=engine)
    states = SQLAlchemyOAuthStateStore(expiration_seconds=STATE_SECONDS, engine=engine)
    for store in (installations, states):
        try:
            store.metadata.create_all(engine, checkfirst=True)
        except Exception:  # another replica created them at the same moment
            store.metadata.create_all(engine, checkfirst=True)
    return installations, states


def oauth_settings(
    settings: Settings, *, installations: SQLAlchemyInstallationStore, states: SQLAlchemyOAuthStateStore
) -> OAuthSettings:
    return OAuthSettings(
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        scopes=list(BOT_SCOPES),
        redirect_uri=settings.install_redirect_url or None,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        installation_store=installations,
        state_store=states,
        token_rotation_expiration_minutes=ROTATE_MINUTES,
    )


class TeamClients:
    """`clients(team_id)`: a WebClient with that workspace's bot token, or None when it has none
    (never installed, or uninstalled). A token about to expire is rotated first and saved."""

    def __init__(
        self,
        *,
        settings: Settings,
        installations: SQLAlchemyInstallationStore,
        factory: Callable[..., WebClient] = web_client,
    ) -> None:
        self._settings = settings
        self._factory = factory
        self._installations = installations
        self._rotator = TokenRotator(
            client_id=settings.client_id,
            client_secret=settings.client_secret,
            client=web_client(token=None, base_url=settings.api_url),
        )
        self._lock = threading.Lock()

    def __call__(self, team_id: str) -> WebClient | None:
        if not team_id:
            return None
        with self._lock:  # one rotation at a time: a refresh token is good for one use
            bot = self._installations.find_bot(enterprise_id=None, team_id=team_id)
            if bot is None or not bot.bot_token:
                return None
            if bot.bot_refresh_token:
                rotated = self._rotator.perform_bot_token_rotation(
                    bot=bot, minutes_before_expiration=ROTATE_MINUTES
                )
                if rotated is not None:
                    self._installations.save_bot(rotated)
                    bot = rotated
        return self._factory(token=bot.bot_token, base_url=self._settings.api_url)
