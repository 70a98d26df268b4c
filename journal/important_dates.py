"""A stakeholder's important dates: a birthday, a work anniversary, the end of
a mandate, an election.

Each is a dict on the stakeholder's ``dates`` list: ``label`` (as typed,
unique per stakeholder ignoring case), ``date`` and ``yearly``. A date is
``YYYY-MM-DD``; a yearly date whose year is unknown (a birthday without the
year, as phones often keep them) is ``--MM-DD``, the vCard form.

The list travels with the stakeholder record, so it merges as the rest of
the profile does (:mod:`journal.merge`): concurrent edits keep the losing
version in the record's history.

In a form the dates are one line: ``birthday: 04-15 yearly; term ends:
2027-06-30``; :func:`format_dates` writes that line back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from .dates import format_due, parse_due
from .errors import InputError

Raw = dict[str, Any]

_MONTH_DAY = re.compile(r"(?:--)?(\d{2})-?(\d{2})")
_FORMS = "use YYYY-MM-DD, or MM-DD for a yearly date without its year"


def normal_label(label: str) -> str:
    """A label as kept: spaces squeezed, as typed otherwise."""
    return " ".join(label.split())


def parse_day(text: str, today: dt.date, *, yearly: bool) -> str:
    """The stored form of a typed date: ``YYYY-MM-DD``, or ``--MM-DD`` for a
    yearly date given without its year. Relative forms (``in 3m``) work too."""
    key = text.strip()
    match = _MONTH_DAY.fullmatch(key)
    if match:
        if not yearly:
            raise InputError(f'"{key}" has no year: give the year, or make the date yearly.')
        month, day = int(match[1]), int(match[2])
        try:
            dt.date(2000, month, day)  # a leap year: 02-29 is a real birthday
        except ValueError:
            raise InputError(f'"{key}" is not a day of the year: {_FORMS}.') from None
        return f"--{month:02d}-{day:02d}"
    try:
        return parse_due(key, today).isoformat()
    except InputError:
        raise InputError(f'"{key}" is not a date: {_FORMS}.') from None


def make_date(label: str, text: str, today: dt.date, *, yearly: bool) -> Raw:
    """One important date from what the user typed."""
    name = normal_label(label)
    if not name:
        raise InputError("An important date needs a label, e.g. birthday or term ends.")
    return {"label": name, "date": parse_day(text, today, yearly=yearly), "yearly": yearly}


def with_date(dates: Iterable[Raw], item: Raw) -> list[Raw]:
    """The dates with ``item`` added, replacing one of the same label."""
    key = item["label"].casefold()
    kept = [d for d in dates if str(d.get("label", "")).casefold() != key]
    return sorted([*kept, item], key=_order)


def without_date(dates: Iterable[Raw], label: str) -> list[Raw]:
    """The dates without the one of this label; raises when there is none."""
    key = normal_label(label).casefold()
    current = list(dates)
    kept = [d for d in current if str(d.get("label", "")).casefold() != key]
    if len(kept) == len(current):
        labels = ", ".join(str(d.get("label", "")) for d in current) or "none yet"
        raise InputError(f'No important date is labelled "{normal_label(label)}" ({labels}).')
    return kept


def has_label(dates: Iterable[Raw], label: str) -> bool:
    key = normal_label(label).casefold()
    return any(str(d.get("label", "")).casefold() == key for d in dates)


def parse_dates(text: str, today: dt.date) -> list[Raw]:
    """The form's line (``label: date [yearly]; ...``) as the whole list."""
    out: list[Raw] = []
    for part in text.replace("\n", ";").split(";"):
        if not part.strip():
            continue
        label, colon, rest = part.partition(":")
        if not colon or not rest.strip():
            raise InputError(
                f'"{part.strip()}" is not "label: date": e.g. birthday: 04-15 yearly.',
                field="dates",
            )
        words = rest.split()
        yearly = words[-1].casefold() == "yearly"
        if yearly:
            words = words[:-1]
        try:
            item = make_date(label, " ".join(words), today, yearly=yearly)
        except InputError as exc:
            raise InputError(str(exc), field="dates") from None
        if has_label(out, item["label"]):
            raise InputError(f'"{item["label"]}" is given twice.', field="dates")
        out.append(item)
    return sorted(out, key=_order)


def format_dates(dates: Iterable[Raw]) -> str:
    """The list as the form's line; :func:`parse_dates` reads it back."""
    return "; ".join(
        f"{d.get('label', '')}: {_typed(d)}{' yearly' if d.get('yearly') else ''}" for d in dates
    )


def _typed(item: Raw) -> str:
    date = str(item.get("date", ""))
    return date[2:] if date.startswith("--") else date


def _order(item: Raw) -> tuple[str, str]:
    date = str(item.get("date", ""))
    return (date[-5:] if item.get("yearly") else date, str(item.get("label", "")))


def next_day(item: Raw, today: dt.date) -> dt.date | None:
    """When the date next falls (today included): the next anniversary of a
    yearly date (29 February on the 28th in other years), the day itself of a
    one-off (None once it has passed, or for a damaged value)."""
    date = str(item.get("date", ""))
    try:
        month, day = int(date[-5:-3]), int(date[-2:])
        if not item.get("yearly"):
            one_off = dt.date.fromisoformat(date)
            return one_off if one_off >= today else None
        for year in (today.year, today.year + 1):
            try:
                candidate = dt.date(year, month, day)
            except ValueError:  # 29 February in a common year
                candidate = dt.date(year, month, day - 1)
            if candidate >= today:
                return candidate
    except ValueError:
        return None
    return None


def describe(item: Raw, today: dt.date) -> str:
    """``birthday 1980-04-15, yearly (next in 3w)``, as lists show it."""
    label = item.get("label", "")
    text = f"{label} {_typed(item)}{', yearly' if item.get('yearly') else ''}"
    coming = next_day(item, today)
    if coming is None:
        return text if item.get("yearly") else f"{text} (past)"
    when = format_due(coming.isoformat(), today)
    return f"{text} ({when})" if not item.get("yearly") else f"{text} (next {when})"


def upcoming(dates: Iterable[Raw], today: dt.date, within: int) -> list[tuple[dt.date, Raw]]:
    """The dates falling in the next ``within`` days, soonest first."""
    found = []
    for item in dates:
        day = next_day(item, today)
        if day is not None and (day - today).days <= within:
            found.append((day, item))
    return sorted(found, key=lambda pair: (pair[0], str(pair[1].get("label", ""))))
