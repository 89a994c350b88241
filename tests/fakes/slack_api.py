"""A fake Slack Web API (and response_url endpoint) on a loopback port, for tests and benchmarks.

Point the app at it with `SLACK_API_URL=fake.api_url`, give payloads `response_url=fake.response_url()`.
It records every call, answers like Slack (https://docs.slack.dev/reference/methods), checks every
`blocks` payload with slack_sdk's models (tests/slack_limits.py) and can be told to fail:

    with FakeSlackAPI() as fake:
        fake.fail_next("chat.postMessage", status=429, retry_after=1)   # then succeeds
        ...
        calls = fake.wait_for("chat.postMessage", count=1)

A call whose blocks Slack would refuse is answered `invalid_blocks` and kept in `fake.errors`.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

BOT_USER_ID = "UAITLBOT"
BOT_ID = "BAITLBOT"
TEAM_ID = "T0AITL"

RESPONSE_PATH = "/response/"


@dataclass
class Call:
    """One request the fake received: `method` is the Web API method or `response_url`."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    at: float = field(default_factory=time.monotonic)

    @property
    def text(self) -> str:
        return str(self.body.get("text") or "")

    @property
    def blocks(self) -> list[dict[str, Any]]:
        blocks = self.body.get("blocks") or []
        return json.loads(blocks) if isinstance(blocks, str) else list(blocks)


@dataclass
class _Fault:
    status: int
    retry_after: int | None
    remaining: int


def main() -> None:
    """`python -m fakes.slack_api [PORT] [--no-validate]`: the fake alone (benchmarks); GET /_stats."""
    import sys

    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    fake = FakeSlackAPI(port=int(args[0]) if args else 0, validate="--no-validate" not in sys.argv)
    print(fake.api_url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        fake.close()


class FakeSlackAPI:
    """A threaded http.server speaking enough of the Web API for aitl; safe to use from many threads."""

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0, validate: bool = True) -> None:
        self.calls: list[Call] = []
        self.errors: list[str] = []
        self.validate = validate
        self.auth_ok = True
        self.socket_url: str | None = None
        self.delay_seconds = 0.0
        # OAuth (many workspaces): `code-<TEAM>` installs TEAM; tokens issued -> team id; with
        # `rotation_seconds` set, tokens expire after that many seconds and come with a refresh token.
        self.client_id = "1111.2222"
        self.client_secret = "oauth-client-secret"
        self.rotation_seconds: int | None = None
        self.tokens: dict[str, str] = {}
        # chat.postMessage messages per channel (for conversations.history); `stall[method]` seconds
        # to wait after a call is recorded and answered, before the answer is sent (a client
        # killed then has had its call received, but never saw the answer)
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.stall: dict[str, float] = {}
        self._refresh: dict[str, str] = {}
        self._faults: dict[str, _Fault] = {}
        self._lock = threading.Condition()
        self._ts = itertools.count(1)
        self._server = ThreadingHTTPServer((host, port), _handler_for(self))
        self._server.daemon_threads = True
        # serve_forever checks for shutdown() every poll_interval: its default (0.5 s) was most of the
        # time a test spent closing the fake.
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="fake-slack-api",
            daemon=True,
        )
        self._thread.start()

    # ------------------------------------------------------------------ addresses
    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        """The value for SLACK_API_URL (with its trailing slash)."""
        return f"{self.base_url}/api/"

    def response_url(self, name: str = "cmd") -> str:
        """A response_url that records what the app sends to it (as method `response_url`)."""
        return f"{self.base_url}{RESPONSE_PATH}{name}"

    # ------------------------------------------------------------------ control
    def fail_next(
        self, method: str, *, count: int = 1, status: int = 429, retry_after: int | None = 1
    ) -> None:
        """Answer the next `count` calls to `method` with `status` (429 carries Retry-After)."""
        with self._lock:
            self._faults[method] = _Fault(status, retry_after if status == 429 else None, count)

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
            self.errors.clear()
            self._faults.clear()
            self.auth_ok = True
            self.socket_url = None
            self.delay_seconds = 0.0
            self.rotation_seconds = None
            self.tokens.clear()
            self._refresh.clear()
            self.messages.clear()
            self.stall.clear()

    def reset_calls(self) -> None:
        """Forget the calls so far (and nothing else: installed tokens, rotation stay)."""
        with self._lock:
            self.calls.clear()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeSlackAPI:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ inspection
    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def replies(self) -> list[Call]:
        """Every call that shows something to a user (messages, ephemeral messages, response_url)."""
        kinds = {"chat.postMessage", "chat.postEphemeral", "chat.update", "response_url"}
        with self._lock:
            return [c for c in self.calls if c.method in kinds]

    def wait_for(self, method: str, *, count: int = 1, timeout: float = 15.0) -> list[Call]:
        """Wait until at least `count` calls to `method` arrived; raise AssertionError on timeout (long
        enough for a loaded CI machine: a call that comes returns at once)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                found = [c for c in self.calls if c.method == method]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [c.method for c in self.calls]
                    raise AssertionError(
                        f"expected {count} call(s) to {method}, got {len(found)}; calls: {seen}"
                    )
                self._lock.wait(left)

    def wait_quiet(self, seconds: float = 0.3) -> None:
        """Wait until no call arrived for `seconds` (to assert that nothing more comes)."""
        while True:
            with self._lock:
                last = self.calls[-1].at if self.calls else 0.0
            idle = time.monotonic() - last
            if idle >= seconds:
                return
            time.sleep(seconds - idle)

    def stats(self) -> dict[str, Any]:
        """Counts for benchmarks (also at GET /_stats): calls per method, errors, double replies."""
        with self._lock:
            calls = list(self.calls)
            errors = list(self.errors)
        per_method: dict[str, int] = {}
        targets: dict[str, int] = {}
        for call in calls:
            per_method[call.method] = per_method.get(call.method, 0) + 1
            if call.method == "response_url":
                key = call.path
            elif call.method == "chat.postMessage":
                where = call.body.get("thread_ts") or call.text[:40]
                key = f"{call.body.get('channel')}:{where}"
            else:
                continue
            targets[key] = targets.get(key, 0) + 1
        doubles = sum(count - 1 for count in targets.values() if count > 1)
        return {
            "calls": per_method,
            "errors": len(errors),
            "error_samples": errors[:5],
            "double_replies": doubles,
        }

    # ------------------------------------------------------------------ the server side
    def _record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)
            self._lock.notify_all()

    def _take_fault(self, method: str) -> _Fault | None:
        with self._lock:
            fault = self._faults.get(method)
            if fault is None:
                return None
            fault.remaining -= 1
            if fault.remaining <= 0:
                del self._faults[method]
            return fault

    def _check(self, call: Call) -> str | None:
        """Slack's own checks on what the app sends; returns a Slack error code or None."""
        if not self.validate:
            return None
        try:
            _check_payload(call)
        except AssertionError as error:
            message = f"{call.method}: {error}"
            with self._lock:
                self.errors.append(message)
            return "invalid_blocks"
        return None

    def _oauth_access(self, call: Call) -> dict[str, Any]:
        """oauth.v2.access (https://docs.slack.dev/reference/methods/oauth.v2.access): a code
        `code-<TEAM>` for a first install, or grant_type=refresh_token for a rotation."""
        import base64

        body = call.body
        basic = call.headers.get("authorization", "")
        if basic.startswith("Basic "):
            client_id, _, secret = base64.b64decode(basic[6:]).decode().partition(":")
        else:
            client_id, secret = str(body.get("client_id", "")), str(body.get("client_secret", ""))
        if (client_id, secret) != (self.client_id, self.client_secret):
            return {"ok": False, "error": "invalid_client_id"}
        with self._lock:
            if body.get("grant_type") == "refresh_token":
                team = self._refresh.pop(str(body.get("refresh_token", "")), None)
                if team is None:
                    return {"ok": False, "error": "invalid_refresh_token"}
                for old in [t for t, owner in self.tokens.items() if owner == team]:
                    del self.tokens[old]  # the old token stops working
            else:
                code = str(body.get("code", ""))
                if not code.startswith("code-"):
                    return {"ok": False, "error": "invalid_code"}
                team = code.removeprefix("code-")
            token = f"xoxb-oauth-{team}-{next(self._ts)}"
            self.tokens[token] = team
            answer: dict[str, Any] = {
                "ok": True,
                "app_id": "A0AITL",
                "authed_user": {"id": "U0INSTALLER"},
                "scope": "chat:write,commands",
                "token_type": "bot",
                "access_token": token,
                "bot_user_id": BOT_USER_ID,
                "team": {"id": team, "name": f"Team {team}"},
                "enterprise": None,
                "is_enterprise_install": False,
            }
            if self.rotation_seconds is not None:
                refresh = f"xoxe-1-{team}-{next(self._ts)}"
                self._refresh[refresh] = team
                answer.update(refresh_token=refresh, expires_in=self.rotation_seconds)
        return answer

    def revoke(self, team: str) -> None:
        """Slack's side of an uninstall: the workspace's tokens stop working."""
        with self._lock:
            for token in [t for t, owner in self.tokens.items() if owner == team]:
                del self.tokens[token]

    def _answer(self, call: Call) -> dict[str, Any]:
        method, body = call.method, call.body
        ts = f"{int(time.time())}.{next(self._ts):06d}"
        if method == "oauth.v2.access":
            return self._oauth_access(call)
        bearer = call.headers.get("authorization", "").removeprefix("Bearer ")
        if bearer.startswith("xoxb-oauth-") and method != "auth.test":
            with self._lock:
                if bearer not in self.tokens:
                    return {"ok": False, "error": "token_revoked"}
        if method == "auth.test":
            bearer = call.headers.get("authorization", "").removeprefix("Bearer ")
            if not self.auth_ok or not bearer.startswith("xoxb-"):
                return {"ok": False, "error": "invalid_auth"}
            with self._lock:
                team = self.tokens.get(bearer, TEAM_ID) if bearer.startswith("xoxb-oauth-") else TEAM_ID
                if bearer.startswith("xoxb-oauth-") and bearer not in self.tokens:
                    return {"ok": False, "error": "invalid_auth"}  # revoked or rotated away
            return {
                "ok": True,
                "url": "https://aitl-test.slack.com/",
                "team": "aitl test",
                "user": "aitl",
                "team_id": team,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
                "is_enterprise_install": False,
            }
        if method == "apps.connections.open":
            if self.socket_url and call.headers.get("authorization", "").startswith("Bearer xapp-"):
                return {"ok": True, "url": self.socket_url}
            return {"ok": False, "error": "invalid_auth"}
        if method == "chat.postMessage":
            message = {"type": "message", "text": body.get("text", ""), "user": BOT_USER_ID, "ts": ts}
            metadata = body.get("metadata")
            if metadata:
                message["metadata"] = json.loads(metadata) if isinstance(metadata, str) else metadata
            with self._lock:
                self.messages.setdefault(str(body.get("channel")), []).append(message)
            return {"ok": True, "channel": body.get("channel"), "ts": ts, "message": message}
        if method == "conversations.history":
            with self._lock:
                kept = list(reversed(self.messages.get(str(body.get("channel")), [])))
            if str(body.get("include_all_metadata")).lower() not in {"true", "1"}:
                kept = [{k: v for k, v in m.items() if k != "metadata"} for m in kept]
            return {"ok": True, "messages": kept, "has_more": False}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "chat.update":
            return {
                "ok": True,
                "channel": body.get("channel"),
                "ts": body.get("ts"),
                "text": body.get("text"),
            }
        if method in {"views.publish", "views.open", "views.update", "views.push"}:
            view = body.get("view")
            view = json.loads(view) if isinstance(view, str) else (view or {})
            return {"ok": True, "view": {"id": f"V{next(self._ts):08d}", **view}}
        if method == "users.info":
            user = str(body.get("user", "U0"))
            return {
                "ok": True,
                "user": {"id": user, "name": user.lower(), "tz": "Europe/Paris", "tz_offset": 3600},
            }
        if method in {"conversations.info", "conversations.join"}:
            channel = str(body.get("channel", "C0"))
            info = {"id": channel, "name": channel.lower(), "is_channel": True, "is_member": True}
            return {"ok": True, "channel": info}
        if method == "chat.scheduleMessage":
            return {
                "ok": True,
                "channel": body.get("channel"),
                "scheduled_message_id": f"Q{next(self._ts):08d}",
            }
        return {"ok": True}


def _check_payload(call: Call) -> None:
    from slack_limits import assert_no_special_mention, assert_valid_message

    body = call.body
    if call.method in {"chat.postMessage", "chat.postEphemeral", "chat.update", "response_url"}:
        if call.method == "response_url" and body.get("delete_original"):
            return
        if body.get("blocks"):
            assert_valid_message(call.text, call.blocks)
        else:
            assert call.text.strip(), "a message needs text or blocks"
            assert_no_special_mention(call.text)
    if call.method in {"views.publish", "views.open", "views.update", "views.push"}:
        from slack_sdk.models.views import View

        view = body.get("view")
        view = json.loads(view) if isinstance(view, str) else view
        assert isinstance(view, dict), "view is required"
        limit = 100
        assert len(view.get("blocks", [])) <= limit, (
            f"{len(view.get('blocks', []))} blocks in a view (max {limit})"
        )
        View(**view).to_dict()  # raises SlackObjectFormationError on a nested limit
        assert_no_special_mention(view)


def _parse_body(raw: bytes, content_type: str) -> dict[str, Any]:
    text = raw.decode("utf-8") if raw else ""
    if not text:
        return {}
    if "json" in content_type or text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
            return data if isinstance(data, dict) else {"_": data}
        except ValueError:
            pass
    return dict(parse_qsl(text, keep_blank_values=True))


def _handler_for(fake: FakeSlackAPI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            if self.path.split("?", 1)[0] == "/_stats":
                self._send(200, json.dumps(fake.stats()).encode(), "application/json")
                return
            self.do_POST()

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length)
            body = _parse_body(raw, self.headers.get("content-type", ""))
            path, _, query = self.path.partition("?")
            body = {**dict(parse_qsl(query, keep_blank_values=True)), **body}  # a GET's parameters
            if path == "/_reset":
                fake.reset()
                self._send(200, b"{}", "application/json")
                return
            if path.startswith(RESPONSE_PATH):
                method = "response_url"
            elif path.startswith("/api/"):
                method = path[len("/api/") :]
            else:
                self._send(404, b"not_found", "text/plain")
                return
            headers = {k.lower(): v for k, v in self.headers.items()}
            call = Call(method=method, path=path, headers=headers, body=body)
            if fake.delay_seconds:
                time.sleep(fake.delay_seconds)
            fault = fake._take_fault(method)
            if fault is not None:
                fake._record(Call(method=f"{method}!{fault.status}", path=path, headers=headers, body=body))
                extra = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
                error = b'{"ok":false,"error":"ratelimited"}' if fault.status == 429 else b"server error"
                self._send(fault.status, error, "application/json", extra)
                return
            error = fake._check(call)
            fake._record(call)
            if method == "response_url":
                if error:
                    self._send(400, error.encode(), "text/plain")
                else:
                    self._send(200, b"ok", "text/plain")
                return
            answer = {"ok": False, "error": error} if error else fake._answer(call)
            if fake.stall.get(method):
                time.sleep(fake.stall[method])
            self._send(200, json.dumps(answer).encode(), "application/json; charset=utf-8")

        def _send(
            self, status: int, payload: bytes, content_type: str, extra: dict[str, str] | None = None
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.end_headers()
            try:
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client is gone (a test killed it while its answer was stalled)

    return Handler


if __name__ == "__main__":
    main()
