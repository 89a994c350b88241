"""The databases the store's tests run on: a SQLite file, and PostgreSQL.

PostgreSQL is `$AITL_TEST_POSTGRES_URL`, else `postgresql+psycopg://postgres@127.0.0.1:5432/test`
(the CI machine's server: trust auth). Each test gets its own schema in that database, named after
this run (`aitl_t_<run>_<n>`) and selected through the connection's `search_path`, so parallel
runs and parallel tests never see each other's tables; every schema is dropped when its test ends
(and any left by this run, at the end of the session).

Unreachable: a skip with the reason for a developer without PostgreSQL; a failure under `CI=true`,
where a PostgreSQL variant that did not run is a hole, not a pass.
"""

from __future__ import annotations

import itertools
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

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


def postgres_url() -> str:
    return os.environ.get(ENV_VAR, "").strip() or DEFAULT_URL
