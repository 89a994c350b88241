"""Start-up checks for `aitl serve`, before any server starts: bad configuration exits 2 with one line.

`auth.test` (https://docs.slack.dev/reference/methods/auth.test) proves the bot token works and
the Web API is reachable; its answer is handed to the Slack app (bot.slack.app), so auth.test is
called once at start-up, not again by Bolt. In Socket Mode `apps.connections.open` proves the
app-level token.
Only urllib is used, so a refused start-up stays fast: the Slack packages are imported only
once the checks pass.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from bot.config import ConfigError, Settings

TIMEOUT_SECONDS = 10


@dataclass(frozen=True, slots=True)
class AuthTest:
    """The bot token's successful auth.test answer, kept so the Slack app need not ask again.

    `headers` are the HTTP response headers Bolt reads (`x-oauth-scopes`); `checked_at` is
    `time.time()` when Slack answered, so a much later user (a restarted worker) asks again.
    """

    data: dict
    headers: dict[str, str] = field(default_factory=dict)
    checked_at: float = 0.0


def check(settings: Settings) -> AuthTest:
    """Raise ConfigError (one line) unless the settings can serve Slack; else auth.test's answer."""
    settings.require_slack()
    if settings.knowledge_dir is not None and not settings.knowledge_dir.is_dir():
        raise ConfigError(f"AITL_KNOWLEDGE_DIR is not a folder: {settings.knowledge_dir}")
    if settings.multi_workspace:
        return AuthTest(data={})  # no token of our own: each workspace's comes with its install
    data, headers = _call(settings, "auth.test", token=settings.bot_token)
    if not data.get("ok"):
        raise ConfigError(f"SLACK_BOT_TOKEN was refused by auth.test ({data.get('error', 'unknown error')})")
    auth = AuthTest(data=data, headers=headers, checked_at=time.time())
    if settings.socket_mode:
        # https://docs.slack.dev/reference/methods/apps.connections.open: the URL it returns is
        # simply not used (each call issues a new one); the handler opens its own.
        data, _ = _call(settings, "apps.connections.open", token=settings.app_token)
        if not data.get("ok"):
            raise ConfigError(f"SLACK_APP_TOKEN was refused ({data.get('error', 'unknown error')})")
    return auth


def check_database(settings: Settings) -> None:
    """Raise ConfigError (one line) unless the store at AITL_DATABASE_URL opens (and is migrated)."""
    from bot.store import open_store

    open_store(settings.database_url).close()


def _call(settings: Settings, method: str, *, token: str) -> tuple[dict, dict[str, str]]:
    """POST one Web API method; its JSON answer and its headers (lower-case names), or
    ConfigError when it cannot be reached."""
    request = urllib.request.Request(
        settings.api_url + method,
        data=b"",
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - our own URL
            data = json.loads(response.read().decode("utf-8") or "{}")
            headers = {name.lower(): value for name, value in response.headers.items()}
    except urllib.error.HTTPError as error:
        raise ConfigError(f"{method} at {settings.api_url} answered HTTP {error.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or type(error).__name__
        raise ConfigError(f"cannot reach the Slack Web API at {settings.api_url} ({reason})") from None
    return (data if isinstance(data, dict) else {}), headers
