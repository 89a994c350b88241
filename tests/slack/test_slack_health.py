"""Health that means health: /healthz fails while the store cannot be read or written, and comes
back when the store does; a deleted SQLite file is reported, never replaced by an empty one."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import Served
from fakes.slack_api import FakeSlackAPI

from bot.store import Store


def _wait_health(server: Served, status: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    seen = None
    while time.monotonic() < deadline:
        seen = server.slack.get("/healthz")[0]
        if seen == status:
            return
        time.sleep(0.1)
    raise AssertionError(f"/healthz stayed {seen}, expected {status}:\n{server.log[-2000:]}")


@pytest.mark.slow
def test_a_deleted_database_is_reported_not_recreated_and_used_again_once_back(
    fake: FakeSlackAPI, tmp_path: Path
) -> None:
    db = tmp_path / "health.db"
    aside = tmp_path / "aside"
    aside.mkdir()
    server = Served(fake, db_url=f"sqlite:///{db}", log_path=tmp_path / "serve.log")
    try:
        _wait_health(server, 200)
        moved = [path for path in tmp_path.glob("health.db*")]
        for path in moved:  # the operator (or a cleanup job) removes the files
            path.rename(aside / path.name)
        _wait_health(server, 503)
        fake.reset()
        status, _ = server.slack.command("salary", response_url=fake.response_url("while-gone"))
        assert status == 200  # still answered, not durably
        fake.wait_for("response_url")
        assert not db.exists(), "an empty database was created in place of the deleted one"
        assert "is missing" in server.log and "without a durable record" in server.log
        for path in moved:  # put back
            (aside / path.name).rename(path)
        _wait_health(server, 200)
        server.slack.command("trends", response_url=fake.response_url("back"))
        fake.wait_for("response_url", count=2)
    finally:
        assert server.stop() == 0, server.log
    assert Store(f"sqlite:///{db}").job_states().get("done") == 1  # the job made once it was back


def test_a_foreign_file_in_place_of_the_database_is_not_used(tmp_path: Path) -> None:
    path = tmp_path / "aitl.db"
    store = Store(f"sqlite:///{path}")
    assert store.check() is None
    path.unlink()
    for extra in tmp_path.glob("aitl.db-*"):
        extra.unlink()
    assert "missing" in (store.check() or "")
    assert not path.exists()
    import sqlite3

    sqlite3.connect(path).close()  # something else creates an empty file there
    assert "without aitl's tables" in (store.check() or "")
