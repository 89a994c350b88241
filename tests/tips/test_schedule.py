"""Due times across time zones and daylight-saving changes (a controllable clock, no sleeping)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

import pytest

from bot.store import Subscription
from bot.tips.schedule import due_at, due_date, format_when, next_post


def sub(hour: int = 9, minute: int = 0, tz: str = "UTC", weekdays: str = "0123456") -> Subscription:
    return Subscription(channel_id="C1", hour=hour, minute=minute, tz=tz, weekdays=weekdays)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_due_once_the_local_time_has_passed() -> None:
    s = sub()
    assert due_date(s, utc(2026, 11, 27, 8, 59)) is None
    assert due_date(s, utc(2026, 11, 27, 9, 0)) == date(2026, 11, 27)
    assert due_date(s, utc(2026, 11, 27, 23, 59)) == date(2026, 11, 27)  # catch-up, same day


def test_new_york_nine_is_fourteen_utc_in_winter_and_thirteen_in_summer() -> None:
    s = sub(tz="America/New_York")
    assert due_at(s, date(2026, 1, 15)) == utc(2026, 1, 15, 14, 0)
    assert due_at(s, date(2026, 7, 15)) == utc(2026, 7, 15, 13, 0)
    assert due_date(s, utc(2026, 7, 15, 12, 59)) is None
    assert due_date(s, utc(2026, 7, 15, 13, 0)) == date(2026, 7, 15)


def test_local_date_is_the_subscriptions_own() -> None:
    tokyo = sub(tz="Asia/Tokyo")  # 09:00 JST = 00:00 UTC
    assert due_date(tokyo, utc(2026, 11, 27, 0, 0)) == date(2026, 11, 27)
    assert due_date(tokyo, utc(2026, 11, 26, 23, 59)) is None  # it is 08:59 on the 27th in Tokyo


def test_yesterday_is_never_due() -> None:
    la = sub(hour=23, minute=30, tz="America/Los_Angeles")
    # 00:10 local on the 28th: the 27th's 23:30 was missed and is not posted now.
    assert due_date(la, utc(2026, 11, 28, 8, 10)) is None


def test_spring_forward_nonexistent_time_is_due_once_that_day() -> None:
    # 2026-03-08 02:30 does not exist in New York (02:00 -> 03:00); it maps to 03:30 EDT = 07:30 UTC.
    s = sub(hour=2, minute=30, tz="America/New_York")
    day = date(2026, 3, 8)
    assert due_at(s, day) == utc(2026, 3, 8, 7, 30)
    assert due_date(s, utc(2026, 3, 8, 7, 29)) is None
    assert due_date(s, utc(2026, 3, 8, 7, 30)) == day


def test_fall_back_doubled_time_is_due_from_its_first_occurrence() -> None:
    # 2026-11-01 01:30 happens twice in New York (EDT, then EST): first at 05:30 UTC.
    s = sub(hour=1, minute=30, tz="America/New_York")
    day = date(2026, 11, 1)
    assert due_at(s, day) == utc(2026, 11, 1, 5, 30)
    assert due_date(s, utc(2026, 11, 1, 5, 30)) == day
    assert due_date(s, utc(2026, 11, 1, 6, 30)) == day  # second 01:30: same local date -> ledger says done


def test_weekdays_only() -> None:
    s = sub(weekdays="01234")
    assert due_date(s, utc(2026, 11, 27, 10)) == date(2026, 11, 27)  # a Friday
    assert due_date(s, utc(2026, 11, 28, 10)) is None  # Saturday


def test_next_post_and_its_wording() -> None:
    s = sub(tz="Europe/Paris")
    moment, catch_up = next_post(s, utc(2026, 11, 27, 7, 0), posted_today=False)
    assert not catch_up and format_when(moment, s.tz) == "Fri 27 Nov, 09:00 Europe/Paris"
    moment, catch_up = next_post(s, utc(2026, 11, 27, 9, 0), posted_today=True)
    assert format_when(moment, s.tz) == "Sat 28 Nov, 09:00 Europe/Paris"
    _, catch_up = next_post(s, utc(2026, 11, 27, 9, 0), posted_today=False)
    assert catch_up
    weekdays = sub(tz="Europe/Paris", weekdays="01234")
    moment, _ = next_post(weekdays, utc(2026, 11, 27, 9, 0), posted_today=True)
    assert format_when(moment, weekdays.tz) == "Mon 30 Nov, 09:00 Europe/Paris"


def test_end_of_day_gap_still_posts_that_day() -> None:
    # America/Nuuk, 2026-03-28: clocks jump from 23:00 to 00:00, so 23:30 does not exist that day.
    s = sub(hour=23, minute=30, tz="America/Nuuk")
    day = date(2026, 3, 28)
    assert due_at(s, day).astimezone(ZoneInfo("America/Nuuk")).date() == day


@pytest.mark.slow
def test_every_zone_every_day_of_2026_has_its_post_on_that_local_date() -> None:
    """No local date is ever skipped, for any zone, at the edges of the day where gaps bite."""
    missed = []
    for name in sorted(available_timezones()):
        zone = ZoneInfo(name)
        for hour, minute in ((0, 0), (0, 30), (2, 30), (23, 30)):
            s = sub(hour=hour, minute=minute, tz=name)
            day = date(2026, 1, 1)
            while day.year == 2026:
                if due_at(s, day).astimezone(zone).date() != day:
                    missed.append((name, hour, minute, day))
                day += timedelta(days=1)
    assert missed == []
