"""Plain values the store hands out (no SQLAlchemy objects leak out of bot.store)."""

from __future__ import annotations

from dataclasses import dataclass

ALL_DAYS = "0123456"
"""Weekday mask as in `date.weekday()`: Monday is 0."""


@dataclass(frozen=True, slots=True)
class Subscription:
    """A channel's daily tip: at hour:minute local time in `tz`, on the days in `weekdays`.

    `tz` is an IANA name (``Europe/Paris``) or a fixed offset written ``UTC+05:30``;
    `status` is ``active`` or ``paused`` (with `paused_reason`, e.g. ``is_archived``).
    `created_at` is when this schedule was set: the last subscribe, not the first.
    """

    channel_id: str
    hour: int
    minute: int
    tz: str
    weekdays: str = ALL_DAYS
    team_id: str = ""
    created_by: str = ""
    status: str = "active"
    paused_reason: str | None = None
    created_at: float = 0.0

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def hhmm(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"


@dataclass(frozen=True, slots=True)
class Claim:
    """The right, won in a transaction, to post `tip_id` in `channel_id` for `local_date`."""

    id: int
    channel_id: str
    local_date: str
    tip_id: str
    cycle: int
    owner: str
    team_id: str = ""
    taken_over: bool = False
    """Won from a runner whose lease ran out: that runner may have posted before it died."""


@dataclass(frozen=True, slots=True)
class Delivery:
    """One row of the deliveries ledger."""

    channel_id: str
    local_date: str
    tip_id: str
    cycle: int
    status: str
    message_ts: str | None
    posted_at: float | None
    team_id: str = ""
