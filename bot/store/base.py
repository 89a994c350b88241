"""The plumbing every part of the store shares: the engine, one transaction at a time, migrations.

Every operation is one short transaction, and every "only once" rule is a unique key checked by
the database, not by Python, so it holds across threads, server processes, `aitl tips run`
processes and replicas alike.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any, TypeVar

from sqlalchemy import Connection, inspect, select
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.pool import StaticPool

from bot.store import schema as t
from bot.store.engine import READ_ONLY, build_engine, sqlite_path

T = TypeVar("T")

log = logging.getLogger(__name__)


class StoreUnavailable(OperationalError):
    """The SQLite file is gone, or was replaced by one that is not aitl's: nothing is written."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, None, Exception(reason))
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


def from_row(cls: type[T], row: Any, **values: Any) -> T:
    """The dataclass `cls` (bot.store.models) from the row's columns of the same names; `values` win."""
    columns = {f.name: row._mapping[f.name] for f in dataclasses.fields(cls) if f.name not in values}
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
        self._path = sqlite_path(url)
        self._file_id = self._stat_id() if self._path is not None else None
        self._migrate()

    # -- plumbing ---------------------------------------------------------------------------

    def _stat_id(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self._path)  # type: ignore[arg-type]
        except FileNotFoundError:
            return None
        return (st.st_dev, st.st_ino)

    def _check_file(self) -> None:
        """Raise StoreUnavailable when the SQLite file was deleted (or replaced by a foreign one).

        One stat() per transaction. A file put back at the path (a restored copy) is used again
        once it is seen to hold aitl's tables.
        """
        if self._path is None:
            return
        current = self._stat_id()
        if current == self._file_id:
            return
        if current is None:
            raise StoreUnavailable(
                f"database file {self._path} is missing (deleted?); not creating an empty one"
            )
        self.engine.dispose()  # pooled connections still point at the old file
        with self.engine.connect() as conn:
            known = (
                inspect(conn).has_table(t.schema_version.name)
                and conn.execute(select(t.schema_version.c.version)).first()
            )
            conn.rollback()
        if not known:
            raise StoreUnavailable(f"database file {self._path} was replaced by one without aitl's tables")
        log.warning("database file %s is back (another file than before): using it", self._path)
        self._file_id = current

    def check(self) -> str | None:
        """None when the store can be read and written (one small transaction), else why not."""
        try:
            with self._tx() as conn:
                row = conn.execute(
                    select(t.schema_version.c.version).where(t.schema_version.c.id == 1)
                ).first()
                conn.execute(
                    t.schema_version.update()
                    .where(t.schema_version.c.id == 1)
                    .values(version=t.schema_version.c.version)
                )
        except StoreUnavailable as error:
            return error.reason
        except Exception as error:  # noqa: BLE001 - any database failure is the answer
            return f"store cannot be read or written ({type(error).__name__})"
        return None if row else "store has no schema"

    @contextmanager
    def _tx(self, *, read_only: bool = False) -> Iterator[Connection]:
        """One transaction; `read_only` ones skip SQLite's write lock (see bot.store.engine)."""
        self._check_file()
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
