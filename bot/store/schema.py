"""The store's tables and its versioned migrations.

Why versioned: a deployed bot keeps its SQLite file (or PostgreSQL database) across upgrades, and
subscriptions must survive them. Each migration runs once, in order, inside one transaction that
also bumps `aitl_schema.version`; a new release appends a migration instead of editing an old one.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Column,
    Connection,
    Float,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    insert,
    inspect,
    select,
    text,
)

metadata = MetaData()

schema_version = Table(
    "aitl_schema",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version", Integer, nullable=False),
)

seen_keys = Table(
    "seen_keys",
    metadata,
    Column("key", String(255), primary_key=True),
    Column("expires_at", Float, nullable=False, index=True),
)

feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", Float, nullable=False),
    Column("team_id", String(64), nullable=False, default=""),
    Column("user_id", String(64), nullable=False, default=""),
    Column("channel_id", String(64), nullable=False, default=""),
    Column("intent", String(64), nullable=False),
    Column("confidence", Float, nullable=False, default=0.0),
    Column("vote", String(8), nullable=False),
    Column("reason", Text, nullable=True),
    Column("question", Text, nullable=False, default=""),
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("team_id", String(64), nullable=False, default=""),
    Column("channel_id", String(64), nullable=False),
    Column("created_by", String(64), nullable=False, default=""),
    Column("hour", Integer, nullable=False),
    Column("minute", Integer, nullable=False),
    Column("tz", String(64), nullable=False),
    Column("weekdays", String(7), nullable=False, default="0123456"),
    Column("status", String(16), nullable=False, default="active"),
    Column("paused_reason", String(255), nullable=True),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
    # one subscription per channel *of a workspace*: a channel shared between workspaces (Slack
    # Connect) has one id in both, and each workspace keeps its own schedule (migration 4)
    PrimaryKeyConstraint("team_id", "channel_id", name="pk_subscriptions_team_channel"),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("team_id", String(64), nullable=False, default=""),
    Column("channel_id", String(64), nullable=False),
    Column("local_date", String(10), nullable=False),
    Column("tip_id", String(255), nullable=False),
    Column("cycle", Integer, nullable=False, default=0),
    Column("status", String(16), nullable=False),  # claimed | posted
    Column("owner", String(64), nullable=False, default=""),
    Column("claimed_at", Float, nullable=False),
    Column("message_ts", String(32), nullable=True),
    Column("posted_at", Float, nullable=True),
    UniqueConstraint("team_id", "channel_id", "local_date", name="uq_deliveries_team_channel_date"),
)

tip_cursors = Table(
    "tip_cursors",
    metadata,
    Column("key", String(128), primary_key=True),
    Column("position", Integer, nullable=False, default=0),
)


jobs = Table(
    "jobs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(255), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),  # command | message
    Column("team_id", String(64), nullable=False, default=""),
    Column("channel_id", String(64), nullable=False, default=""),
    Column("user_id", String(64), nullable=False, default=""),
    Column("thread_ts", String(32), nullable=True),
    Column("text", Text, nullable=False, default=""),
    Column("response_url", Text, nullable=True),
    Column("payload", Text, nullable=False, default="{}"),
    Column("state", String(16), nullable=False, index=True),  # pending | done | failed | expired
    Column("created_at", Float, nullable=False),
    Column("finished_at", Float, nullable=True),
    # who answers it, and until when that process's claim stands (migration 5, bot.store.jobs)
    Column("claimed_by", String(64), nullable=True),
    Column("lease_until", Float, nullable=True),
)


conversations = Table(
    "conversations",
    metadata,
    Column("team_id", String(64), primary_key=True, default=""),
    Column("key", String(255), primary_key=True),  # thread:C:ts | dm:D | command:U:C | ...
    Column("state", Text, nullable=False, default="{}"),  # bot.engine.conversation, as JSON
    Column("updated_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False, index=True),
)


_V1 = MetaData()
"""The version-1 shape of the tables migration 4 rebuilt: a new database is built as every
existing one was, then migrated, so both take the same path."""

Table(
    "subscriptions",
    _V1,
    Column("channel_id", String(64), primary_key=True),
    Column("team_id", String(64), nullable=False, default=""),
    Column("created_by", String(64), nullable=False, default=""),
    Column("hour", Integer, nullable=False),
    Column("minute", Integer, nullable=False),
    Column("tz", String(64), nullable=False),
    Column("weekdays", String(7), nullable=False, default="0123456"),
    Column("status", String(16), nullable=False, default="active"),
    Column("paused_reason", String(255), nullable=True),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
)

Table(
    "deliveries",
    _V1,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("channel_id", String(64), nullable=False),
    Column("local_date", String(10), nullable=False),
    Column("tip_id", String(255), nullable=False),
    Column("cycle", Integer, nullable=False, default=0),
    Column("status", String(16), nullable=False),  # claimed | posted
    Column("owner", String(64), nullable=False, default=""),
    Column("claimed_at", Float, nullable=False),
    Column("message_ts", String(32), nullable=True),
    Column("posted_at", Float, nullable=True),
    UniqueConstraint("channel_id", "local_date", name="uq_deliveries_channel_date"),
)


def _v1_initial(conn: Connection) -> None:
    """The first schema: events seen, feedback, subscriptions, deliveries, tip cursors."""
    for table in (seen_keys, feedback, _V1.tables["subscriptions"], _V1.tables["deliveries"], tip_cursors):
        table.create(conn, checkfirst=True)


def _v2_jobs(conn: Connection) -> None:
    """Acknowledged work, kept until it is answered (bot.store.jobs)."""
    jobs.create(conn, checkfirst=True)


def _v3_conversations(conn: Connection) -> None:
    """Conversation state per thread, DM and `/aitl` user+channel (bot.store.conversations)."""
    conversations.create(conn, checkfirst=True)


def _v4_workspaces(conn: Connection) -> None:
    """Subscriptions and the tips ledger keyed by workspace too (team id, channel), so one workspace
    never reads, changes or claims another's: a Slack Connect channel has the same id in each.

    Neither SQLite nor PostgreSQL can change a primary key or a unique key in place portably, so
    each table is rebuilt: the old one renamed aside, the new one created, the rows copied (a
    delivery gets its subscription's team, or "" when the channel has none any more), the old one
    dropped. Ids are kept, so the rotation order (by id) survives.
    """
    for name in ("subscriptions", "deliveries"):
        conn.execute(text(f"ALTER TABLE {name} RENAME TO {name}_v3"))
    subscriptions.create(conn)
    deliveries.create(conn)
    old_subs = Table("subscriptions_v3", MetaData(), autoload_with=conn)
    old_deliveries = Table("deliveries_v3", MetaData(), autoload_with=conn)
    columns = [c.name for c in subscriptions.columns]
    conn.execute(insert(subscriptions).from_select(columns, select(*(old_subs.c[c] for c in columns))))
    team_of = (
        select(old_subs.c.team_id)
        .where(old_subs.c.channel_id == old_deliveries.c.channel_id)
        .scalar_subquery()
    )
    copied = [c.name for c in deliveries.columns if c.name != "team_id"]
    conn.execute(
        insert(deliveries).from_select(
            ["team_id", *copied],
            select(func.coalesce(team_of, ""), *(old_deliveries.c[c] for c in copied)),
        )
    )
    for name in ("subscriptions_v3", "deliveries_v3"):
        conn.execute(text(f"DROP TABLE {name}"))
    if conn.dialect.name == "postgresql":  # the copied ids were not drawn from the new sequence
        conn.execute(
            text(
                "SELECT setval(pg_get_serial_sequence('deliveries', 'id'),"
                " COALESCE((SELECT MAX(id) FROM deliveries), 0) + 1, false)"
            )
        )


def _v5_job_claims(conn: Connection) -> None:
    """Jobs carry a claim (`claimed_by`, `lease_until`): replicas that find the same pending job
    answer it once (bot.store.jobs). Migration 2 creates the table as it is now, so the columns
    are added only where an older table lacks them."""
    have = {column["name"] for column in inspect(conn).get_columns("jobs")}
    for column in (jobs.c.claimed_by, jobs.c.lease_until):
        if column.name not in have:
            kind = column.type.compile(dialect=conn.dialect)
            conn.execute(text(f"ALTER TABLE jobs ADD COLUMN {column.name} {kind}"))


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (
    _v1_initial,
    _v2_jobs,
    _v3_conversations,
    _v4_workspaces,
    _v5_job_claims,
)
"""MIGRATIONS[n - 1] brings the schema from version n - 1 to n. Append only."""

LATEST_VERSION = len(MIGRATIONS)

MIGRATION_LOCK = 0x61_69_74_6C  # "aitl": the PostgreSQL advisory lock key held while migrating


def current_version(conn: Connection) -> int:
    """The schema version recorded in the database (0 for a new database)."""
    schema_version.create(conn, checkfirst=True)
    row = conn.execute(select(schema_version.c.version).where(schema_version.c.id == 1)).first()
    return int(row[0]) if row else 0


def migrate(conn: Connection) -> int:
    """Apply the missing migrations in this transaction; returns the resulting version.

    On PostgreSQL a transaction-scoped advisory lock makes replicas that start together migrate
    one after the other: the second reads the version the first committed and has nothing to do
    (a table rebuild such as migration 4 must not run twice). SQLite's BEGIN IMMEDIATE already
    serialises them."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    version = current_version(conn)
    for number in range(version + 1, LATEST_VERSION + 1):
        MIGRATIONS[number - 1](conn)
        if number == 1:
            conn.execute(schema_version.insert().values(id=1, version=1))
        else:
            conn.execute(schema_version.update().where(schema_version.c.id == 1).values(version=number))
    return max(version, LATEST_VERSION)
