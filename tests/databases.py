"""The databases the store's tests run on: a SQLite file, and PostgreSQL.

PostgreSQL is `$AITL_TEST_POSTGRES_URL`, else `postgresql+psycopg://postgres@127.0.0.1:5432/test`
(the CI machine's server: trust auth). Each test gets its own schema in that database, named after
this run (`aitl_t_<run>_<n>`) and selected through the connection's `search_path`, so parallel
runs and parallel tests never see each other's tables; every schema is dropped when its test ends
(and any left by this run, at the end of the session).

Tests that only need an empty store (the `store_url` fixture) share one schema per test worker
instead: migrated once (`migrated_schema`), then emptied of rows before each test, which takes a
few milliseconds where creating and migrating a new schema takes about half a second (and holds
the store's migration lock, which every worker and every other run on the server waits for).

Unreachable: a skip with the reason for a developer without PostgreSQL; a failure under `CI=true`,
where a PostgreSQL variant that did not run is a hole, not a pass.
"""

from __future__ import annotations

import itertools
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

ENV_VAR = "AITL_TEST_POSTGRES_URL"
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


class Postgres:
    """One PostgreSQL database, handing out a fresh schema per test."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.prefix = f"aitl_t_{os.getpid()}_{secrets.token_hex(3)}_"
        self._numbers = itertools.count(1)
        self._admin: Engine = create_engine(
            self.url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
        )

    def unreachable(self) -> str | None:
        """None when a connection succeeds, else why not (one line)."""
        try:
            with self._admin.connect() as conn:
                conn.execute(text("SELECT 1"))
        except ModuleNotFoundError as error:
            return f"PostgreSQL driver missing ({error.name}): pip install -e '.[test]'"
        except Exception as error:  # noqa: BLE001 - any failure means: not usable here
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            return f"PostgreSQL at {self.url.render_as_string()} unreachable: {first}"
        return None

    @contextmanager
    def schema(self) -> Iterator[str]:
        """A new empty schema; yields a URL whose connections use it; drops it afterwards."""
        name = f"{self.prefix}{next(self._numbers)}"
        with self._admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
        try:
            yield self.url.update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(
                hide_password=False
            )
        finally:
            self._drop(name)

    def migrated_schema(self, migrate: Callable[[str], None], keep: str) -> MigratedSchema:
        """One schema for many tests: `migrate(url)` fills it once; `.empty()` before each test
        deletes every row, except in the table `keep` (the store's schema version)."""
        return MigratedSchema(self, migrate, keep)

    def _drop(self, name: str) -> None:
        try:
            with self._admin.connect() as conn:
                conn.execute(text("SET lock_timeout = '5s'"))  # a leftover session: close() retries
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        except Exception:  # noqa: BLE001
            pass

    def close(self) -> None:
        """Drop every schema this run created (a test interrupted before its own clean-up)."""
        try:
            with self._admin.connect() as conn:
                names = conn.execute(
                    text("SELECT nspname FROM pg_namespace WHERE nspname LIKE :prefix"),
                    {"prefix": self.prefix.replace("_", r"\_") + "%"},
                ).scalars()
                for name in list(names):
                    conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        except Exception:  # noqa: BLE001 - unreachable by now: nothing to clean
            pass
        self._admin.dispose()


class MigratedSchema:
    """A schema migrated once, handed out again and again with no rows (see `Postgres.migrated_schema`).

    `empty()` deletes the rows of every table but `keep` and restarts their sequences (ids start at
    1, as in a new schema). When the schema no longer has the tables it had just after migrating,
    `keep` no longer holds the rows it held then, or the rows cannot be deleted within a few seconds
    (a connection a test left in a transaction), it is dropped and a new one migrated, so a test
    always starts from the same empty store."""

    def __init__(self, postgres: Postgres, migrate: Callable[[str], None], keep: str) -> None:
        self._postgres = postgres
        self._migrate = migrate
        self._keep = keep
        self._name: str | None = None
        self._url = ""
        self._tables: list[str] = []
        self._sequences: list[str] = []
        self._kept: list[tuple[object, ...]] = []
        self._engine: Engine | None = None

    def empty(self) -> str:
        """The URL of the schema, with no rows (a new one migrated when it cannot be emptied)."""
        if self._name is not None and self._delete_rows():
            return self._url
        self.close()
        self._create()
        return self._url

    def _create(self) -> None:
        postgres = self._postgres
        self._name = f"{postgres.prefix}{next(postgres._numbers)}"
        with postgres._admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{self._name}"'))
        self._url = postgres.url.update_query_dict(
            {"options": f"-csearch_path={self._name}"}
        ).render_as_string(hide_password=False)
        self._migrate(self._url)
        self._tables, self._sequences = self._contents()
        self._engine = create_engine(self._url, poolclass=NullPool)
        with self._engine.connect() as conn:
            self._kept = self._kept_rows(conn)

    def _contents(self) -> tuple[list[str], list[str]]:
        with self._postgres._admin.connect() as conn:
            tables = conn.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = :s ORDER BY tablename"),
                {"s": self._name},
            ).scalars()
            tables = list(tables)
            sequences = conn.execute(
                text("SELECT sequencename FROM pg_sequences WHERE schemaname = :s ORDER BY sequencename"),
                {"s": self._name},
            ).scalars()
            return tables, list(sequences)

    def _kept_rows(self, conn: Connection) -> list[tuple[object, ...]]:
        return [tuple(row) for row in conn.execute(text(f'SELECT * FROM "{self._keep}" ORDER BY 1'))]

    def _delete_rows(self) -> bool:
        assert self._engine is not None
        try:
            if self._contents()[0] != self._tables:
                return False
            with self._engine.begin() as conn:
                conn.execute(text("SET LOCAL lock_timeout = '3s'"))
                for table in self._tables:
                    if table != self._keep:
                        conn.execute(text(f'DELETE FROM "{table}"'))
                for sequence in self._sequences:
                    conn.execute(text("SELECT setval(:seq, 1, false)"), {"seq": f'"{sequence}"'})
                kept = self._kept_rows(conn)
        except Exception:  # noqa: BLE001 - any failure: start again from a new schema
            return False
        return kept == self._kept

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        if self._name is not None:
            self._postgres._drop(self._name)
            self._name = None


def postgres_url() -> str:
    return os.environ.get(ENV_VAR, "").strip() or DEFAULT_URL
