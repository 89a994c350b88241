"""`aitl serve`: check the configuration, then serve Slack over HTTP (waitress) or Socket Mode.

Socket Mode when SLACK_APP_TOKEN is set, else HTTP on $PORT (../shared/contract.md). Missing or
malformed tokens, a missing signing secret, a token auth.test refuses, or a database URL that
cannot be used: one line on stderr, exit 2, before anything listens.
"""

from __future__ import annotations

import sys

from bot.config import ConfigError, Settings
from bot.slack import logs, preflight


def serve(settings: Settings) -> int:
    """Run the Slack app until SIGTERM; return the process exit code (0, or 2 on bad configuration)."""
    try:
        auth_test = preflight.check(settings)
        preflight.check_database(settings)
    except ConfigError as error:
        print(f"aitl serve: {error}", file=sys.stderr)
        return 2
    logs.configure()
    if settings.socket_mode:
        from bot.slack.socket_mode import run_socket_mode

        return run_socket_mode(settings, auth_test=auth_test)
    from bot.slack.http_server import run_http

    return run_http(settings, auth_test=auth_test)
