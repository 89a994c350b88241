"""Conversation state in the store: kept per key and workspace, gone once idle, migration 3."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, inspect

from bot.store import Store, schema


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """On SQLite and on PostgreSQL (tests/conftest.py)."""
    store = Store(store_url)
    yield store
    store.close()


def test_a_saved_state_is_read_back_until_it_has_been_idle_too_long(store: Store) -> None:
    store.save_conversation(
        "dm:D1", {"v": 1, "intent": "salary", "level": "senior"}, idle_seconds=1800, now=1000.0
    )
    assert store.conversation("dm:D1", now=2000.0) == {"v": 1, "intent": "salary", "level": "senior"}
    assert store.conversation("dm:D1", now=2801.0) is None  # idle 30 minutes: a new conversation
    assert store.conversation("dm:D2", now=1000.0) is None


def test_each_turn_extends_the_conversation(store: Store) -> None:
    store.save_conversation("command:U1:C1", {"v": 1, "turns": 1}, idle_seconds=600, now=0.0)
    store.save_conversation("command:U1:C1", {"v": 1, "turns": 2}, idle_seconds=600, now=500.0)
    assert store.conversation("command:U1:C1", now=1000.0) == {"v": 1, "turns": 2}


def test_the_workspace_is_part_of_the_key(store: Store) -> None:
    store.save_conversation(
        "thread:C1:1.0", {"v": 1, "intent": "trends"}, team_id="T1", idle_seconds=60, now=0.0
    )
    assert store.conversation("thread:C1:1.0", team_id="T2", now=1.0) is None
    assert store.conversation("thread:C1:1.0", team_id="T1", now=1.0) == {"v": 1, "intent": "trends"}


def test_expired_conversations_are_purged(store: Store) -> None:
    store.save_conversation("a", {"v": 1}, idle_seconds=10, now=0.0)
    store.save_conversation("b", {"v": 1}, idle_seconds=100, now=0.0)
    assert store.purge_conversations(now=50.0) == 1
    assert store.conversation("b", now=50.0) == {"v": 1}
    assert store.forget_conversation("b") and store.conversation("b", now=50.0) is None


def test_an_oversized_state_is_not_kept(store: Store) -> None:
    store.save_conversation("big", {"v": 1, "x": "y" * 10_000}, idle_seconds=60)
    assert store.conversation("big") is None


def test_migration_3_adds_conversations_to_a_version_2_database(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = db_url
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:2])
    monkeypatch.setattr(schema, "LATEST_VERSION", 2)
    old = Store(url)
    old.subscribe(channel_id="C1", hour=7, minute=30, tz="UTC")
    old.close()
    engine = create_engine(url)
    assert not inspect(engine).has_table("conversations")
    engine.dispose()
    monkeypatch.undo()
    new = Store(url)
    assert schema.MIGRATIONS[2] is schema._v3_conversations  # migration 3
    assert new.schema_version() == schema.LATEST_VERSION
    assert new.subscription("C1") is not None
    new.save_conversation("dm:D1", {"v": 1}, idle_seconds=60)
    assert new.conversation("dm:D1") == {"v": 1}
