"""The app's WebClient, with slack-sdk's retry handlers: Slack's Web API without Bolt.

Slack answers HTTP 429 with `Retry-After` (https://docs.slack.dev/apis/web-api/rate-limits);
slack-sdk's handlers (https://docs.slack.dev/tools/python-slack-sdk/web#retryhandler) sleep
that long and try again, and also retry connection errors and 5xx. Used by the Slack adapter
(bot.slack) and by the tips runner (bot.tips.client), which must not depend on the adapter.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from slack_sdk import WebClient
from slack_sdk.http_retry import HttpRequest, HttpResponse, RetryHandler, RetryState
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

TIMEOUT_SECONDS = 10


SERVER_ERRORS = frozenset({500, 502, 503, 504})

_deferring = threading.local()


class RateLimits(RateLimitErrorRetryHandler):
    """429: sleep Retry-After and try again, except on a thread inside `deferring_rate_limits()`
    (the background workers): there the 429 is raised, and the job is run again after Retry-After
    without holding a worker meanwhile (bot.slack.background), so other conversations' replies
    keep flowing."""

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if getattr(_deferring, "on", False):
            return False
        return super()._can_retry(state=state, request=request, response=response, error=error)


class ServerErrors(ServerErrorRetryHandler):
    """500, 502, 503 and 504 (slack-sdk's own handler retries only 500 and 503)."""

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return response is not None and response.status_code in SERVER_ERRORS


@contextmanager
def deferring_rate_limits() -> Iterator[None]:
    _deferring.on = True
    try:
        yield
    finally:
        _deferring.on = False


def retry_handlers() -> list[RetryHandler]:
    """The budget: a failed connection (nothing was sent), a 429 (after Retry-After) and a 5xx
    are each retried twice at most. A read timeout is not retried: Slack may have posted the
    message, and a second try could post it twice."""
    return [
        ConnectionErrorRetryHandler(max_retry_count=2),
        RateLimits(max_retry_count=2),
        ServerErrors(max_retry_count=2),
    ]


def web_client(*, token: str | None, base_url: str) -> WebClient:
    """The app's WebClient; `base_url` keeps its trailing `/` (urljoin drops the last segment otherwise)."""
    if not base_url.endswith("/"):
        base_url += "/"
    return WebClient(token=token, base_url=base_url, timeout=TIMEOUT_SECONDS, retry_handlers=retry_handlers())
