"""Nothing happens before verification: a request Slack did not sign is answered 401 and the bot
posts nothing, calls no response_url and runs no listener (over the real server and real HTTP)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from conftest import SECRET, Served
from fakes.signing import command_form, signature
from fakes.slack_api import FakeSlackAPI
from slack_bolt import BoltRequest

from bot.config import Settings

FORM = "application/x-www-form-urlencoded"


def _headers(timestamp: str | None, sig: str | None) -> dict[str, str]:
    headers = {"Content-Type": FORM}
    if timestamp is not None:
        headers["X-Slack-Request-Timestamp"] = timestamp
    if sig is not None:
        headers["X-Slack-Signature"] = sig
    return headers


def _now() -> str:
    return str(int(time.time()))


def _cases(body: str) -> dict[str, dict[str, str]]:
    now = _now()
    stale = str(int(time.time()) - 301)
    return {
        "non-integer timestamp": _headers("abc", signature(SECRET, "abc", body)),
        "float timestamp": _headers(f"{now}.5", signature(SECRET, f"{now}.5", body)),
        "empty timestamp": _headers("", signature(SECRET, "", body)),
        "missing headers": _headers(None, None),
        "missing signature": _headers(now, None),
        "non-ASCII signature": _headers(now, "v0=" + "é" * 64),
        "stale timestamp": _headers(stale, signature(SECRET, stale, body)),
        "wrong signature": _headers(now, signature("not-the-secret", now, body)),
        "signature of another body": _headers(now, signature(SECRET, now, body + "&x=1")),
    }


CASES = list(_cases("x"))


@pytest.fixture
def quiet_fake(fake: FakeSlackAPI, served: Served) -> Iterator[FakeSlackAPI]:
    fake.wait_quiet(0.05)
    fake.reset()
    yield fake


@pytest.mark.parametrize("case", CASES)
def test_an_unsigned_command_gets_401_and_no_reply_of_any_kind(
    served: Served, quiet_fake: FakeSlackAPI, case: str
) -> None:
    body = command_form("salary senior sf", response_url=quiet_fake.response_url("forged"))
    status, data, _ = served.slack.request("POST", "/slack/events", body, _cases(body)[case])
    assert status == 401, data
    quiet_fake.wait_quiet(0.3)
    assert quiet_fake.calls == [], [c.method for c in quiet_fake.calls]


def test_three_hundred_forged_requests_give_no_post_and_the_bot_still_answers(
    served: Served, quiet_fake: FakeSlackAPI
) -> None:
    body = command_form("salary", response_url=quiet_fake.response_url("forged"))
    statuses = {
        served.slack.request("POST", "/slack/events", body, _headers("12.5", "v0=" + "0" * 64))[0]
        for _ in range(300)
    }
    assert statuses == {401}
    assert served.log.count("timestamp is not an integer") < 30  # one line a second, with a count
    assert served.slack.command("salary", response_url=quiet_fake.response_url("real"))[0] == 200
    (reply,) = quiet_fake.wait_for("response_url")
    quiet_fake.wait_quiet(0.3)
    assert reply.path.endswith("/real") and len(quiet_fake.calls) == 1


def test_a_signed_command_with_a_foreign_response_url_is_never_called(
    served: Served, quiet_fake: FakeSlackAPI
) -> None:
    with FakeSlackAPI() as elsewhere:
        status, _ = served.slack.command("salary", response_url=elsewhere.response_url("stolen"))
        assert status == 200
        time.sleep(0.5)
        elsewhere.wait_quiet(0.3)
        assert elsewhere.calls == []
    assert quiet_fake.replies() == []
    assert "response_url outside" in served.log


def test_rejections_are_logged_in_one_line_without_the_body(served: Served, quiet_fake: FakeSlackAPI) -> None:
    body = command_form("SECRET-QUESTION-TEXT", response_url=quiet_fake.response_url("forged"))
    time.sleep(1.0)  # the server logs one refusal of a kind a second (an earlier test's may be recent)
    served.slack.request("POST", "/slack/events", body, _headers(None, None))
    time.sleep(0.2)
    log = served.log  # since this test began
    assert "signature headers missing" in log
    assert "SECRET-QUESTION-TEXT" not in log


def test_bolt_alone_refuses_a_malformed_timestamp_without_replying(
    fake: FakeSlackAPI, shipped_engine
) -> None:
    """Defence in depth: even without the HTTP layer's check, the app's error handler does not
    reply to a request whose signature check raised (slack-sdk raises on `int("abc")`)."""
    from bot.slack.app import build_app

    class NoStore:
        def first_seen(self, key: str, *, ttl_seconds: int = 900) -> bool:
            return True

    settings = Settings.from_env(
        {
            "SLACK_BOT_TOKEN": "xoxb-1-2-abc",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": fake.api_url,
            "AITL_RESPONSE_URL_PREFIX": f"{fake.base_url}/response/",
        }
    )
    app = build_app(settings, shipped_engine, NoStore())
    fake.wait_quiet(0.05)
    fake.reset()
    body = command_form("salary", response_url=fake.response_url("forged"))
    for timestamp, sig in (("abc", "v0=" + "0" * 64), (_now(), "v0=" + "é" * 64)):
        response = app.dispatch(
            BoltRequest(
                body=body,
                headers={
                    "content-type": FORM,
                    "x-slack-request-timestamp": timestamp,
                    "x-slack-signature": sig,
                },
            )
        )
        assert response.status == 401
    fake.wait_quiet(0.3)
    assert fake.calls == []
