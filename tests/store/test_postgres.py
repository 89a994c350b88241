"""The same store on PostgreSQL (opt-in: set AITL_TEST_POSTGRES_URL, e.g.
postgresql+psycopg://aitl@127.0.0.1:55432/aitl_test, with a driver installed).

SQLite is the default and is tested everywhere; this proves "any SQLAlchemy URL works unchanged"
for the parts where databases differ: unique-key races, migrations, the claim transaction.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

URL = os.environ.get("AITL_TEST_POSTGRES_URL", "")
pytestmark = pytest.mark.skipif(not URL, reason="AITL_TEST_POSTGRES_URL not set")


@pytest.fixture
def pg_store() -> Iterator[object]:
    from sqlalchemy import create_engine

    from bot.store import Store, schema

    engine = create_engine(URL)
    with engine.begin() as conn:
        schema.metadata.drop_all(conn)
    engine.dispose()
    store = Store(URL)
    yield store
    store.close()


def test_tables_are_created_and_versioned(pg_store) -> None:
    from bot.store import Store, schema

    assert pg_store.schema_version() == schema.LATEST_VERSION
    pg_store.subscribe(channel_id="C1", hour=9, minute=0, tz="Europe/Paris")
    assert Store(URL).subscription("C1") is not None  # a second start keeps it


def test_first_seen_once_across_threads(pg_store) -> None:
    barrier = threading.Barrier(12)

    def attempt(_: int) -> bool:
        barrier.wait()
        return pg_store.first_seen("E1")

    with ThreadPoolExecutor(12) as pool:
        assert list(pool.map(attempt, range(12))).count(True) == 1
    assert pg_store.first_seen("E1", ttl_seconds=1, now=10**10) is True  # expired -> new again


def test_claims_are_won_once_and_rotate(pg_store) -> None:
    barrier = threading.Barrier(8)

    def attempt(i: int) -> bool:
        barrier.wait()
        return (
            pg_store.claim_delivery(channel_id="C1", local_date="d0", tip_ids=["a", "b"], owner=f"r{i}")
            is not None
        )

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(attempt, range(8))).count(True) == 1
    claim = pg_store.claim_delivery(channel_id="C1", local_date="d1", tip_ids=["a", "b"], owner="r")
    assert claim is not None and claim.tip_id == "b"
    pg_store.record_delivery(claim, message_ts="1.1")
    assert pg_store.posted_on(["d1"]) == {("C1", "d1")}
    pg_store.record_feedback(
        team_id="T", user_id="U", channel_id="C", intent="trends", confidence=1, vote="up"
    )
    assert len(pg_store.feedback_rows()) == 1
