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
