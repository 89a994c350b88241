"""Many workspaces: Slack's OAuth v2 install flow, with slack-sdk's SQLAlchemy stores in aitl's database.

With SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (and no SLACK_BOT_TOKEN), Bolt serves
`GET /slack/install` (an "Add to Slack" page whose link carries a one-time state, also set as a
cookie) and `GET /slack/oauth_redirect` (checks the state, calls `oauth.v2.access`, stores the
workspace's bot token): https://docs.slack.dev/authentication/installing-with-oauth. Each request
is then authorized with its workspace's token (Bolt's InstallationStoreAuthorize), rotated by
Bolt when the app has token rotation on (https://docs.slack.dev/authentication/using-token-rotation);
`app_uninstalled` and `tokens_revoked` delete the workspace's installation (Bolt's own listeners).

Work done outside a request (jobs answered after a restart, daily tips) asks
bot.webapi.installations.TeamClients for the workspace's client, which looks the token up (and
rotates it) the same way; the stores are made there too.
"""

from __future__ import annotations

import logging

from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

from bot.config import Settings
from bot.webapi.installations import ROTATE_MINUTES

log = logging.getLogger(__name__)

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
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
