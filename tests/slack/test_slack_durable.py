"""Acknowledged means durable: what Slack got a 200 for is answered, once, even across kill -9.

Each test runs on a SQLite file and on PostgreSQL (`db_url`, tests/conftest.py).
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import SECRET, Served
from fakes.signing import SlackSender, block_action_payload, command_form
from fakes.slack_api import BOT_USER_ID, FakeSlackAPI

from bot.store import Store

LEASE = "2"
"""AITL_JOB_LEASE_SECONDS for the processes these tests kill: a dead process's claims expire in
2 s instead of 30, so another process answers its jobs without the test waiting half a minute."""


def _answers_per_path(fake: FakeSlackAPI) -> Counter[str]:
    return Counter(call.path.rsplit("/", 1)[-1] for call in fake.calls_to("response_url"))


@pytest.mark.slow
def test_kill_9_mid_burst_then_restart_answers_every_acknowledged_command_once(
    fake: FakeSlackAPI, tmp_path: Path, db_url: str
) -> None:
    db = db_url
    first = Served(fake, db_url=db, log_path=tmp_path / "first.log", AITL_JOB_LEASE_SECONDS=LEASE)
    fake.reset()
    acked: set[str] = set()
    lock = threading.Lock()
    stop = threading.Event()

    def burst(n: int) -> None:
        sender = SlackSender(f"http://127.0.0.1:{first.port}", secret=SECRET, timeout=5)
        for i in range(300):
            if stop.is_set():
                break
            name = f"k{n}-{i}"
            try:
                status, _ = sender.command("salary senior sf", response_url=fake.response_url(name))
            except OSError:
                break
            if status == 200:
                with lock:
                    acked.add(name)
        sender.close()

    threads = [threading.Thread(target=burst, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 30
    while len(acked) < 150 and time.monotonic() < deadline:
        time.sleep(0.01)
    first.proc.kill()  # SIGKILL: no shutdown, no draining
    first.proc.wait()
    stop.set()
    for thread in threads:
        thread.join()
    first.stop()
    assert len(acked) >= 150, first.log
    answered_before = set(_answers_per_path(fake))

    second = Served(fake, db_url=db, log_path=tmp_path / "second.log", AITL_JOB_LEASE_SECONDS=LEASE)
    try:
        deadline = time.monotonic() + 60
        while not acked <= set(_answers_per_path(fake)) and time.monotonic() < deadline:
            time.sleep(0.1)
        fake.wait_quiet(0.5)
        counts = _answers_per_path(fake)
        missing = acked - set(counts)
        assert not missing, f"{len(missing)} acknowledged commands never answered; log:\n{second.log[-2000:]}"
        assert {name: n for name, n in counts.items() if n > 1} == {}
        # (a command whose job was committed just before the kill, its 200 lost, is answered too: once)
        assert acked - answered_before, "the kill came after every answer: nothing was left to recover"
        # the first process's claims were answered once their lease ran out (at start, or a moment later)
        assert "acknowledged job(s)" in second.log, second.log[-2000:]
    finally:
        assert second.stop() == 0, second.log
    assert Store(db).pending_jobs() == []


@pytest.mark.slow
def test_pending_jobs_at_start_are_answered_once_and_old_ones_expire(
    fake: FakeSlackAPI, tmp_path: Path, db_url: str
) -> None:
    db = db_url
    store = Store(db)
    now = time.time()
    form = dict(
        (k, v)
        for k, v in (pair.split("=", 1) for pair in command_form("trends", response_url="x").split("&"))
        if k in {"team_id", "channel_id", "user_id", "command"}
    )
    body = {**form, "command": "/aitl", "text": "trends", "response_url": fake.response_url("pending")}
    store.add_job(
        key="command:t1",
        kind="command",
        text="trends",
        response_url=body["response_url"],
        payload={"body": body},
        now=now - 60,
    )
    old = {**body, "response_url": fake.response_url("too-old")}
    store.add_job(
        key="command:t2",
        kind="command",
        text="trends",
        response_url=old["response_url"],
        payload={"body": old},
        now=now - 31 * 60,
    )
    event = {
        "type": "app_mention",
        "channel": "C0GENERAL",
        "user": "U0ALICE",
        "ts": "1700000000.000100",
        "text": f"<@{BOT_USER_ID}> what does an AI tech lead do?",
    }
    store.add_job(
        key="message:C0GENERAL:1700000000.000100",
        kind="message",
        channel_id="C0GENERAL",
        payload={"event": event, "bot_user_id": BOT_USER_ID},
        now=now - 60,
    )
    click = block_action_payload(
        action_id="aitl_share",
        value=json.dumps({"i": "market", "c": 0.9, "q": "is there demand?"}),
        response_url=fake.response_url("shared"),
    )
    store.add_job(
        key="action:t3",
        kind="action",
        response_url=click["response_url"],
        payload={"action": "share", "body": click},
        now=now - 60,
    )
    store.close()
    fake.reset()
    server = Served(fake, db_url=db, log_path=tmp_path / "serve.log")
    try:
        replies = fake.wait_for("response_url", count=2)
        (post,) = fake.wait_for("chat.postMessage")
        fake.wait_quiet(0.5)
        by_path = {reply.path.rsplit("/", 1)[-1]: reply for reply in replies}
        assert set(by_path) == {"pending", "shared"}
        assert "Industry Trends" in json_text(by_path["pending"])
        assert by_path["shared"].body["response_type"] == "in_channel"
        assert post.body.get("thread_ts") == "1700000000.000100"
        assert len(fake.replies()) == 3
        assert "too old now" in server.log
    finally:
        assert server.stop() == 0, server.log
    assert Store(db).job_states() == {"done": 3, "expired": 1}


def _pending_commands(db_url: str, fake: FakeSlackAPI, names: list[str], **claim: object) -> None:
    """One pending `/aitl trends` job per name, answered at fake.response_url(name)."""
    store = Store(db_url)
    form = dict(
        (k, v)
        for k, v in (pair.split("=", 1) for pair in command_form("trends", response_url="x").split("&"))
        if k in {"team_id", "channel_id", "user_id", "command"}
    )
    for name in names:
        body = {**form, "command": "/aitl", "text": "trends", "response_url": fake.response_url(name)}
        store.add_job(
            key=f"command:{name}",
            kind="command",
            text="trends",
            response_url=body["response_url"],
            payload={"body": body},
            **claim,  # type: ignore[arg-type]
        )
    store.close()


@pytest.mark.slow
def test_replicas_starting_together_answer_each_pending_job_once(
    fake: FakeSlackAPI, tmp_path: Path, db_url: str
) -> None:
    """Jobs a stopped process acknowledged (unclaimed, or its lease long gone): two replicas start
    at the same moment on the database, both look for them, each job is answered by one."""
    names = [f"left-{i}" for i in range(40)]
    _pending_commands(db_url, fake, names[:20])
    _pending_commands(db_url, fake, names[20:], owner="dead-host:1:0", lease_seconds=-60)
    fake.reset()
    servers: list[Served] = []
    starts = [
        threading.Thread(
            target=lambda n=n: servers.append(Served(fake, db_url=db_url, log_path=tmp_path / f"{n}.log"))
        )
        for n in ("one", "two")
    ]
    for thread in starts:
        thread.start()
    for thread in starts:
        thread.join()
    try:
        assert len(servers) == 2
        fake.wait_for("response_url", count=len(names), timeout=60)
        fake.wait_quiet(0.5)
        counts = _answers_per_path(fake)
        assert set(counts) == set(names)
        assert {name: n for name, n in counts.items() if n > 1} == {}
    finally:
        for server in servers:
            assert server.stop() == 0, server.log
    assert Store(db_url).job_states() == {"done": len(names)}


@pytest.mark.slow
def test_a_job_another_live_replica_holds_is_left_to_it(
    fake: FakeSlackAPI, tmp_path: Path, db_url: str
) -> None:
    """A replica running next to another that holds a job (its lease renewed) does not answer
    that job too; once the holder stops renewing and the lease runs out, it does, once."""
    from sqlalchemy import update

    from bot.store import schema

    _pending_commands(db_url, fake, ["held"], owner="live-host:1:0", lease_seconds=600)
    fake.reset()
    server = Served(fake, db_url=db_url, log_path=tmp_path / "serve.log", AITL_JOB_LEASE_SECONDS="1")
    try:
        fake.wait_quiet(2.0)  # its start-up look and several heartbeats (every 1/3 s) went by
        assert fake.calls_to("response_url") == []
        store = Store(db_url)
        with store.engine.begin() as conn:  # the holder died: its lease is no longer renewed
            conn.execute(update(schema.jobs).values(lease_until=time.time() - 1))
        store.close()
        (answer,) = fake.wait_for("response_url", timeout=10)
        assert answer.path.endswith("/held")
        fake.wait_quiet(0.5)
        assert len(fake.calls_to("response_url")) == 1
    finally:
        assert server.stop() == 0, server.log


@pytest.mark.slow
def test_a_replica_killed_mid_burst_has_its_jobs_answered_by_the_other_without_a_restart(
    fake: FakeSlackAPI, tmp_path: Path, db_url: str
) -> None:
    one = Served(fake, db_url=db_url, log_path=tmp_path / "one.log", AITL_JOB_LEASE_SECONDS=LEASE)
    two = Served(fake, db_url=db_url, log_path=tmp_path / "two.log", AITL_JOB_LEASE_SECONDS=LEASE)
    fake.reset()
    fake.delay_seconds = 1.0  # answers are slow: acknowledged work piles up in the first replica
    acked: list[str] = []
    try:
        sender = SlackSender(f"http://127.0.0.1:{one.port}", secret=SECRET, timeout=5)
        for i in range(30):
            name = f"burst-{i}"
            status, _ = sender.command("salary senior sf", response_url=fake.response_url(name))
            if status == 200:
                acked.append(name)
        sender.close()
        one.proc.kill()  # SIGKILL: its queued answers and its claims are left behind
        one.proc.wait()
        answered_before = set(_answers_per_path(fake))
        fake.delay_seconds = 0.0
        assert len(acked) == 30 and set(acked) - answered_before, "nothing was left to answer"
        deadline = time.monotonic() + 30
        while not set(acked) <= set(_answers_per_path(fake)) and time.monotonic() < deadline:
            time.sleep(0.1)
        fake.wait_quiet(0.5)
        counts = _answers_per_path(fake)
        assert set(acked) - set(counts) == set(), two.log[-2000:]
        assert "acknowledged job(s) of a stopped process queued" in two.log, two.log[-2000:]
    finally:
        fake.delay_seconds = 0.0
        one.stop()
        assert two.stop() == 0, two.log
    assert Store(db_url).pending_jobs() == []


def json_text(call: object) -> str:
    return json.dumps(getattr(call, "body", {}))
