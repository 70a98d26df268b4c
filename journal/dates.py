"""Dates and cadences as people type and read them.

Parsing turns what a user types (``yesterday``, ``2w ago``, ``fri``,
``every 2w``) into calendar dates and day counts; formatting turns stored ISO
dates back into short relative labels (``12d ago``, ``5d late``). Everything
is a calendar date: there is no time of day, so no daylight-saving drift.
"""

from __future__ import annotations

import datetime as dt
import re

from .errors import InputError

_DATE_FORMS = (
    "use YYYY-MM-DD, dec 5, 5 Dec 2026, today, yesterday, tomorrow, a weekday, "
    "next mon, last fri, next week, 3d ago, in 2w, 1y ago or 3d."
)
_CADENCE_FORMS = (
    "use a number of days, 10d, 2w, 3m, 1y, weekly, fortnightly, monthly, "
    "quarterly, yearly or none."
)

# Units are letters or words so that "3 days ago" works as well as "3d ago".
# "m" is a month, never a minute: the journal has no time of day.
_SPAN = r"(\d+)\s*(d|days?|w|weeks?|m|months?|y|years?)"
_AGO = re.compile(rf"{_SPAN}\s+ago")
_AHEAD = re.compile(rf"(?:in\s+|\+\s*){_SPAN}")
_BARE = re.compile(_SPAN)
# Year first, always: 2026-12-05, 2026-12-5, 2026/12/05. A date written
# day-first or month-first in digits (05/12/2026) reads differently on
# either side of the Atlantic, so it is refused rather than guessed.
_NUMERIC = re.compile(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})")
_RELATIVE = re.compile(r"(next|last)\s+([a-z]+)")
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH_WORD = r"([a-z]+)\.?"
_YEAR = r"(?:\s+(\d{4}))?"
_MONTH_DAY = re.compile(rf"{_MONTH_WORD}\s+{_DAY}{_YEAR}")  # dec 5, December 5 2026
_DAY_MONTH = re.compile(rf"{_DAY}\s+{_MONTH_WORD}{_YEAR}")  # 5 Dec, 5 December 2026

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_INDEX = {name: i for i, name in enumerate(_WEEKDAYS)} | {
    name[:3]: i for i, name in enumerate(_WEEKDAYS)
}
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_INDEX = {name: i for i, name in enumerate(_MONTHS, 1)} | {
    name[:3]: i for i, name in enumerate(_MONTHS, 1)
}
_MONTH_INDEX["sept"] = 9

_NAMED_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}

_CADENCE_WORDS = {
    "daily": 1,
    "weekly": 7,
    "fortnightly": 14,
    "biweekly": 14,
    "monthly": 30,
    "quarterly": 91,
    "yearly": 365,
    "annually": 365,
}
_NO_CADENCE = frozenset({"", "none", "off", "never", "-", "—"})
_CADENCE = re.compile(r"(\d+)\s*(d|days?|w|weeks?|m|months?|y|years?)?")
# A cadence is a month counting 30 days and a year 365: simple, predictable
# numbers that the user can read back from format_cadence.
_CADENCE_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
# Ten years: longer than that is no cadence, and it keeps date arithmetic safe.
MAX_CADENCE_DAYS = 3650


def parse_date(text: str, today: dt.date) -> dt.date:
    """The calendar date that ``text`` names, looking back from ``today``:
    when something happened.

    Accepts ``YYYY-MM-DD`` (also ``2026-12-5`` and ``2026/12/05``), a month
    and day in English (``dec 5``, ``5 December``, ``5 Dec 2026``),
    ``today``, ``yesterday``, ``tomorrow``, weekday names or their
    three-letter abbreviations, ``next monday``, ``last friday``, ``next
    week`` and ``last week`` (their Monday), ``3d ago``, ``2w ago``, ``1m
    ago`` (calendar months), ``1y ago``, ``in 3d``, ``+3d`` and ``3d``. Case,
    commas and surrounding spaces are ignored.

    What has no direction of its own looks back: a weekday is the most recent
    such day (today included), ``3d`` is three days ago, and a month and day
    without a year is the most recent such date (today included).

    Raises InputError with a one-line message listing the accepted forms.
    """
    return _parse(text, today, ahead=False)


def parse_due(text: str, today: dt.date) -> dt.date:
    """Like :func:`parse_date`, for a date ahead (a due date, a snooze): what
    has no direction of its own looks ahead. A weekday is the next such day,
    today excluded (``friday`` on a Friday is a week away), ``3d`` is in
    three days, and a month and day without a year is the next such date
    (today included)."""
    return _parse(text, today, ahead=True)


def _parse(text: str, today: dt.date, *, ahead: bool) -> dt.date:
    key = " ".join(text.strip().lower().replace(",", " ").split())
    if key in _NAMED_DAYS:
        return today + dt.timedelta(days=_NAMED_DAYS[key])
    if key in _WEEKDAY_INDEX:
        return _weekday(today, _WEEKDAY_INDEX[key], ahead=ahead, today_counts=not ahead)
    if match := _RELATIVE.fullmatch(key):
        return _relative(text, today, match[1] == "next", match[2])
    if match := _AGO.fullmatch(key):
        return _shift(today, -int(match[1]), match[2])
    if match := _AHEAD.fullmatch(key):
        return _shift(today, int(match[1]), match[2])
    if match := _BARE.fullmatch(key):
        return _shift(today, int(match[1]) * (1 if ahead else -1), match[2])
    if match := _NUMERIC.fullmatch(key):
        return _calendar(text, int(match[1]), int(match[3]), int(match[4]))
    if match := _MONTH_DAY.fullmatch(key):
        return _month_day(text, today, match[1], match[2], match[3], ahead=ahead)
    if match := _DAY_MONTH.fullmatch(key):
        return _month_day(text, today, match[2], match[1], match[3], ahead=ahead)
    raise _not_a_date(text)


def _not_a_date(text: str) -> InputError:
    return InputError(f'"{text.strip()}" is not a date: {_DATE_FORMS}')


def _weekday(today: dt.date, index: int, *, ahead: bool, today_counts: bool) -> dt.date:
    """The nearest such weekday after (before) today; today itself when it
    is that weekday and counts."""
    if ahead:
        step = (index - today.weekday()) % 7 or (0 if today_counts else 7)
        return today + dt.timedelta(days=step)
    step = (today.weekday() - index) % 7 or (0 if today_counts else 7)
    return today - dt.timedelta(days=step)


def _relative(text: str, today: dt.date, ahead: bool, word: str) -> dt.date:
    """``next monday``: the first Monday after today; ``last friday``: the
    latest Friday before today; ``next week``/``last week``: its Monday."""
    if word in _WEEKDAY_INDEX:
        return _weekday(today, _WEEKDAY_INDEX[word], ahead=ahead, today_counts=False)
    if word == "week":
        monday = today - dt.timedelta(days=today.weekday())
        return monday + dt.timedelta(days=7 if ahead else -7)
    raise _not_a_date(text)


def _calendar(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _not_a_date(text) from None


def _month_day(
    text: str, today: dt.date, month_word: str, day: str, year: str | None, *, ahead: bool
) -> dt.date:
    """``dec 5`` with a year is that date; without one, the nearest such
    date on the side the context looks to (today included). Feb 29 without
    a year is the nearest leap year's."""
    month = _MONTH_INDEX.get(month_word)
    if month is None:
        raise _not_a_date(text)
    if year is not None:
        return _calendar(text, int(year), month, int(day))
    step = 1 if ahead else -1
    for offset in range(9):  # a Feb 29 comes round within eight years
        try:
            candidate = dt.date(today.year + step * offset, month, int(day))
        except ValueError:
            continue
        if (candidate >= today) if ahead else (candidate <= today):
            return candidate
    raise _not_a_date(text)


def _shift(today: dt.date, amount: int, unit: str) -> dt.date:
    try:
        if unit[0] in "my":
            # Calendar months and years, clamped at the month's end
            # (Mar 31 - 1m = Feb 28, Feb 29 + 1y = Feb 28).
            import pendulum  # only month arithmetic needs it; keeps start-up fast

            months = amount * (12 if unit[0] == "y" else 1)
            moved = pendulum.date(today.year, today.month, today.day).add(months=months)
            return dt.date(moved.year, moved.month, moved.day)
        days = amount * (7 if unit[0] == "w" else 1)
        return today + dt.timedelta(days=days)
    except (OverflowError, ValueError):
        raise InputError(f"{abs(amount)}{unit[0]} is too far from today: {_DATE_FORMS}") from None


def parse_cadence(text: str) -> int | None:
    """How often to be in touch, in days, or None for no cadence.

    Accepts ``10d``, ``2w`` (14), ``3m`` (a month counts 30 days), ``1y``
    (365), a bare number of days, ``weekly``, ``fortnightly``/``biweekly``,
    ``monthly``, ``quarterly`` (91), ``yearly``/``annually``, and ``none``,
    ``off``, ``never`` or nothing for no cadence. An ``every`` prefix is
    allowed, so what format_cadence shows can be typed back.

    Raises InputError for zero, negative or unreadable cadences.
    """
    key = text.strip().lower()
    key = key.removeprefix("every").strip()
    if key in _NO_CADENCE:
        return None
    if key in _CADENCE_WORDS:
        return _CADENCE_WORDS[key]
    match = _CADENCE.fullmatch(key)
    if match is None:
        raise InputError(f'"{text.strip()}" is not a cadence: {_CADENCE_FORMS}')
    days = int(match[1]) * _CADENCE_UNIT_DAYS[(match[2] or "d")[0]]
    if days == 0:
        raise InputError(f'"{text.strip()}" is not a cadence: it must be at least 1 day.')
    if days > MAX_CADENCE_DAYS:
        raise InputError(f'"{text.strip()}" is too long a cadence: use at most 10y.')
    return days


def format_cadence(days: int | None) -> str:
    """A cadence as ``every 2w``, ``every 10d``, ``every 3m``, ``every 1y``.

    Uses the largest unit that divides the days exactly, so the label reads
    back to the same number through parse_cadence; ``—`` for no cadence.
    """
    if days is None or days <= 0:
        return "—"
    for unit in ("y", "m", "w"):
        size = _CADENCE_UNIT_DAYS[unit]
        if days % size == 0:
            return f"every {days // size}{unit}"
    return f"every {days}d"


def _span(days: int) -> str:
    # Day counts stay exact while they are small; weeks and years keep long
    # spans short enough for a table column.
    if days > 730:
        return f"{days // 365}y"
    if days > 99:
        return f"{days // 7}w"
    return f"{days}d"


def stored_date(value: object) -> dt.date | None:
    """The date of a stored ISO value (a date or a timestamp), or None when it
    is absent or unreadable: a hand-edited or damaged value must not hide
    everyone else's dates."""
    if not value or not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _days_from(date_iso: str, today: dt.date) -> int | None:
    try:
        return (dt.date.fromisoformat(date_iso) - today).days
    except (TypeError, ValueError):
        return None


def format_ago(date_iso: str | None, today: dt.date) -> str:
    """How long ago a date was: ``today``, ``yesterday``, ``12d ago``, ``14w ago``,
    ``3y ago``; ``tomorrow`` or ``in 3d`` for a future date, ``never`` for None.

    A stored value that is not an ISO date is shown as it is, so one bad
    record cannot break a screen.
    """
    if date_iso is None:
        return "never"
    days = _days_from(date_iso, today)
    if days is None:
        return str(date_iso)
    if days == 0:
        return "today"
    if days == -1:
        return "yesterday"
    if days == 1:
        return "tomorrow"
    if days > 0:
        return f"in {_span(days)}"
    return f"{_span(-days)} ago"


def format_due(date_iso: str | None, today: dt.date) -> str:
    """When something is due: ``today``, ``tomorrow``, ``in 3d``, ``5d late``;
    ``—`` when nothing is due. A value that is not an ISO date is shown as is."""
    if date_iso is None:
        return "—"
    days = _days_from(date_iso, today)
    if days is None:
        return str(date_iso)
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days > 0:
        return f"in {_span(days)}"
    return f"{_span(-days)} late"
