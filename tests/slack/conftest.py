"""Fixtures that run the real `aitl serve` (waitress, HTTP mode) against the fake Web API."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes.net import free_port
from fakes.signing import SlackSender
from fakes.slack_api import FakeSlackAPI

AITL = str(Path(sys.executable).with_name("aitl"))
BOT_TOKEN = "xoxb-1111-2222-testtoken"
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


def serve_env(fake: FakeSlackAPI, *, db_url: str, port: int, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "AITL_"))}
    env.update(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake.api_url,
        AITL_DATABASE_URL=db_url,
        PORT=str(port),
        AITL_RESPONSE_URL_PREFIX=f"{fake.base_url}/response/",
    )
    env.update(extra)
    return env


class Served:
    """One `aitl serve` process; `.slack` plays Slack, `.log` is its stderr so far (since `clear()`)."""

    def __init__(self, fake: FakeSlackAPI, *, db_url: str, log_path: Path, **extra: str) -> None:
        self.port = free_port()
        self.db_url = db_url
        self.log_path = log_path
        self._log_from = 0
        self._log = open(log_path, "ab")  # noqa: SIM115 - closed in stop()
        env = serve_env(fake, db_url=db_url, port=self.port, **extra)
        self.proc = subprocess.Popen([AITL, "serve"], env=env, stdout=self._log, stderr=subprocess.STDOUT)
        self.slack = SlackSender(f"http://127.0.0.1:{self.port}", secret=SECRET)
        try:
            self._wait_healthy()
        except BaseException:
            self.stop(timeout=5.0)  # a server that never became healthy is not left running
            raise

    def _wait_healthy(self, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"aitl serve exited with {self.proc.returncode}:\n{self.log}")
            try:
                if self.slack.get("/healthz")[0] == 200:
                    return
            except OSError:
                self.slack.close()
            time.sleep(0.05)
        raise AssertionError(f"aitl serve did not become healthy:\n{self.log}")

    @property
    def log(self) -> str:
        if not self._log.closed:
            self._log.flush()
        with open(self.log_path, "rb") as file:
            file.seek(self._log_from)
            return file.read().decode("utf-8", "replace")

    def clear(self) -> None:
        """Make the running server as a new one to the next test: every row of its database
        deleted but the schema version (conversations, de-duplication keys, jobs, votes,
        subscriptions: all kept there, not in the process), and `.log` read from here on.
        (The process's in-memory de-duplication only knows event ids and message timestamps,
        which the fakes make new for every event.)"""
        from sqlalchemy import create_engine, inspect, text
        from sqlalchemy.pool import NullPool

        from bot.store import schema

        engine = create_engine(self.db_url, poolclass=NullPool)
        try:
            with engine.begin() as conn:
                for table in inspect(conn).get_table_names():
                    if table != schema.schema_version.name:
                        conn.execute(text(f'DELETE FROM "{table}"'))
        finally:
            engine.dispose()
        self._log.flush()
        self._log_from = self.log_path.stat().st_size

    def stop(self, timeout: float = 30.0) -> int:
        self.slack.close()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self._log.close()
        return code


@pytest.fixture(scope="session")
def _slack_api() -> Iterator[FakeSlackAPI]:
    with FakeSlackAPI() as api:
        yield api


@pytest.fixture(scope="module")
def fake(_slack_api: FakeSlackAPI) -> FakeSlackAPI:
    """The fake Web API, as new to each test file: one per test worker, which the worker's
    `aitl serve` (`served`) talks to, reset at the start of each file."""
    _slack_api.wait_quiet(0.05)
    _slack_api.reset()
    return _slack_api


@pytest.fixture(scope="session")
def _serving(_slack_api: FakeSlackAPI, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One `aitl serve` per test worker, on a SQLite file, started by the first test that needs it:
    starting one (a process, the engine) costs a second or more of CPU, so the worker's test files
    share it instead of starting one each."""
    folder = tmp_path_factory.mktemp("aitl-serve")
    server = Served(_slack_api, db_url=f"sqlite:///{folder / 'aitl.db'}", log_path=folder / "serve.log")
    yield server
    assert server.stop() == 0, server.log


@pytest.fixture
def served(_serving: Served, fake: FakeSlackAPI) -> Served:
    """The worker's `aitl serve`, as a new one to each test (`Served.clear`), and a clean fake."""
    fake.wait_quiet(0.05)
    _serving.clear()
    fake.reset()
    return _serving


@pytest.fixture
def slack(served: Served, fake: FakeSlackAPI) -> Iterator[SlackSender]:
    """Plays Slack to the worker's `aitl serve` (`served`: clean for each test)."""
    yield served.slack
    assert fake.errors == [], fake.errors
