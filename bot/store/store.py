"""`Store`: the bot's durable state behind one small, thread- and process-safe API.

store = Store("sqlite:///aitl.db")          # or any SQLAlchemy URL, PostgreSQL included
store.first_seen("Ev123")                   # True once, then False (for ttl_seconds)
store.record_feedback(team_id=..., user_id=..., channel_id=..., intent=..., confidence=..., vote="up")
store.subscribe(channel_id="C1", hour=9, minute=0, tz="Europe/Paris")
store.claim_delivery(...) -> Claim | None   # the exactly-once step of the tips runner
store.add_job(key=..., kind=..., ...) -> int | None   # acknowledged work, committed before the ack
store.save_conversation(key, state, idle_seconds=1800); store.conversation(key) -> dict | None
"""

from __future__ import annotations

from bot.store.conversations import ConversationsMixin
from bot.store.deliveries import DeliveriesMixin
from bot.store.events import EventsMixin
from bot.store.jobs import JobsMixin
from bot.store.subscriptions import SubscriptionsMixin


class Store(EventsMixin, SubscriptionsMixin, DeliveriesMixin, JobsMixin, ConversationsMixin):
    """The store at a SQLAlchemy URL; tables are created (and migrated) on first use."""


def open_store(url: str) -> Store:
    """The store at `url`, or ConfigError with a one-line reason an operator can act on: a URL
    SQLAlchemy cannot parse, a driver not installed, a database that cannot be reached or used.
    Any password in the URL is never part of the reason."""
    from bot.config import ConfigError, redact_url

    try:
        return Store(url)
    except ModuleNotFoundError as error:
        hints = {
            "psycopg": " (pip install 'aitl[postgres]')",
            "psycopg2": " (aitl's postgres extra is psycopg 3: write postgresql:// or postgresql+psycopg://)",
        }
        hint = hints.get(str(error.name), "")
        raise ConfigError(f"AITL_DATABASE_URL needs the driver {error.name}, not installed{hint}") from None
    except Exception as error:  # noqa: BLE001 - bad URL, unreachable or unusable database
        lines = str(error).strip().splitlines()
        reason = (lines[0] if lines else "")[:200].replace(url, redact_url(url))
        raise ConfigError(
            f"AITL_DATABASE_URL {redact_url(url)} cannot be used ({type(error).__name__}: {reason})"
        ) from None
