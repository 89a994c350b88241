"""Acknowledged means durable: what Slack got a 200 for is answered, once, even across kill -9.

Each test runs on a SQLite file and on PostgreSQL (`db_url`, tests/conftest.py).
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from pathlib import Path

from conftest import SECRET, Served
from fakes.signing import SlackSender, block_action_payload, command_form
from fakes.slack_api import BOT_USER_ID, FakeSlackAPI

from bot.store import Store


def _answers_per_path(fake: FakeSlackAPI) -> Counter[str]:
    return Counter(call.path.rsplit("/", 1)[-1] for call in fake.calls_to("response_url"))


def test_kill_9_mid_burst_then_restart_answers_every_acknowledged_command_once(
    fake: FakeSlackAPI, tmp_path: Path, db_url: str
) -> None:
    db = db_url
    first = Served(fake, db_url=db, log_path=tmp_path / "first.log")
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

    second = Served(fake, db_url=db, log_path=tmp_path / "second.log")
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
        assert "acknowledged job(s) from before the restart queued" in second.log, second.log[-2000:]
    finally:
        assert second.stop() == 0, second.log
    assert Store(db).pending_jobs() == []


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


def json_text(call: object) -> str:
    return json.dumps(getattr(call, "body", {}))
