"""The Web API client and the response_url sender, both with slack-sdk's retry handlers.

Slack answers HTTP 429 with `Retry-After` (https://docs.slack.dev/apis/web-api/rate-limits);
slack-sdk's handlers (https://docs.slack.dev/tools/python-slack-sdk/web#retryhandler) sleep
that long and try again, and also retry connection errors and 5xx. Bolt's own `respond()`
sends to response_url without them, so `RetryingRespond` replaces it (see middleware).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.context.respond import Respond
from slack_bolt.context.respond.internals import _build_message
from slack_sdk import WebClient
from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.webhook import WebhookClient, WebhookResponse

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10


def retry_handlers() -> list[RetryHandler]:
    """429 (honouring Retry-After), connection errors, 500/503: each retried twice at most."""
    return [
        ConnectionErrorRetryHandler(max_retry_count=2),
        RateLimitErrorRetryHandler(max_retry_count=2),
        ServerErrorRetryHandler(max_retry_count=2),
    ]


def web_client(*, token: str, base_url: str) -> WebClient:
    """The app's WebClient; `base_url` keeps its trailing `/` (urljoin drops the last segment otherwise)."""
    if not base_url.endswith("/"):
        base_url += "/"
    return WebClient(token=token, base_url=base_url, timeout=TIMEOUT_SECONDS, retry_handlers=retry_handlers())


def allowed_response_url(url: str | None, prefix: str) -> bool:
    """Only Slack's own hooks host (`https://hooks.slack.com/`, or the tests' fake) is ever called."""
    return bool(url) and bool(prefix) and str(url).startswith(prefix)


class RetryingRespond(Respond):
    """Bolt's `respond()` with the retry handlers; a refused response is logged, not raised.

    A response_url outside `allowed_prefix` is never called (a forged payload could name any URL).
    """

    def __init__(self, *, response_url: str | None, allowed_prefix: str, **kwargs: Any) -> None:
        super().__init__(response_url=response_url, **kwargs)
        self.allowed_prefix = allowed_prefix

    def __call__(self, text: str | dict = "", blocks: Any = None, **kwargs: Any) -> WebhookResponse | None:  # type: ignore[override]
        if self.response_url is None:
            raise ValueError("respond is unsupported here as there is no response_url")
        if not allowed_response_url(self.response_url, self.allowed_prefix):
            log.warning("response_url outside %s not called", self.allowed_prefix)
            return None
        if isinstance(text, dict):
            message = _build_message(**text)
        else:
            message = _build_message(text=text, blocks=blocks, **kwargs)
        client = WebhookClient(
            url=self.response_url,
            timeout=TIMEOUT_SECONDS,
            proxy=self.proxy,
            ssl=self.ssl,
            retry_handlers=retry_handlers(),
        )
        response = client.send_dict(message)
        if response.status_code != 200:
            log.warning(
                "response_url refused the reply: HTTP %s %s", response.status_code, response.body[:200]
            )
        return response
