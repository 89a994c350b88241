"""The response_url sender with slack-sdk's retry handlers, and what a 429 means for a job.

The WebClient and its retry handlers are bot.webapi.client's (the tips runner uses them too,
without this adapter). Bolt's own `respond()` sends to response_url without them, so
`RetryingRespond` replaces it (see middleware).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.context.respond import Respond
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient, WebhookResponse

from bot.webapi.client import TIMEOUT_SECONDS, retry_handlers

log = logging.getLogger(__name__)


class RateLimited(Exception):
    """A 429 that is to be retried later (`retry_after` seconds), not by sleeping now."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"rate limited, retry after {retry_after:g} s")
        self.retry_after = retry_after


class ReplyRefused(Exception):
    """The response_url refused the reply (after retries): it certainly did not arrive."""

    def __init__(self, status: int) -> None:
        super().__init__(f"response_url answered HTTP {status}")
        self.status = status


def _retry_after(headers: Any) -> float:
    for name, value in dict(headers or {}).items():
        if name.lower() == "retry-after":
            value = value[0] if isinstance(value, list | tuple) else value
            try:
                return max(0.0, float(value))
            except (TypeError, ValueError):
                break
    return 1.0


def rate_limit_delay(error: BaseException) -> float | None:
    """Seconds to wait before trying again, when `error` is a 429; else None."""
    if isinstance(error, RateLimited):
        return error.retry_after
    if isinstance(error, SlackApiError) and getattr(error.response, "status_code", None) == 429:
        return _retry_after(getattr(error.response, "headers", None))
    return None


def _message(text: str = "", blocks: Any = None, **fields: Any) -> dict[str, Any]:
    """A response_url body (https://docs.slack.dev/interactivity/handling-user-interaction#message_responses):
    the text, the blocks when there are any, and the fields given (response_type, replace_original...);
    WebhookClient.send_dict drops the ones left None and turns Block objects into dicts."""
    return {"text": text, "blocks": list(blocks) if blocks else None, **fields}


def allowed_response_url(url: str | None, prefix: str) -> bool:
    """Only Slack's own hooks host (`https://hooks.slack.com/`, or the tests' fake) is ever called."""
    return bool(url) and bool(prefix) and str(url).startswith(prefix)


class RetryingRespond(Respond):
    """Bolt's `respond()` with the retry handlers; a 429 raises RateLimited (tried again later),
    another refusal ReplyRefused (the error handler logs it with the ids).

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
        message = _message(**text) if isinstance(text, dict) else _message(text=text, blocks=blocks, **kwargs)
        client = WebhookClient(
            url=self.response_url,
            timeout=TIMEOUT_SECONDS,
            proxy=self.proxy,
            ssl=self.ssl,
            retry_handlers=retry_handlers(),
        )
        response = client.send_dict(message)
        if response.status_code == 429:
            raise RateLimited(_retry_after(response.headers))
        if response.status_code != 200:
            raise ReplyRefused(response.status_code)
        return response
