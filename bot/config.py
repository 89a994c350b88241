"""One Settings object from the environment, validated once at start-up.

Bad configuration is a `ConfigError` whose message is one line; the CLI turns it into exit
code 2 (../shared/contract.md). An explicit argument wins over the environment.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_API_URL = "https://slack.com/api/"
DEFAULT_DATABASE_URL = "sqlite:///aitl.db"
DEFAULT_RESPONSE_URL_PREFIX = "https://hooks.slack.com/"
"""Slack's response_urls all start here; a payload naming another host is never called."""

_BOT_TOKEN = re.compile(r"^xoxb-[A-Za-z0-9-]+$")
_APP_TOKEN = re.compile(r"^xapp-[A-Za-z0-9-]+$")


class ConfigError(Exception):
    """Configuration that cannot work; str(error) is a one-line reason for the operator."""


@dataclass(frozen=True, slots=True)
class Settings:
    bot_token: str = ""
    signing_secret: str = ""
    app_token: str = ""
    port: int = 3000
    api_url: str = DEFAULT_API_URL
    database_url: str = DEFAULT_DATABASE_URL
    knowledge_dir: Path | None = None
    response_url_prefix: str = DEFAULT_RESPONSE_URL_PREFIX
    request_read_seconds: float = 10.0
    client_id: str = ""
    client_secret: str = ""
    install_redirect_url: str = ""
    job_lease_seconds: float = 30.0
    """How long a process's claim on an acknowledged job stands without its heartbeat (bot.store.jobs)."""

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)

    @property
    def multi_workspace(self) -> bool:
        """SLACK_CLIENT_ID and SLACK_CLIENT_SECRET without SLACK_BOT_TOKEN: installed per workspace
        through OAuth, each workspace answered with its own token (../shared/contract.md)."""
        return bool(self.client_id and self.client_secret and not self.bot_token)

    def __repr__(self) -> str:  # never print a secret, even by accident
        return (
            f"Settings(socket_mode={self.socket_mode}, multi_workspace={self.multi_workspace}, "
            f"port={self.port}, api_url={self.api_url!r}, "
            f"database_url={redact_url(self.database_url)!r}, knowledge_dir={self.knowledge_dir!r})"
        )

    __str__ = __repr__

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Read the contract's variables; raise ConfigError on a malformed value."""
        env = dict(os.environ if env is None else env)
        port_text = env.get("PORT", "").strip() or "3000"
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise ConfigError(f"PORT must be a number from 1 to 65535, got {port_text[:20]!r}")
        api_url = env.get("SLACK_API_URL", "").strip() or DEFAULT_API_URL
        if not api_url.startswith(("http://", "https://")):
            raise ConfigError("SLACK_API_URL must start with http:// or https://")
        if not api_url.endswith("/"):
            api_url += "/"  # urljoin drops the last path segment without it
        knowledge = env.get("AITL_KNOWLEDGE_DIR", "").strip()
        hooks = env.get("AITL_RESPONSE_URL_PREFIX", "").strip() or DEFAULT_RESPONSE_URL_PREFIX
        if not hooks.startswith(("http://", "https://")) or not hooks.endswith("/") or hooks.count("/") < 3:
            raise ConfigError(
                "AITL_RESPONSE_URL_PREFIX must be a URL ending in /, like https://hooks.slack.com/"
            )
        read_seconds = _seconds(env, "AITL_REQUEST_READ_SECONDS", "10", 0.5, 300)
        lease_seconds = _seconds(env, "AITL_JOB_LEASE_SECONDS", "30", 1, 600)
        return cls(
            bot_token=env.get("SLACK_BOT_TOKEN", "").strip(),
            signing_secret=env.get("SLACK_SIGNING_SECRET", "").strip(),
            app_token=env.get("SLACK_APP_TOKEN", "").strip(),
            port=int(port_text),
            api_url=api_url,
            database_url=env.get("AITL_DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL,
            knowledge_dir=Path(knowledge) if knowledge else None,
            response_url_prefix=hooks,
            request_read_seconds=read_seconds,
            client_id=env.get("SLACK_CLIENT_ID", "").strip(),
            client_secret=env.get("SLACK_CLIENT_SECRET", "").strip(),
            install_redirect_url=env.get("AITL_INSTALL_REDIRECT_URL", "").strip(),
            job_lease_seconds=lease_seconds,
        )

    def require_slack(self) -> Settings:
        """Check what `aitl serve` needs: a bot token (or, for many workspaces, an OAuth client id
        and secret), and a signing secret or an app token."""
        if self.multi_workspace:
            if self.socket_mode:
                raise ConfigError(
                    "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (many workspaces) need HTTP mode: "
                    "unset SLACK_APP_TOKEN"
                )
            if not self.signing_secret:
                raise ConfigError("SLACK_SIGNING_SECRET is not set (required in HTTP mode)")
            if self.install_redirect_url and not self.install_redirect_url.startswith(
                ("https://", "http://")
            ):
                raise ConfigError(
                    "AITL_INSTALL_REDIRECT_URL must be a URL (https://.../slack/oauth_redirect)"
                )
            return self
        if not self.bot_token:
            raise ConfigError("SLACK_BOT_TOKEN is not set (expected a bot token starting with xoxb-)")
        if not _BOT_TOKEN.match(self.bot_token):
            raise ConfigError("SLACK_BOT_TOKEN is malformed (expected a bot token starting with xoxb-)")
        if self.socket_mode:
            if not _APP_TOKEN.match(self.app_token):
                raise ConfigError(
                    "SLACK_APP_TOKEN is malformed (expected an app-level token starting with xapp-)"
                )
        elif not self.signing_secret:
            raise ConfigError(
                "SLACK_SIGNING_SECRET is not set (required in HTTP mode; set SLACK_APP_TOKEN for Socket Mode)"
            )
        return self


def redact_url(url: str) -> str:
    """Hide a password in a database URL (postgresql://user:secret@host/db)."""
    return re.sub(r"(://[^:/@]+:)[^@]+@", r"\1***@", url)


def _seconds(env: dict[str, str], name: str, default: str, low: float, high: float) -> float:
    """A duration setting in seconds, `low` to `high`; ConfigError (one line) otherwise."""
    text = env.get(name, "").strip() or default
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not low <= value <= high:
        raise ConfigError(f"{name} must be {low:g} to {high:g} seconds, got {text[:20]!r}")
    return value
