"""Each workspace's bot token, from slack-sdk's SQLAlchemy installation store in aitl's database.

The OAuth install flow itself is Bolt's (bot.slack.oauth); what is here is what work outside a
request needs too (jobs answered after a restart, daily tips posted by `aitl tips run`): the
stores, and `TeamClients`, which looks a workspace's token up and rotates it when it is about to
expire (https://docs.slack.dev/authentication/using-token-rotation).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from slack_sdk.oauth.token_rotation import TokenRotator

from bot.config import Settings
from bot.webapi.client import web_client

STATE_SECONDS = 600
"""An install link works for ten minutes, once."""

ROTATE_MINUTES = 120
"""A rotating token is refreshed when it has less than this left (Bolt's default)."""


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
