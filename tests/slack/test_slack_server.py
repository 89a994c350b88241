"""`aitl serve` as a process: configuration errors, /healthz, restarts, SIGTERM, Socket Mode wiring."""

from __future__ import annotations

import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import AITL, BOT_TOKEN, SECRET, Served, serve_env
from fakes.net import free_port
from fakes.signing import SlackSender, event_envelope, mention_event
from fakes.slack_api import BOT_USER_ID, FakeSlackAPI

from bot.config import ConfigError, Settings


def _serve_fails(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([AITL, "serve"], env=env, capture_output=True, text=True, timeout=20)


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        ({"SLACK_BOT_TOKEN": ""}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxp-user-token"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_SIGNING_SECRET": ""}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_APP_TOKEN": "not-an-app-token"}, "SLACK_APP_TOKEN"),
        ({"PORT": "http"}, "PORT"),
        ({"SLACK_API_URL": "ftp://example"}, "SLACK_API_URL"),
        ({"AITL_KNOWLEDGE_DIR": "/nonexistent/knowledge"}, "AITL_KNOWLEDGE_DIR"),
        (
            {
                "SLACK_BOT_TOKEN": "",
                "SLACK_CLIENT_ID": "1.2",
                "SLACK_CLIENT_SECRET": "s",
                "SLACK_APP_TOKEN": "xapp-1",
            },
            "SLACK_APP_TOKEN",
        ),
    ],
)
def test_bad_configuration_exits_2_with_one_line(
    fake: FakeSlackAPI, tmp_path: Path, change: dict[str, str], needle: str
) -> None:
    env = serve_env(fake, db_url=f"sqlite:///{tmp_path / 'a.db'}", port=free_port())
    env.update(change)
    result = _serve_fails(env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0]
    assert BOT_TOKEN not in result.stderr and SECRET not in result.stderr


@pytest.mark.parametrize(
    ("url", "needle"),
    [
        ("nonsense://nowhere", "NoSuchModuleError"),
        ("postgresql://aitl:s3cret-pw@127.0.0.1:{port}/aitl", "Connection refused"),
        ("postgresql+psycopg2://aitl:s3cret-pw@127.0.0.1/aitl", "postgresql+psycopg://"),
        ("sqlite:////nonexistent/folder/aitl.db", "unable to open database file"),
    ],
)
def test_an_unusable_database_url_exits_2_with_one_line_and_no_password(
    fake: FakeSlackAPI, url: str, needle: str
) -> None:
    url = url.format(port=free_port())
    result = _serve_fails(serve_env(fake, db_url=url, port=free_port()))
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("aitl serve: AITL_DATABASE_URL") and needle in line
    assert "s3cret-pw" not in result.stderr + result.stdout


def test_a_token_auth_test_refuses_exits_2(fake: FakeSlackAPI, tmp_path: Path) -> None:
    fake.auth_ok = False
    try:
        result = _serve_fails(serve_env(fake, db_url=f"sqlite:///{tmp_path / 'a.db'}", port=free_port()))
    finally:
        fake.auth_ok = True
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "aitl serve: SLACK_BOT_TOKEN was refused by auth.test (invalid_auth)"
    ]


def test_an_unreachable_web_api_exits_2(fake: FakeSlackAPI, tmp_path: Path) -> None:
    env = serve_env(fake, db_url=f"sqlite:///{tmp_path / 'a.db'}", port=free_port())
    env["SLACK_API_URL"] = f"http://127.0.0.1:{free_port()}/api"
    result = _serve_fails(env)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


def test_socket_mode_with_a_refused_app_token_exits_2(fake: FakeSlackAPI, tmp_path: Path) -> None:
    env = serve_env(
        fake, db_url=f"sqlite:///{tmp_path / 'a.db'}", port=free_port(), SLACK_APP_TOKEN="xapp-1-A1-2-bad"
    )
    env.pop("SLACK_SIGNING_SECRET")
    result = _serve_fails(env)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["aitl serve: SLACK_APP_TOKEN was refused (invalid_auth)"]
    assert any(c.method == "apps.connections.open" for c in fake.calls)


def test_healthz_and_unknown_paths(served: Served) -> None:
    assert served.slack.get("/healthz") == (200, '{"ok":true}')
    assert served.slack.get("/nope")[0] == 404
    assert served.slack.get("/slack/events")[0] == 405


@pytest.mark.slow
def test_restart_with_the_same_database_does_not_answer_an_event_again(
    fake: FakeSlackAPI, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'restart.db'}"
    envelope = event_envelope(mention_event(f"<@{BOT_USER_ID}> what do they do?"))
    first = Served(fake, db_url=db, log_path=tmp_path / "first.log")
    try:
        fake.reset()
        first.slack.envelope(envelope)
        fake.wait_for("chat.postMessage")
    finally:
        assert first.stop() == 0
    second = Served(fake, db_url=db, log_path=tmp_path / "second.log")
    try:
        fake.reset()
        assert second.slack.envelope(envelope, retry_num=1)[0] == 200
        fake.wait_quiet(0.5)
        assert fake.calls_to("chat.postMessage") == []
    finally:
        assert second.stop() == 0


@pytest.mark.slow
def test_two_replicas_on_one_database_answer_an_event_retried_to_the_other_once(
    fake: FakeSlackAPI, tmp_path: Path, db_url: str
) -> None:
    """Slack retries to whichever replica its load balancer picks; the shared store decides."""
    one = Served(fake, db_url=db_url, log_path=tmp_path / "one.log")
    two = Served(fake, db_url=db_url, log_path=tmp_path / "two.log")
    try:
        fake.reset()
        envelope = event_envelope(mention_event(f"<@{BOT_USER_ID}> what skills matter?"))
        assert one.slack.envelope(envelope)[0] == 200
        assert two.slack.envelope(envelope, retry_num=1)[0] == 200
        assert one.slack.envelope(envelope, retry_num=2)[0] == 200
        fake.wait_for("chat.postMessage")
        fake.wait_quiet(0.5)
        assert len(fake.calls_to("chat.postMessage")) == 1
    finally:
        assert one.stop() == 0, one.log
        assert two.stop() == 0, two.log


@pytest.mark.slow
def test_start_up_calls_auth_test_once_and_the_first_answer_needs_no_other(
    fake: FakeSlackAPI, tmp_path: Path
) -> None:
    """`aitl serve` checks the token with auth.test before it listens; the Slack app reuses that
    answer instead of asking again (Bolt's own check), also for its first request."""
    fake.reset()
    server = Served(fake, db_url=f"sqlite:///{tmp_path / 'once.db'}", log_path=tmp_path / "once.log")
    try:
        server.slack.event(mention_event(f"<@{BOT_USER_ID}> what does an AI tech lead do?"))
        (post,) = fake.wait_for("chat.postMessage")
        assert post.body["text"]
        fake.wait_quiet(0.3)
        assert len(fake.calls_to("auth.test")) == 1, [c.method for c in fake.calls]
    finally:
        assert server.stop() == 0, server.log


def test_a_reused_auth_test_authorizes_as_bolts_own_check_would() -> None:
    """The start-up answer reaches Bolt through its public `authorize=`: the bot's ids (Bolt
    ignores the bot's own events by them), its token and scopes, and the requesting user."""
    from bot.slack.app import _authorized_by
    from bot.slack.preflight import AuthTest

    answer = {"ok": True, "team_id": "T0AITL", "user_id": BOT_USER_ID, "bot_id": "B0AITL"}
    authorize = _authorized_by(
        AuthTest(data=answer, headers={"X-OAuth-Scopes": "chat:write,commands"}), token=BOT_TOKEN
    )
    result = authorize(user_id="U0ASKER")
    assert (result.team_id, result.bot_id, result.bot_user_id) == ("T0AITL", "B0AITL", BOT_USER_ID)
    assert (result.bot_token, result.user_id, result.user_token) == (BOT_TOKEN, "U0ASKER", None)
    assert result.bot_scopes == ["chat:write", "commands"]


@pytest.mark.slow
def test_sigterm_finishes_requests_in_flight_and_exits_0(fake: FakeSlackAPI, tmp_path: Path) -> None:
    server = Served(fake, db_url=f"sqlite:///{tmp_path / 'term.db'}", log_path=tmp_path / "term.log")
    fake.reset()
    fake.delay_seconds = 1.0  # the reply is still being sent when SIGTERM arrives
    try:
        server.slack.event(mention_event(f"<@{BOT_USER_ID}> trends?"))
        time.sleep(0.2)
        assert server.stop() == 0
        assert len(fake.calls_to("chat.postMessage")) == 1
    finally:
        fake.delay_seconds = 0.0
    log = server.log
    assert BOT_TOKEN not in log and SECRET not in log


@pytest.mark.slow  # 2 s or more on a 2-core AVX2 machine (2026-12-07)
def test_concurrent_commands_are_all_acked_and_answered_once(served: Served, fake: FakeSlackAPI) -> None:
    fake.reset()
    statuses: list[int] = []

    def burst(n: int) -> None:
        sender = SlackSender(f"http://127.0.0.1:{served.port}", secret=SECRET)
        for i in range(10):
            statuses.append(sender.command(f"salary {i}", response_url=fake.response_url(f"r{n}-{i}"))[0])
        sender.close()

    threads = [threading.Thread(target=burst, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 200
    replies = fake.wait_for("response_url", count=200, timeout=20)
    fake.wait_quiet(0.3)
    assert len({r.path for r in replies}) == 200 and len(fake.calls_to("response_url")) == 200


def test_a_job_lease_outside_1_to_600_seconds_is_refused_with_its_reason() -> None:
    assert Settings.from_env({}).job_lease_seconds == 30
    assert Settings.from_env({"AITL_JOB_LEASE_SECONDS": "5"}).job_lease_seconds == 5
    for bad in ("0", "601", "soon"):
        with pytest.raises(ConfigError, match="AITL_JOB_LEASE_SECONDS must be 1 to 600 seconds"):
            Settings.from_env({"AITL_JOB_LEASE_SECONDS": bad})


# ------------------------------------------------------------------------------------- Socket Mode
def test_app_token_selects_socket_mode_and_needs_no_signing_secret() -> None:
    settings = Settings.from_env({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": "xapp-1-A1-2-abc"})
    assert settings.socket_mode and settings.require_slack() is settings
    assert not Settings.from_env({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SECRET}).socket_mode


def test_socket_mode_handler_wraps_the_app_and_health_is_503_until_connected(
    fake: FakeSlackAPI, shipped_engine
) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.slack.app import build_app
    from bot.slack.socket_mode import health_server, socket_handler

    class NoStore:
        def first_seen(self, key: str, *, ttl_seconds: int = 900) -> bool:
            return True

    settings = Settings.from_env(
        {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": "xapp-1-A1-2-abc", "SLACK_API_URL": fake.api_url}
    )
    app = build_app(settings, shipped_engine, NoStore())
    handler = socket_handler(app, app_token=settings.app_token)
    assert isinstance(handler, SocketModeHandler) and handler.app is app
    assert handler.client.web_client.base_url == fake.api_url
    port = free_port()
    health = health_server(port=port, healthy=lambda: bool(handler.client.is_connected()))
    try:
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
        assert refused.value.code == 503
    finally:
        health.shutdown()
        handler.client.close()


def test_build_app_reuses_a_fresh_auth_test_answer_only(fake: FakeSlackAPI, shipped_engine) -> None:
    """An app built right after the start-up check asks nothing; one built much later checks the
    token itself, so a token revoked meanwhile is still caught."""
    import time as clock

    from bot.slack.app import build_app
    from bot.slack.preflight import AuthTest

    settings = Settings.from_env(
        {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": fake.api_url}
    )
    engine = shipped_engine
    answer = {"ok": True, "team_id": "T0AITL", "user_id": BOT_USER_ID, "bot_id": "B0AITL"}
    fake.reset()
    app = build_app(settings, engine, None, auth_test=AuthTest(data=answer, checked_at=clock.time()))
    assert fake.calls_to("auth.test") == []
    assert app.client.token == BOT_TOKEN  # recovery and the tips scheduler post with app.client
    build_app(settings, engine, None, auth_test=AuthTest(data=answer, checked_at=clock.time() - 3600))
    assert len(fake.calls_to("auth.test")) == 1
