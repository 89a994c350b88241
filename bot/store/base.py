"""The plumbing every part of the store shares: the engine, one transaction at a time, migrations.

Every operation is one short transaction, and every "only once" rule is a unique key checked by
the database, not by Python, so it holds across threads, server processes, `aitl tips run`
processes and replicas alike.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any, TypeVar

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.pool import StaticPool

from bot.store import schema as t
from bot.store.engine import READ_ONLY, build_engine

T = TypeVar("T")


def from_row(cls: type[T], row: Any, **values: Any) -> T:
    """The dataclass `cls` (bot.store.models) from the row's columns of the same names; `values` win."""
    columns = {f.name: row._mapping[f.name] for f in dataclasses.fields(cls)}
    return cls(**{**columns, **values})


class StoreBase:
    """A database at a SQLAlchemy URL; tables are created (and migrated) on first use."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = build_engine(url)
        sqlite = self.engine.dialect.name == "sqlite"
        # An in-memory SQLite database is one shared connection: serialise all its transactions.
        self._lock = threading.RLock() if isinstance(self.engine.pool, StaticPool) else None
        # SQLite has one writer at a time, and its busy handler waits by sleeping (up to 100 ms a
        # step): threads of this process queue on a Python lock instead, which wakes at once.
        # Other processes still meet SQLite's busy timeout.
        self._write_lock = threading.Lock() if sqlite and self._lock is None else None
        self._migrate()

    # -- plumbing ---------------------------------------------------------------------------

    @contextmanager
    def _tx(self, *, read_only: bool = False) -> Iterator[Connection]:
        """One transaction; `read_only` ones skip SQLite's write lock (see bot.store.engine)."""
        writer = None if read_only else self._write_lock
        with self._lock or nullcontext(), writer or nullcontext(), self.engine.connect() as conn:
            conn.info[READ_ONLY] = read_only
            with conn.begin():
                yield conn

    def _upsert(self, work: Callable[[Connection], T]) -> T:
        """`work` (read a row, then update it or insert it) in one write transaction, retried once
        when the insert meets a unique-key conflict. On PostgreSQL (READ COMMITTED) another
        transaction can insert the same key between our read and our insert; the retry then sees
        its row and updates it. SQLite's BEGIN IMMEDIATE serialises writers, so there it never
        retries. A second conflict is raised: that is no longer a race."""
        try:
            with self._tx() as conn:
                return work(conn)
        except IntegrityError:
            with self._tx() as conn:
                return work(conn)

    def _migrate(self) -> None:
        for attempt in range(3):
            try:
                with self._tx() as conn:
                    t.migrate(conn)
                return
            except (OperationalError, ProgrammingError, IntegrityError):
                # Another process created the tables at the same moment (PostgreSQL has no
                # BEGIN IMMEDIATE); its work is done, so look again.
                if attempt == 2:
                    raise
                time.sleep(0.05 * (attempt + 1))

    def schema_version(self) -> int:
        with self._tx(read_only=True) as conn:
            return t.current_version(conn)

    def close(self) -> None:
        self.engine.dispose()
