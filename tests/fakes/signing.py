"""Play Slack's side of HTTP mode: build payloads exactly as Slack sends them, sign and POST them.

Signing follows https://docs.slack.dev/authentication/verifying-requests-from-slack
(`v0=` + HMAC-SHA256 of `v0:{timestamp}:{raw body}`); payload shapes follow
https://docs.slack.dev/interactivity/implementing-slash-commands (form fields),
https://docs.slack.dev/apis/events-api (event_callback JSON) and
https://docs.slack.dev/interactivity/handling-user-interaction (`payload=` form field).

    slack = SlackSender("http://127.0.0.1:3000", secret="s3cret")
    status, body = slack.command("salary senior sf", response_url=fake.response_url())
    status, body = slack.event(mention_event("<@UAITLBOT> what do they do?"))
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import itertools
import json
import threading
import time
import uuid
from typing import Any
from urllib.parse import urlencode, urlsplit

from fakes.slack_api import BOT_USER_ID, TEAM_ID

APP_ID = "A0AITL"
USER_ID = "U0ALICE"
CHANNEL_ID = "C0GENERAL"
DM_CHANNEL_ID = "D0ALICE"

_ts = itertools.count(1)


def signature(secret: str, timestamp: str, body: str | bytes) -> str:
    """Slack's v0 request signature of one raw body."""
    raw = body.encode("utf-8") if isinstance(body, str) else body
    base = b"v0:" + timestamp.encode() + b":" + raw
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signed_headers(secret: str, body: str | bytes, *, timestamp: int | None = None) -> dict[str, str]:
    """The two headers Slack adds to every request."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature(secret, ts, body)}


def next_ts() -> str:
    """A fresh message timestamp (`1700000000.000123`)."""
    return f"{int(time.time())}.{next(_ts):06d}"


# ---------------------------------------------------------------------------- payload builders
def command_form(
    text: str,
    *,
    response_url: str,
    command: str = "/aitl",
    user_id: str = USER_ID,
    channel_id: str = CHANNEL_ID,
    channel_name: str = "general",
    team_id: str = TEAM_ID,
) -> str:
    """A slash command invocation with every documented field, form-encoded."""
    return urlencode(
        {
            "token": "deprecated-verification-token",
            "team_id": team_id,
            "team_domain": "aitl-test",
            "enterprise_id": "",
            "enterprise_name": "",
            "channel_id": channel_id,
            "channel_name": channel_name,
            "user_id": user_id,
            "user_name": "alice",
            "command": command,
            "text": text,
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": f"{int(time.time())}.{uuid.uuid4().int % 10**12}.abcdef",
        }
    )


def event_envelope(
    event: dict[str, Any], *, event_id: str | None = None, team_id: str = TEAM_ID
) -> dict[str, Any]:
    """An Events API `event_callback` around one event."""
    return {
        "token": "deprecated-verification-token",
        "team_id": team_id,
        "context_team_id": team_id,
        "context_enterprise_id": None,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}",
        "event_time": int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team_id,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-{uuid.uuid4().hex}",
    }


def mention_event(
    text: str,
    *,
    channel: str = CHANNEL_ID,
    user: str = USER_ID,
    ts: str | None = None,
    thread_ts: str | None = None,
) -> dict[str, Any]:
    """An `app_mention` event (text carries `<@BOT>` as Slack encodes it)."""
    event = _user_event("app_mention", text, channel=channel, user=user, ts=ts)
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def message_event(
    text: str,
    *,
    channel: str = DM_CHANNEL_ID,
    channel_type: str = "im",
    user: str = USER_ID,
    ts: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A `message` event (`message.im` by default); `extra` adds bot_id, subtype, thread_ts..."""
    event = _user_event("message", text, channel=channel, user=user, ts=ts)
    event["channel_type"] = channel_type
    event.update(extra)
    return event


def _user_event(kind: str, text: str, *, channel: str, user: str, ts: str | None) -> dict[str, Any]:
    """The fields a person's message carries in both `app_mention` and `message` events."""
    ts = ts or next_ts()
    return {
        "type": kind,
        "user": user,
        "text": text,
        "ts": ts,
        "client_msg_id": str(uuid.uuid4()),
        "team": TEAM_ID,
        "channel": channel,
        "event_ts": ts,
    }


def block_action_payload(
    *,
    action_id: str,
    value: str,
    response_url: str,
    channel: str = CHANNEL_ID,
    user: str = USER_ID,
    message_ts: str | None = None,
    is_ephemeral: bool = True,
) -> dict[str, Any]:
    """A `block_actions` payload for one button click in a message."""
    ts = message_ts or next_ts()
    return {
        "type": "block_actions",
        "user": {"id": user, "username": "alice", "name": "alice", "team_id": TEAM_ID},
        "api_app_id": APP_ID,
        "token": "deprecated-verification-token",
        "container": {
            "type": "message",
            "message_ts": ts,
            "channel_id": channel,
            "is_ephemeral": is_ephemeral,
        },
        "trigger_id": f"{int(time.time())}.{uuid.uuid4().int % 10**12}.abcdef",
        "team": {"id": TEAM_ID, "domain": "aitl-test"},
        "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": channel, "name": "general"},
        "state": {"values": {}},
        "response_url": response_url,
        "actions": [
            {
                "action_id": action_id,
                "block_id": "aitl_actions",
                "text": {"type": "plain_text", "text": "button", "emoji": True},
                "value": value,
                "type": "button",
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }


# ---------------------------------------------------------------------------- the sender
class SlackSender:
    """Signs and POSTs requests like Slack does; one keep-alive connection per thread."""

    def __init__(
        self, base_url: str, *, secret: str, path: str = "/slack/events", timeout: float = 10.0
    ) -> None:
        parts = urlsplit(base_url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.secret = secret
        self.path = path
        self.timeout = timeout
        self._local = threading.local()

    def _connection(self) -> http.client.HTTPConnection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def request(
        self,
        method: str,
        path: str,
        body: str = "",
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str, dict[str, str]]:
        """One HTTP request; reconnects once if the kept-alive connection was closed."""
        for attempt in (1, 2):
            conn = self._connection()
            try:
                conn.request(method, path, body=body.encode("utf-8"), headers=headers or {})
                response = conn.getresponse()
                data = response.read().decode("utf-8", "replace")
                return response.status, data, {k.lower(): v for k, v in response.getheaders()}
            except (http.client.HTTPException, ConnectionError, OSError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def post(
        self,
        body: str,
        *,
        content_type: str,
        retry_num: int | None = None,
        timestamp: int | None = None,
        secret: str | None = None,
    ) -> tuple[int, str]:
        """POST a raw body to /slack/events with Slack's headers (signature, retry headers)."""
        headers = {"Content-Type": content_type, "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)"}
        headers.update(signed_headers(secret or self.secret, body, timestamp=timestamp))
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = "http_timeout"
        status, data, _ = self.request("POST", self.path, body, headers)
        return status, data

    def command(self, text: str, *, response_url: str, **fields: Any) -> tuple[int, str]:
        return self.post(
            command_form(text, response_url=response_url, **fields),
            content_type="application/x-www-form-urlencoded",
        )

    def event(self, event: dict[str, Any], *, event_id: str | None = None, **kwargs: Any) -> tuple[int, str]:
        envelope = event_envelope(event, event_id=event_id)
        return self.post(json.dumps(envelope), content_type="application/json", **kwargs)

    def envelope(self, envelope: dict[str, Any], **kwargs: Any) -> tuple[int, str]:
        return self.post(json.dumps(envelope), content_type="application/json", **kwargs)

    def action(self, payload: dict[str, Any], **kwargs: Any) -> tuple[int, str]:
        body = urlencode({"payload": json.dumps(payload)})
        return self.post(body, content_type="application/x-www-form-urlencoded", **kwargs)

    def get(self, path: str) -> tuple[int, str]:
        status, data, _ = self.request("GET", path)
        return status, data
