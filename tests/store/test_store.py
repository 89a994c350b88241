"""The store: created on first use, migrated, and every "once" rule held by the database.

Every test taking `db_url` or `store` runs twice: on a SQLite file and on PostgreSQL (tests/conftest.py).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.store import Store, schema


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    store = Store(store_url)
    yield store
    store.close()


def test_new_database_is_created_in_wal_mode_at_the_latest_version(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    store = Store(f"sqlite:///{path}")
    assert path.exists()
    assert store.schema_version() == schema.LATEST_VERSION
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_in_memory_url_works() -> None:
    store = Store("sqlite://")
    assert store.first_seen("a") is True
    assert store.first_seen("a") is False


def test_first_seen_is_true_once(store: Store) -> None:
    assert store.first_seen("Ev1") is True
    assert store.first_seen("Ev1") is False
    assert store.first_seen("Ev2") is True


def test_first_seen_expired_key_counts_as_new(store: Store) -> None:
    assert store.first_seen("k", ttl_seconds=10, now=1000.0) is True
    assert store.first_seen("k", ttl_seconds=10, now=1005.0) is False
    assert store.first_seen("k", ttl_seconds=10, now=1011.0) is True
    assert store.purge_seen(now=5000.0) == 1


def test_first_seen_from_many_threads_says_true_once(store: Store) -> None:
    barrier = threading.Barrier(16)

    def attempt(_: int) -> bool:
        barrier.wait()
        return store.first_seen("same-event")

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(attempt, range(16)))
    assert results.count(True) == 1


def test_first_seen_across_two_store_instances(db_url: str) -> None:
    one, two = Store(db_url), Store(db_url)
    assert one.first_seen("E") is True
    assert two.first_seen("E") is False


def test_record_feedback_is_kept(store: Store) -> None:
    store.record_feedback(
        team_id="T1",
        user_id="U1",
        channel_id="C1",
        intent="salary",
        confidence=0.8,
        vote="down",
        reason="old",
    )
    (row,) = store.feedback_rows()
    assert (row["intent"], row["vote"], row["reason"], row["question"]) == ("salary", "down", "old", "")


def test_subscription_survives_a_new_store_on_the_same_database(db_url: str) -> None:
    url = db_url
    Store(url).subscribe(channel_id="C1", hour=9, minute=0, tz="Europe/Paris", team_id="T1", user_id="U1")
    again = Store(url)
    sub = again.subscription("C1", team_id="T1")
    assert sub is not None and (sub.hhmm, sub.tz, sub.active) == ("09:00", "Europe/Paris", True)


def test_upgrade_from_an_older_schema_keeps_subscriptions(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = db_url
    Store(url).subscribe(channel_id="C1", hour=7, minute=30, tz="UTC")
    calls: list[int] = []
    following = schema.LATEST_VERSION + 1
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, lambda conn: calls.append(following)))
    monkeypatch.setattr(schema, "LATEST_VERSION", following)
    upgraded = Store(url)
    assert calls == [following] and upgraded.schema_version() == following
    assert upgraded.subscription("C1") is not None
    Store(url)
    assert calls == [following]  # a migration runs once


def test_two_workspaces_sharing_a_channel_keep_their_own_subscription_and_tips(store: Store) -> None:
    """A Slack Connect channel has one id in both workspaces: each keeps its own schedule, its
    own day's claim and its own rotation, and never reads or removes the other's."""
    store.subscribe(channel_id="C1", hour=9, minute=0, tz="UTC", team_id="T1")
    store.subscribe(channel_id="C1", hour=17, minute=30, tz="Asia/Tokyo", team_id="T2")
    assert store.subscription("C1", team_id="T1").hhmm == "09:00"  # type: ignore[union-attr]
    assert store.subscription("C1", team_id="T2").hhmm == "17:30"  # type: ignore[union-attr]
    assert store.subscription("C1", team_id="T3") is None
    assert [s.team_id for s in store.subscriptions(team_id="T2")] == ["T2"]
    ours = store.claim_delivery(team_id="T1", channel_id="C1", local_date="d1", tip_ids=["a", "b"], owner="r")
    theirs = store.claim_delivery(
        team_id="T2", channel_id="C1", local_date="d1", tip_ids=["a", "b"], owner="r"
    )
    assert ours is not None and theirs is not None and (ours.tip_id, theirs.tip_id) == ("a", "a")
    store.record_delivery(ours, message_ts="1.1")
    assert store.posted_on(["d1"]) == {("T1", "C1", "d1")}
    assert store.delivery("C1", "d1", team_id="T2").status == "claimed"  # type: ignore[union-attr]
    store.pause("C1", team_id="T2", reason="is_archived")
    assert store.unsubscribe("C1", team_id="T2") is True
    assert store.subscription("C1", team_id="T1").active  # type: ignore[union-attr]


def _version_3_database(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database as the previous release (schema version 3) left it, with two subscriptions and
    three ledger rows (one for a channel no longer subscribed)."""
    from sqlalchemy import text

    with monkeypatch.context() as old:  # a database as the previous release left it
        old.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:3])
        old.setattr(schema, "LATEST_VERSION", 3)
        before = Store(db_url)
        with before.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO subscriptions (channel_id, team_id, created_by, hour, minute, tz, weekdays,"
                    " status, created_at, updated_at) VALUES"
                    " ('C1', 'T1', 'U1', 8, 15, 'Europe/Paris', '01234', 'active', 1, 1),"
                    " ('C2', '', 'U2', 9, 0, 'UTC', '0123456', 'paused', 1, 1)"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO deliveries (id, channel_id, local_date, tip_id, cycle, status, owner,"
                    " claimed_at, message_ts, posted_at) VALUES"
                    " (1, 'C1', '2026-01-05', 'a', 0, 'posted', 'r', 1, '1.1', 2),"
                    " (2, 'C1', '2026-01-06', 'b', 0, 'posted', 'r', 1, '1.2', 2),"
                    " (3, 'C9', '2026-01-06', 'a', 0, 'posted', 'r', 1, '1.3', 2)"
                )
            )
        assert before.schema_version() == 3
        before.close()


def test_replicas_upgrading_the_same_database_at_once_migrate_it_once(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _version_3_database(db_url, monkeypatch)
    with ThreadPoolExecutor(max_workers=4) as pool:
        stores = list(pool.map(lambda _: Store(db_url), range(4)))
    assert {store.schema_version() for store in stores} == {schema.LATEST_VERSION}
    assert len(stores[0].subscriptions()) == 2 and len(stores[0].deliveries()) == 3
    for store in stores:
        store.close()


def test_upgrade_from_version_3_keys_subscriptions_and_the_ledger_by_workspace(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:

    _version_3_database(db_url, monkeypatch)
    store = Store(db_url)
    assert store.schema_version() == schema.LATEST_VERSION >= 4
    kept = store.subscription("C1", team_id="T1")
    assert kept is not None and (kept.hhmm, kept.tz, kept.weekdays, kept.created_by) == (
        "08:15",
        "Europe/Paris",
        "01234",
        "U1",
    )
    paused = store.subscription("C2", team_id="")
    assert paused is not None and paused.status == "paused"
    # the ledger's rows went with their channel's workspace ("" for a channel no longer subscribed)
    assert [(d.team_id, d.channel_id, d.tip_id) for d in store.deliveries()] == [
        ("T1", "C1", "a"),
        ("T1", "C1", "b"),
        ("", "C9", "a"),
    ]
    # the rotation carries on where it was, and new rows do not collide with the copied ids
    claim = store.claim_delivery(
        team_id="T1", channel_id="C1", local_date="2026-01-07", tip_ids=["a", "b", "c"], owner="r"
    )
    assert claim is not None and claim.tip_id == "c" and claim.id > 3
    store.close()


def test_unsubscribe_and_pause(store: Store) -> None:
    store.subscribe(channel_id="C1", hour=9, minute=0, tz="UTC")
    store.pause("C1", reason="is_archived")
    sub = store.subscription("C1")
    assert sub is not None and sub.status == "paused" and sub.paused_reason == "is_archived"
    assert store.subscriptions(active_only=True) == []
    store.subscribe(channel_id="C1", hour=9, minute=0, tz="UTC")
    assert store.subscription("C1").active  # type: ignore[union-attr]
    assert store.unsubscribe("C1") is True
    assert store.unsubscribe("C1") is False
    assert store.subscription("C1") is None


def test_claim_is_won_once_per_channel_and_date(store: Store) -> None:
    first = store.claim_delivery(
        channel_id="C1", local_date="2026-01-05", tip_ids=["a", "b"], owner="r1", now=100
    )
    second = store.claim_delivery(
        channel_id="C1", local_date="2026-01-05", tip_ids=["a", "b"], owner="r2", now=101
    )
    assert first is not None and first.tip_id == "a"
    assert second is None


def test_released_claim_can_be_won_again_with_the_same_tip(store: Store) -> None:
    claim = store.claim_delivery(channel_id="C1", local_date="d1", tip_ids=["a", "b"], owner="r1", now=100)
    assert claim is not None
    store.release_delivery(claim)
    again = store.claim_delivery(channel_id="C1", local_date="d1", tip_ids=["a", "b"], owner="r2", now=101)
    assert again is not None and again.tip_id == "a"


def test_stale_claim_is_taken_over_after_the_lease(store: Store) -> None:
    store.claim_delivery(channel_id="C1", local_date="d1", tip_ids=["a"], owner="dead", now=100)
    assert store.claim_delivery(channel_id="C1", local_date="d1", tip_ids=["a"], owner="r2", now=200) is None
    taken = store.claim_delivery(channel_id="C1", local_date="d1", tip_ids=["a"], owner="r2", now=800)
    assert taken is not None and taken.owner == "r2"


def test_posted_delivery_is_never_claimed_again(store: Store) -> None:
    claim = store.claim_delivery(channel_id="C1", local_date="d1", tip_ids=["a"], owner="r1", now=100)
    assert claim is not None
    store.record_delivery(claim, message_ts="1.2", now=101)
    assert (
        store.claim_delivery(channel_id="C1", local_date="d1", tip_ids=["a"], owner="r2", now=10_000) is None
    )
    delivery = store.delivery("C1", "d1")
    assert delivery is not None and (delivery.status, delivery.message_ts) == ("posted", "1.2")


def test_rotation_shows_every_tip_before_repeating(store: Store) -> None:
    tips = ["a", "b", "c"]
    seen = []
    for day in range(7):
        claim = store.claim_delivery(channel_id="C1", local_date=f"d{day}", tip_ids=tips, owner="r", now=day)
        assert claim is not None
        store.record_delivery(claim, message_ts=str(day))
        seen.append(claim.tip_id)
    assert seen == ["a", "b", "c", "a", "b", "c", "a"]


def test_claims_from_many_threads_win_once(store: Store) -> None:
    barrier = threading.Barrier(12)

    def attempt(i: int) -> bool:
        barrier.wait()
        return store.claim_delivery(channel_id="C9", local_date="d", tip_ids=["a"], owner=f"r{i}") is not None

    with ThreadPoolExecutor(12) as pool:
        assert list(pool.map(attempt, range(12))).count(True) == 1


def test_user_cursor_advances(store: Store) -> None:
    assert [store.next_position("user:U1", modulo=3) for _ in range(4)] == [0, 1, 2, 0]


def _read_stale_once(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[int]:
    """Make the store's read of an existing row miss it once, as on PostgreSQL when another
    transaction inserts that row between our read and our insert (SQLite's BEGIN IMMEDIATE
    cannot race like that, so the race is played here). Returns the list of stale reads."""
    real = getattr(module, name)
    stale: list[int] = []

    def read(*args: object, **kwargs: object) -> object:
        if not stale:
            stale.append(1)
            return None
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, read)
    return stale


def test_user_cursor_survives_a_concurrent_first_insert(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.store import deliveries

    assert store.next_position("user:U1", modulo=3) == 0  # the row exists now
    stale = _read_stale_once(monkeypatch, deliveries, "_cursor_position")
    assert store.next_position("user:U1", modulo=3) == 1  # retried, not an IntegrityError
    assert stale == [1] and store.next_position("user:U1", modulo=3) == 2


def test_subscribe_survives_a_concurrent_first_insert(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.store import subscriptions

    store.subscribe(channel_id="C1", hour=9, minute=0, tz="UTC", now=1.0)
    stale = _read_stale_once(monkeypatch, subscriptions, "_existing")
    sub = store.subscribe(channel_id="C1", hour=10, minute=30, tz="Europe/Paris", now=2.0)
    assert stale == [1] and (sub.hhmm, sub.tz, sub.created_at) == ("10:30", "Europe/Paris", 2.0)
    assert [s.hhmm for s in store.subscriptions()] == ["10:30"]


def test_jobs_are_unique_by_key_finished_once_and_purged_after_a_day(store: Store) -> None:
    first = store.add_job(key="command:T1", kind="command", team_id="T", text="salary", now=1000.0)
    assert first is not None
    assert store.add_job(key="command:T1", kind="command", now=1001.0) is None  # Slack's retry
    second = store.add_job(key="message:C1:1.2", kind="message", payload={"event": {"ts": "1.2"}})
    assert [job.key for job in store.pending_jobs()] == ["command:T1", "message:C1:1.2"]
    assert store.pending_jobs()[1].payload == {"event": {"ts": "1.2"}}
    assert store.finish_job(first) is True and store.finish_job(first, state="failed") is False
    assert store.job_states() == {"done": 1, "pending": 1}
    assert store.purge_jobs(older_than_seconds=3600) == 0
    assert store.purge_jobs(older_than_seconds=0, now=10**10) == 1
    assert [job.id for job in store.pending_jobs()] == [second]


def test_each_pending_job_is_won_by_one_of_many_concurrent_stores(db_url: str) -> None:
    """Four stores (four connection pools, as four replicas have) race for the same 30 jobs,
    each claiming whatever it lists: every job is won exactly once."""
    setup = Store(db_url)
    for i in range(30):
        setup.add_job(key=f"command:{i}", kind="command", now=1000.0)
    setup.close()
    stores = [Store(db_url) for _ in range(4)]
    start = threading.Barrier(len(stores))

    def race(n: int) -> list[int]:
        start.wait()
        store, owner = stores[n], f"replica-{n}"
        return [
            job.id
            for job in store.claimable_jobs(owner=owner, now=2000.0)
            if store.claim_job(job.id, owner=owner, lease_seconds=30, now=2000.0)
        ]

    with ThreadPoolExecutor(max_workers=len(stores)) as pool:
        won = [job_id for ids in pool.map(race, range(len(stores))) for job_id in ids]
    assert len(won) == 30 and len(set(won)) == 30
    assert stores[0].claimable_jobs(owner="replica-9", now=2001.0) == []
    for store in stores:
        store.close()


def test_a_claim_stands_while_renewed_and_is_taken_over_after_its_lease(store: Store) -> None:
    job_id = store.add_job(key="command:1", kind="command", owner="a", lease_seconds=30, now=100.0)
    assert job_id is not None
    assert store.claimable_jobs(owner="b", now=120.0) == []
    assert store.claim_job(job_id, owner="b", lease_seconds=30, now=120.0) is False
    assert store.renew_claims(owner="a", lease_seconds=30, now=125.0) == 1
    assert store.claim_job(job_id, owner="b", lease_seconds=30, now=140.0) is False  # renewed to 155
    assert [job.id for job in store.claimable_jobs(owner="b", now=160.0)] == [job_id]
    assert store.claimable_jobs(owner="a", now=160.0) == []  # its own: it is answering it
    assert store.claim_job(job_id, owner="b", lease_seconds=30, now=160.0) is True
    assert store.renew_claims(owner="a", lease_seconds=30, now=161.0) == 0
    assert store.release_claims(owner="b") == 1
    assert store.claim_job(job_id, owner="c", lease_seconds=30, now=162.0) is True  # given back
    assert store.finish_job(job_id) is True
    assert store.claim_job(job_id, owner="d", lease_seconds=30, now=10**6) is False  # answered


def test_upgrade_to_claims_keeps_pending_jobs_unclaimed(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy import text

    with monkeypatch.context() as old:
        old.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:4])
        old.setattr(schema, "LATEST_VERSION", 4)
        before = Store(db_url)
        with before.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO jobs (key, kind, team_id, channel_id, user_id, text, payload, state,"
                    " created_at) VALUES"
                    " ('command:old', 'command', 'T', 'C', 'U', 'trends', '{}', 'pending', 1)"
                )
            )
        before.close()
    store = Store(db_url)
    (job,) = store.claimable_jobs(owner="new", now=2.0)
    assert (job.key, job.claimed_by) == ("command:old", None)
    assert store.claim_job(job.id, owner="new", lease_seconds=30, now=2.0) is True
    store.close()


def _shape(url: str) -> dict[str, object]:
    """Tables, columns (type family, nullability), primary keys, unique keys and indexes as the
    database itself reports them."""
    from sqlalchemy import create_engine, inspect

    engine = create_engine(url)
    try:
        found = inspect(engine)
        shape: dict[str, object] = {}
        for table in sorted(found.get_table_names()):
            columns = {
                c["name"]: (c["type"]._type_affinity.__name__, c["nullable"])
                for c in found.get_columns(table)
            }
            uniques = sorted(tuple(u["column_names"]) for u in found.get_unique_constraints(table))
            indexes = sorted(
                (tuple(i["column_names"]), bool(i["unique"]))
                for i in found.get_indexes(table)
                if not i.get("duplicates_constraint")  # PostgreSQL's index behind a unique key
            )
            primary = tuple(found.get_pk_constraint(table)["constrained_columns"])
            shape[table] = (columns, primary, uniques, indexes)
        return shape
    finally:
        engine.dispose()


def test_the_schema_is_the_same_on_sqlite_and_postgresql(tmp_path: Path, postgres) -> None:
    sqlite_url = f"sqlite:///{tmp_path / 'shape.db'}"
    with postgres.schema() as postgresql_url:
        Store(sqlite_url).close()
        Store(postgresql_url).close()
        on_sqlite, on_postgresql = _shape(sqlite_url), _shape(postgresql_url)
    assert set(on_sqlite) >= {"aitl_schema", "subscriptions", "deliveries", "jobs", "seen_keys"}
    assert on_sqlite == on_postgresql
