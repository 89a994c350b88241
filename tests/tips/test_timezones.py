"""What people type for time zones, times and days."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from text_strategies import any_text

from bot.tips.timezones import (
    TimeOfDayError,
    TimezoneError,
    describe_weekdays,
    parse_time_of_day,
    parse_timezone,
    parse_weekdays,
    resolve,
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Europe/Paris", "Europe/Paris"),
        ("europe/paris", "Europe/Paris"),
        ("America/New_York", "America/New_York"),
        ("new york", "America/New_York"),
        ("Paris", "Europe/Paris"),
        ("PT", "America/Los_Angeles"),
        ("pst", "America/Los_Angeles"),
        ("ET", "America/New_York"),
        ("EST", "America/New_York"),
        ("CT", "America/Chicago"),
        ("MT", "America/Denver"),
        ("CET", "Europe/Paris"),
        ("GMT", "UTC"),
        ("UTC", "UTC"),
        ("utc", "UTC"),
        ("UTC+2", "UTC+02:00"),
        ("UTC-05:30", "UTC-05:30"),
        ("GMT+0530", "UTC+05:30"),
        ("+01:00", "UTC+01:00"),
        ("UTC+0", "UTC"),
    ],
)
def test_time_zones_people_type(typed: str, stored: str) -> None:
    assert parse_timezone(typed) == stored


@pytest.mark.parametrize(
    "typed", ["Mars/Olympus", "UTC+15", "XYZ", "<!channel>", "../../etc/passwd", "UTC+2:75"]
)
def test_bad_time_zone_answers_with_examples(typed: str) -> None:
    with pytest.raises(TimezoneError) as error:
        parse_timezone(typed)
    message = str(error.value)
    assert "Europe/Paris" in message and "UTC+2" in message
    assert "<" not in message.replace("&lt;", "")


def test_fixed_offsets_resolve_without_daylight_saving() -> None:
    zone = resolve("UTC-05:30")
    moment = datetime(2026, 7, 1, 12, 0, tzinfo=UTC).astimezone(zone)
    assert (moment.hour, moment.minute) == (6, 30)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9", (9, 0)),
        ("09:00", (9, 0)),
        ("9:30", (9, 30)),
        ("0930", (9, 30)),
        ("9am", (9, 0)),
        ("12am", (0, 0)),
        ("12pm", (12, 0)),
        ("5:45pm", (17, 45)),
        ("21h30", (21, 30)),
        ("23:59", (23, 59)),
    ],
)
def test_times_of_day(typed: str, expected: tuple[int, int]) -> None:
    assert parse_time_of_day(typed) == expected


@pytest.mark.parametrize("typed", ["24:00", "9:60", "13pm", "noonish", "-1"])
def test_bad_times_of_day(typed: str) -> None:
    with pytest.raises(TimeOfDayError):
        parse_time_of_day(typed)


@pytest.mark.parametrize(
    ("typed", "mask"),
    [
        ("daily", "0123456"),
        ("weekdays", "01234"),
        ("mon-fri", "01234"),
        ("mon,wed,fri", "024"),
        ("fri-mon", "0456"),
        ("Europe/Paris", None),
        ("utc", None),
        ("America/Port-au-Prince", None),
    ],
)
def test_weekdays(typed: str, mask: str | None) -> None:
    assert parse_weekdays(typed) == mask


def test_describe_weekdays() -> None:
    assert describe_weekdays("0123456") == "every day"
    assert describe_weekdays("01234") == "Monday to Friday"
    assert describe_weekdays("024") == "Mon, Wed, Fri"


@given(any_text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_any_text_is_a_zone_or_a_clear_error(text: str) -> None:
    try:
        zone = parse_timezone(text)
    except TimezoneError as error:
        assert "Europe/Paris" in str(error) and "<" not in str(error)
    else:
        resolve(zone)  # anything accepted resolves
        assert parse_timezone(zone) == zone  # and is stored in canonical form


@given(any_text(max_size=12))
@settings(max_examples=300, deadline=None)
def test_any_text_is_a_time_or_a_clear_error(text: str) -> None:
    try:
        hour, minute = parse_time_of_day(text)
    except TimeOfDayError as error:
        assert "HH:MM" in str(error)
    else:
        assert 0 <= hour <= 23 and 0 <= minute <= 59
