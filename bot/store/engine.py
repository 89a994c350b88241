"""The SQLAlchemy engine: one place that knows what SQLite needs to be safe under concurrency.

SQLite (the default) is shared by the server threads, the scheduler thread and `aitl tips run`
processes, so it runs in WAL mode (readers never block the writer) with a busy timeout (a writer
waits for the lock instead of failing), and every writing transaction starts with BEGIN IMMEDIATE so a
read-then-write transaction cannot hit SQLITE_BUSY_SNAPSHOT halfway (which busy_timeout does not
cover). See https://docs.sqlalchemy.org/en/20/dialects/sqlite.html#serializable-isolation-savepoints-transactional-ddl
PostgreSQL (psycopg 3, the `postgres` extra) and any other URL get a connection pool with
`pool_pre_ping`: a connection the server dropped is replaced when it is next taken from the pool,
so a database that comes back is used again. `postgresql://` and `postgres://` without a driver
mean psycopg 3 (SQLAlchemy alone would pick psycopg2, which aitl does not install), and an
unreachable server fails after `connect_timeout` seconds (10 unless the URL says otherwise)
instead of hanging a start-up.

A SQLite file is created once, when the store is first opened; after that every connection opens
it with `mode=rw` (https://www.sqlite.org/uri.html), so a file deleted while the bot runs is an
error that /healthz reports, never silently replaced by an empty database.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool

BUSY_TIMEOUT_MS = 30_000
CONNECT_TIMEOUT_SECONDS = 10
READ_ONLY = "aitl_read_only"
"""Connection.info flag set by Store for transactions that only read."""


def sqlite_path(url: str) -> Path | None:
    """The absolute path of a SQLite file URL; None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    if str(parsed.database).startswith("file:"):
        return None  # a URI the operator wrote: used as given
    return Path(str(parsed.database)).expanduser().resolve()


def _with_driver(url: str) -> Any:
    """PostgreSQL URLs without a driver use psycopg 3, with a connect timeout unless one is given."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername == "postgresql+psycopg" and "connect_timeout" not in parsed.query:
        parsed = parsed.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_SECONDS)})
    return parsed


def build_engine(url: str) -> Engine:
    """Create the engine for `url`, with the SQLite settings above when it is SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(_with_driver(url), pool_pre_ping=True)
    memory = parsed.database in (None, "", ":memory:")
    path = sqlite_path(url)
    timeout = BUSY_TIMEOUT_MS / 1000
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": timeout}}
    if memory:
        kwargs["poolclass"] = StaticPool  # one shared connection, or each would see its own database
    elif path is not None:
        if not path.exists():
            sqlite3.connect(path).close()  # the one time the file is created
        uri = f"file:{quote(str(path))}?mode=rw"

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=timeout)

        kwargs = {"creator": connect, "pool_pre_ping": True}
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not memory:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")  # safe in WAL; commits without fsync
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Reads take no write lock (WAL readers never wait); writes take it up front.
        conn.exec_driver_sql("BEGIN" if conn.info.get(READ_ONLY) else "BEGIN IMMEDIATE")

    return engine
