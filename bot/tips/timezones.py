"""What people type for a time zone, a time of day and the days of the week -> canonical values.

Time zones are stored as IANA names (``Europe/Paris``) or fixed offsets written ``UTC+05:30``, and
resolved with `zoneinfo` (tzdata ships with the package), so daylight saving is the tz database's
business, not ours. Abbreviations map to the zone people mean when they type them: ``ET`` and
``EST`` both mean New York time, daylight saving included (the IANA ``EST`` zone has none).
"""

from __future__ import annotations

import re
from datetime import timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.engine.render import escape

EXAMPLES = "`Europe/Paris`, `America/New_York`, `PT`, `ET`, `CET`, `UTC`, `UTC+2` or `UTC-05:30`"

ABBREVIATIONS: dict[str, str] = {
    "PT": "America/Los_Angeles",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "PACIFIC": "America/Los_Angeles",
    "MT": "America/Denver",
    "MST": "America/Denver",
    "MDT": "America/Denver",
    "MOUNTAIN": "America/Denver",
    "CT": "America/Chicago",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "CENTRAL": "America/Chicago",
    "ET": "America/New_York",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "EASTERN": "America/New_York",
    "AKT": "America/Anchorage",
    "HST": "Pacific/Honolulu",
    "BST": "Europe/London",
    "UK": "Europe/London",
    "WET": "Europe/Lisbon",
    "CET": "Europe/Paris",
    "CEST": "Europe/Paris",
    "EET": "Europe/Athens",
    "EEST": "Europe/Athens",
    "MSK": "Europe/Moscow",
    "IST": "Asia/Kolkata",
    "SGT": "Asia/Singapore",
    "HKT": "Asia/Hong_Kong",
    "JST": "Asia/Tokyo",
    "KST": "Asia/Seoul",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
    "AET": "Australia/Sydney",
    "NZST": "Pacific/Auckland",
    "NZDT": "Pacific/Auckland",
}
_UTC_NAMES = {"UTC", "GMT", "Z", "ZULU", "UCT", "ETC/UTC", "ETC/GMT", "UNIVERSAL"}
_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)
_TIME = re.compile(r"^(\d{1,2})(?:(?::|h|\.)(\d{2})?|(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$", re.IGNORECASE)
_DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class TimezoneError(ValueError):
    """A time zone nobody could resolve; str() is the answer to show the user (mrkdwn-safe)."""


class TimeOfDayError(ValueError):
    """A time of day that does not parse; str() is the answer to show the user."""


def parse_timezone(text: str) -> str:
    """`text` as the canonical zone to store: an IANA name, ``UTC`` or ``UTC+HH:MM``."""
    raw = " ".join(text.split())
    upper = raw.upper()
    if upper in _UTC_NAMES:
        return "UTC"
    offset = _OFFSET.match(raw)
    if offset:
        sign, hours, minutes = offset.group(1), int(offset.group(2)), int(offset.group(3) or 0)
        if hours > 14 or minutes > 59 or hours * 60 + minutes > 14 * 60:
            raise TimezoneError(_unknown(raw))
        if hours == minutes == 0:
            return "UTC"
        return f"UTC{sign}{hours:02d}:{minutes:02d}"
    if upper in ABBREVIATIONS:
        return ABBREVIATIONS[upper]
    key = raw.replace(" ", "_").lower()
    names = _zone_names()
    if key in names:
        return names[key]
    if key in _cities():
        return _cities()[key]
    raise TimezoneError(_unknown(raw))


@cache
def resolve(tz: str) -> tzinfo:
    """The tzinfo for a stored zone (IANA name or ``UTC±HH:MM``).

    Cached: ZoneInfo keeps only a few zones strongly and would re-read tz files on every tick.
    """
    if tz.startswith("UTC") and len(tz) > 3:
        sign = -1 if tz[3] == "-" else 1
        hours, minutes = tz[4:].split(":")
        return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)), tz)
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def parse_time_of_day(text: str) -> tuple[int, int]:
    """``9``, ``09:00``, ``0930``, ``9am``, ``9:30pm``, ``21h30`` -> (hour, minute)."""
    match = _TIME.match(text.strip())
    if not match:
        raise TimeOfDayError(_bad_time(text))
    hour = int(match.group(1))
    minute = int(match.group(2) or match.group(3) or 0)
    meridiem = (match.group(4) or "").lower().replace(".", "")
    if meridiem:
        if not 1 <= hour <= 12:
            raise TimeOfDayError(_bad_time(text))
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59:
        raise TimeOfDayError(_bad_time(text))
    return hour, minute


def looks_like_time(text: str) -> bool:
    return bool(_TIME.match(text.strip()))


def parse_weekdays(text: str) -> str | None:
    """``daily``, ``weekdays``, ``mon-fri``, ``mon,wed,fri`` -> a mask like ``01234``; None if not days."""
    word = text.strip().lower().rstrip(".")
    if word in {"daily", "everyday", "every-day", "all", "always", "7d"}:
        return "0123456"
    if word in {"weekdays", "weekday", "workdays", "workday", "business-days", "mon-fri", "5d"}:
        return "01234"
    if word in {"weekends", "weekend", "sat-sun"}:
        return "56"
    days: set[int] = set()
    for part in word.split(","):
        if not part:
            continue
        bounds = part.split("-")
        if len(bounds) > 2:
            return None
        indexes = [_day_index(b) for b in bounds]
        if None in indexes:
            return None
        start, end = indexes[0], indexes[-1]
        assert start is not None and end is not None
        day = start
        days.add(day)
        while day != end:
            day = (day + 1) % 7
            days.add(day)
    return "".join(str(d) for d in sorted(days)) or None


def describe_weekdays(mask: str) -> str:
    """``0123456`` -> "every day", ``01234`` -> "Monday to Friday", else "Mon, Wed, Fri"."""
    if mask == "0123456":
        return "every day"
    if mask == "01234":
        return "Monday to Friday"
    if mask == "56":
        return "weekends"
    return ", ".join(_DAY_NAMES[int(d)].capitalize() for d in mask)


def _day_index(word: str) -> int | None:
    word = word.strip()[:3]
    return _DAY_NAMES.index(word) if word in _DAY_NAMES else None


@cache
def _zone_names() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


@cache
def _cities() -> dict[str, str]:
    """``paris`` -> ``Europe/Paris``, where the last part of a zone name is unambiguous."""
    found: dict[str, list[str]] = {}
    for name in available_timezones():
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/")):
            found.setdefault(name.rsplit("/", 1)[1].lower(), []).append(name)
    return {city: names[0] for city, names in found.items() if len(names) == 1}


def _quoted(raw: str, limit: int) -> str:
    """What the user typed, safe inside a mrkdwn code span."""
    return escape(raw[:limit]).replace("`", "'")


def _unknown(raw: str) -> str:
    shown = _quoted(raw, 40)
    return f"I don't know the time zone `{shown}`. Try an IANA name or a common abbreviation: {EXAMPLES}."


def _bad_time(raw: str) -> str:
    return f"`{_quoted(raw, 20)}` is not a time of day. Use 24-hour `HH:MM` (`09:00`, `17:30`) or `9am`."
