"""The durable store (SQLAlchemy): events seen, feedback, tip subscriptions and deliveries.

Imported lazily (only by `aitl serve` and `aitl tips run`): `aitl ask` must not pay for
SQLAlchemy at start-up.
"""

from bot.store.models import ALL_DAYS, Claim, Delivery, Subscription
from bot.store.store import Store, open_store

__all__ = ["ALL_DAYS", "Claim", "Delivery", "Store", "Subscription", "open_store"]
