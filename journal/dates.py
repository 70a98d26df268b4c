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

_DATE_FORMS = "use YYYY-MM-DD, today, yesterday, 3d ago, 2w ago, in 3d or a weekday name."
_CADENCE_FORMS = (
    "use a number of days, 10d, 2w, 3m, 1y, weekly, fortnightly, monthly, "
    "quarterly, yearly or none."
)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Units are letters or words so that "3 days ago" works as well as "3d ago".
_UNIT = r"(d|days?|w|weeks?|m|months?)"
_AGO = re.compile(rf"(\d+)\s*{_UNIT}\s+ago")
_AHEAD = re.compile(rf"(?:in\s+|\+\s*)(\d+)\s*{_UNIT}")

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_INDEX = {name: i for i, name in enumerate(_WEEKDAYS)} | {
    name[:3]: i for i, name in enumerate(_WEEKDAYS)
}

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
    """The calendar date that ``text`` names, relative to ``today``.

    Accepts ``YYYY-MM-DD``, ``today``, ``yesterday``, ``tomorrow``, ``3d ago``,
    ``2w ago``, ``1m ago`` (calendar months), ``in 3d``, ``+3d`` and weekday
    names or their three-letter abbreviations, meaning the most recent such day
    (today included). Case and surrounding spaces are ignored.

    Raises InputError with a one-line message listing the accepted forms.
    """
    key = text.strip().lower()
    if key in _NAMED_DAYS:
        return today + dt.timedelta(days=_NAMED_DAYS[key])
    if key in _WEEKDAY_INDEX:
        return today - dt.timedelta(days=(today.weekday() - _WEEKDAY_INDEX[key]) % 7)
    if match := _AGO.fullmatch(key):
        return _shift(today, -int(match[1]), match[2])
    if match := _AHEAD.fullmatch(key):
        return _shift(today, int(match[1]), match[2])
    # fromisoformat alone would also take "20260101" and week dates; the
    # pattern keeps the one written form the journal stores.
    if _ISO_DATE.fullmatch(key):
        try:
            return dt.date.fromisoformat(key)
        except ValueError:
            pass
    raise InputError(f'"{text.strip()}" is not a date: {_DATE_FORMS}')


def parse_due(text: str, today: dt.date) -> dt.date:
    """Like :func:`parse_date`, for a date ahead (a due date, a snooze): a
    weekday name means the next such day, today excluded (``friday`` on a
    Friday is a week away)."""
    key = text.strip().lower()
    if key in _WEEKDAY_INDEX:
        return today + dt.timedelta(days=(_WEEKDAY_INDEX[key] - today.weekday() - 1) % 7 + 1)
    return parse_date(text, today)


def _shift(today: dt.date, amount: int, unit: str) -> dt.date:
    try:
        if unit[0] == "m":
            # Calendar months, clamped at the month's end (Mar 31 - 1m = Feb 28).
            import pendulum  # only month arithmetic needs it; keeps start-up fast

            moved = pendulum.date(today.year, today.month, today.day).add(months=amount)
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
