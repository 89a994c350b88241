"""The Web API client for posting tips: the Slack adapter's client, with more patience for 429s.

A tip is not waiting for anyone, so the runner lets slack-sdk's RateLimitErrorRetryHandler honour
`Retry-After` up to five times (https://docs.slack.dev/apis/web-api/rate-limits) before the claim
is released for the next run.
"""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.webapi.client import web_client

RATE_LIMIT_RETRIES = 5


def build_client(*, token: str, base_url: str) -> WebClient:
    client = web_client(token=token, base_url=base_url)
    client.retry_handlers = [
        ConnectionErrorRetryHandler(max_retry_count=2),
        RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        ServerErrorRetryHandler(max_retry_count=2),
    ]
    return client
