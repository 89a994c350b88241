"""Shared test setup: tests never depend on ../shared, never reach the network, and never write
outside temporary folders."""

from __future__ import annotations

import atexit
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from databases import MigratedSchema, Postgres, in_ci, postgres_url

# The CLI and the engine read these; a developer's shell must not leak into tests.
for _name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "AITL_KNOWLEDGE_DIR"):
    os.environ.pop(_name, None)

# Tests (and the processes they start, which often drop every AITL_ variable) must not write the
# user's ~/.cache/aitl: the knowledge cache goes to a temporary folder, through XDG_CACHE_HOME too.
_CACHE_HOME = tempfile.mkdtemp(prefix="aitl-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE_HOME
atexit.register(shutil.rmtree, _CACHE_HOME, ignore_errors=True)
os.environ["AITL_KNOWLEDGE_CACHE"] = "off"


def _private_folder(path: str) -> bool:
    """True when `path` is (now) a folder of this user's that no one else may write or read."""
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
        info = os.lstat(path)
    except OSError:
        return False
    uid = getattr(os, "getuid", lambda: info.st_uid)()
    return stat.S_ISDIR(info.st_mode) and info.st_uid == uid and not info.st_mode & 0o077


def _kept_folder() -> str:
    """Where the runs keep what a later run can reuse, as Python, pytest and Hypothesis keep their
    caches where they may write them: in the temporary directory, private to the user
    (aitl-tests-<uid>); where that cannot be made private, this run's own temporary folder."""
    user = getattr(os, "getuid", lambda: os.environ.get("USERNAME", "user"))()
    kept = os.path.join(tempfile.gettempdir(), f"aitl-tests-{user}")
    return kept if _private_folder(kept) else _CACHE_HOME


_KEPT = _kept_folder()

# Compiled bytecode goes to one folder that the run's processes share: the test workers (started
# after this runs in the first pytest process, they inherit it) and the processes tests start
# (`python -m bot`, `aitl serve`). Where PYTHONDONTWRITEBYTECODE is set, each of some forty
# processes compiled the whole package again (about half a second of CPU each).
# A process using that folder reads no other bytecode, not even the standard library's and the
# installed packages' own __pycache__, so the first process compiles it all: the folder is seeded
# below with those files first (copies; `bot` is compiled), before the workers start.
# The folder is kept from run to run (_KEPT/pycache). Python checks each file against its source
# as usual, so an edited module is compiled again. Kept, it spares every later run the seeding and
# each worker the rewriting of the test files' asserts (about 3 s of CPU per worker).
# AITL_TEST_PYCACHE names another folder (not seeded).
_SEED_PYCACHE = not os.environ.get("AITL_TEST_PYCACHE")
_PYCACHE = os.environ.get("AITL_TEST_PYCACHE") or os.path.join(_KEPT, "pycache")
os.environ["AITL_TEST_PYCACHE"] = _PYCACHE
os.environ["PYTHONPYCACHEPREFIX"] = _PYCACHE
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# What the test workers and the processes they start import (the rest is compiled where used).
_SEED_MODULES = (
    "bot.cli",
    "bot.engine",
    "bot.slack.app",
    "bot.slack.http_server",
    "bot.slack.socket_mode",
    "bot.store",
    "bot.tips.runner",
    "psycopg",
    "jsonschema",
    "waitress",
    "yaml",
    "xdist.remote",
)


def _seed_pycache(prefix: str) -> None:
    """Put in `prefix` the bytecode of every module this process has loaded, after importing
    _SEED_MODULES: a copy of the module's own __pycache__ file where there is one (Python checks
    it against the source as usual), else compiled from the source. Files already there are left
    (Python compiles a stale one again where it is used); a run that seeded the folder leaves a
    mark for this interpreter and these tests, and a later run finding it seeds nothing."""
    import hashlib
    import importlib
    import importlib.util
    import py_compile

    key = hashlib.sha256(f"{sys.executable}\0{sys.version}\0{__file__}".encode()).hexdigest()[:16]
    mark = os.path.join(prefix, f"seeded-{key}")
    if os.path.isfile(mark):
        return
    os.makedirs(prefix, exist_ok=True)
    for name in _SEED_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001, S112 - only a head start
            continue
    for module in list(sys.modules.values()):
        source = getattr(module, "__file__", None)
        if not isinstance(source, str) or not source.endswith(".py") or not os.path.isfile(source):
            continue
        source = os.path.abspath(source)
        own = importlib.util.cache_from_source(source)  # the __pycache__ file (no prefix here)
        folder, name = os.path.split(source)
        target = os.path.join(prefix, folder.lstrip(os.sep), os.path.basename(own))
        if os.path.isfile(target):
            continue
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if os.path.isfile(own):  # copied whole, then renamed: another run may be reading it
                partial = f"{target}.{os.getpid()}.part"
                shutil.copyfile(own, partial)
                os.replace(partial, target)
            else:
                py_compile.compile(source, cfile=target, doraise=True)  # written whole too
        except Exception:  # noqa: BLE001, S112
            continue
    with open(mark, "w", encoding="utf-8") as file:
        file.write(f"{sys.executable}\n{__file__}\n")


if sys.pycache_prefix is None:  # the first pytest process: it started before the folder was chosen
    if _SEED_PYCACHE:
        _seed_pycache(_PYCACHE)
    # It uses the folder too from here on. pytest rewrites the asserts of its plugins' modules
    # (all of Hypothesis, imported below) as it imports them; under PYTHONDONTWRITEBYTECODE it
    # did so in every run (about 1.5 s of CPU before the workers start), now once.
    sys.pycache_prefix = _PYCACHE
    sys.dont_write_bytecode = False


def _hypothesis_profile() -> None:
    """Hypothesis keeps its files (.hypothesis/) in _KEPT/hypothesis: no example database (a run
    never replays another's examples), only caches of what it derives from source files and
    Unicode, under the files' hashes. It reads the constants of every test and `bot` module when
    it collects (about 0.5 s of CPU per worker); kept, a later run reads them from there."""
    from hypothesis import settings
    from hypothesis.configuration import set_hypothesis_home_dir

    set_hypothesis_home_dir(os.path.join(_KEPT, "hypothesis"))
    settings.register_profile("aitl", database=None)
    settings.load_profile("aitl")


_hypothesis_profile()


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    """The PostgreSQL the tests use (see tests/databases.py): skipped when unreachable, but failed
    under CI=true."""
    server = Postgres(postgres_url())
    reason = server.unreachable()
    if reason is not None:
        server.close()
        if in_ci():
            pytest.fail(f"CI=true and {reason}", pytrace=False)
        pytest.skip(reason)
    yield server
    server.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store URL, on each backend in turn: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'aitl.db'}"
        return
    postgres: Postgres = request.getfixturevalue("postgres")
    with postgres.schema() as url:
        yield url


def _migrate_store(url: str) -> None:
    from bot.store import Store

    Store(url).close()


@pytest.fixture(scope="session")
def _sqlite_store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the store's tables at the latest version and no rows, made once per worker."""
    path = tmp_path_factory.mktemp("store-template") / "aitl.db"
    _migrate_store(f"sqlite:///{path}")  # closed: the WAL is folded back into the file
    return path


@pytest.fixture(scope="session")
def _postgres_store_schema(postgres: Postgres) -> Iterator[MigratedSchema]:
    from bot.store import schema

    migrated = postgres.migrated_schema(_migrate_store, keep=schema.schema_version.name)
    yield migrated
    migrated.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store URL on each backend in turn, holding the store's tables at the latest version and no
    rows: a copy of a SQLite file migrated once per worker, or this worker's PostgreSQL schema,
    migrated once and emptied before each test. Tests of creating or migrating a store take
    `db_url` (an empty database) instead."""
    if request.param == "sqlite":
        path = tmp_path / "aitl.db"
        shutil.copyfile(request.getfixturevalue("_sqlite_store_template"), path)
        return f"sqlite:///{path}"
    migrated: MigratedSchema = request.getfixturevalue("_postgres_store_schema")
    return migrated.empty()


@pytest.fixture(scope="session")
def shipped_kb():
    """The packaged knowledge base, loaded once for the whole run (tests must not change it)."""
    from bot.engine.knowledge import load_knowledge

    return load_knowledge()


@pytest.fixture(scope="session")
def shipped_engine(shipped_kb):
    """One Engine on the packaged knowledge base for every test that only asks it questions:
    loading one (the matchers, the sentence encoder) is the slow part, answering is not."""
    from bot.engine import Engine

    return Engine.load()
