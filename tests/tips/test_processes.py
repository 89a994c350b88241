"""`aitl tips run` as real processes on one SQLite file: a second run and racing runs post once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.store import Store

from .conftest import TipsFakeSlackAPI, posts

ROOT = Path(__file__).resolve().parents[2]
EARLY = 1_735_689_600.0  # 2025-01-01: before every simulated moment


def tips_run(env: dict[str, str], *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "tips", "run", *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def environment(fake: TipsFakeSlackAPI, db_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "AITL_"))}
    env.update(SLACK_BOT_TOKEN="xoxb-test-token", SLACK_API_URL=fake.api_url, AITL_DATABASE_URL=db_url)
    return env


@pytest.mark.slow
def test_run_twice_posts_once_then_the_next_day_another_tip(db_url: str, fake: TipsFakeSlackAPI) -> None:
    Store(db_url).subscribe(channel_id="C1", hour=9, minute=0, tz="UTC", now=EARLY)
    env = environment(fake, db_url)
    outputs = []
    for now in ("2026-11-27T09:00:00Z", "2026-11-27T09:00:00Z", "2026-11-28T09:00:00Z"):
        process = tips_run(env, "--now", now)
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        outputs.append(out)
    assert "1 posted" in outputs[0] and "0 posted, 1 already done" in outputs[1] and "1 posted" in outputs[2]
    assert len(outputs[0].strip().splitlines()) == 1
    one, two = posts(fake)
    assert one.blocks[0] != two.blocks[0]


@pytest.mark.slow
def test_racing_processes_post_each_channel_once(db_url: str, fake: TipsFakeSlackAPI) -> None:
    store = Store(db_url)
    channels = [f"C{n:02d}" for n in range(20)]
    for channel in channels:
        store.subscribe(channel_id=channel, hour=9, minute=0, tz="UTC", now=EARLY)
    env = environment(fake, db_url)
    processes = [tips_run(env, "--now", "2026-11-27T09:05:00Z") for _ in range(4)]
    for process in processes:
        _, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
    assert sorted(c.body["channel"] for c in posts(fake)) == channels
    assert len(store.deliveries()) == 20


def test_bad_configuration_exits_2_with_one_line(tmp_path: Path, fake: TipsFakeSlackAPI) -> None:
    db_url = f"sqlite:///{tmp_path / 'aitl.db'}"  # refused before the database is opened: one backend
    env = environment(fake, db_url)
    env.pop("SLACK_BOT_TOKEN")
    process = tips_run(env)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 2 and out == "" and len(err.strip().splitlines()) == 1
    bad_now = tips_run(environment(fake, db_url), "--now", "yesterday")
    _, err = bad_now.communicate(timeout=60)
    assert bad_now.returncode == 2 and "--now" in err


def test_unusable_database_url_exits_2(fake: TipsFakeSlackAPI) -> None:
    process = tips_run(environment(fake, "nonsense://nowhere"))
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2 and "AITL_DATABASE_URL" in err and len(err.strip().splitlines()) == 1


@pytest.mark.slow
def test_a_runner_killed_after_slack_got_the_tip_is_not_followed_by_a_second_post(
    db_url: str, fake: TipsFakeSlackAPI
) -> None:
    """kill -9 between Slack's receipt of the tip and the ledger's record of it; once the claim's
    lease has run out, the next runner finds the tip in the channel (its message metadata) and
    records it instead of posting again."""
    import signal

    from sqlalchemy import create_engine, text

    store = Store(db_url)
    store.subscribe(channel_id="C1", hour=9, minute=0, tz="UTC", now=EARLY)
    env = environment(fake, db_url)
    fake.stall["chat.postMessage"] = 10.0  # Slack has the message; the runner never hears back
    first = tips_run(env, "--now", "2026-11-27T09:00:00Z")
    (posted,) = fake.wait_for("chat.postMessage", timeout=30)
    first.send_signal(signal.SIGKILL)
    first.communicate(timeout=30)
    fake.stall.clear()
    claim = store.delivery("C1", "2026-11-27")
    assert claim is not None and claim.status == "claimed"
    engine = create_engine(db_url)
    with engine.begin() as conn:  # the 10-minute lease runs out
        conn.execute(text("UPDATE deliveries SET claimed_at = claimed_at - 3600"))
    engine.dispose()
    second = tips_run(env, "--now", "2026-11-27T09:20:00Z")
    out, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    assert "0 posted, 1 already done" in out
    assert len(posts(fake)) == 1
    delivery = store.delivery("C1", "2026-11-27")
    assert delivery is not None and delivery.status == "posted"
    assert delivery.message_ts == fake.messages["C1"][0]["ts"]
    assert posted.body["metadata"]["event_payload"]["local_date"] == "2026-11-27"


def test_a_taken_over_claim_whose_tip_never_reached_slack_is_posted(
    db_url: str, fake: TipsFakeSlackAPI
) -> None:
    store = Store(db_url)
    store.subscribe(channel_id="C1", hour=9, minute=0, tz="UTC", now=EARLY)
    assert store.claim_delivery(
        channel_id="C1", local_date="2026-11-27", tip_ids=["x"], owner="dead", now=EARLY
    )  # a runner that died before posting, long ago
    process = tips_run(environment(fake, db_url), "--now", "2026-11-27T09:20:00Z")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0 and "1 posted" in out, err
    assert len(fake.calls_to("conversations.history")) == 1 and len(posts(fake)) == 1
