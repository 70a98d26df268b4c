"""One contact as read from an address book, before it meets the journal."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..rules import normal_tags

Raw = dict[str, Any]

#: The formats the importer reads (``--format``).
FORMATS = ("vcard", "google", "outlook", "linkedin", "csv")


@dataclass(slots=True)
class Contact:
    """A person from an address book, in the journal's terms."""

    name: str
    organization: str = ""
    role: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    #: Important dates (:mod:`journal.important_dates` dicts).
    dates: list[Raw] = field(default_factory=list)
    met_how: str = ""
    #: Where it is in the file: ``card 3``, ``row 12``.
    where: str = ""

    def __post_init__(self) -> None:
        self.name = " ".join(self.name.split())
        self.organization = " ".join(self.organization.split())
        self.role = " ".join(self.role.split())
        self.notes = self.notes.strip()
        self.emails = _unique([e.strip() for e in self.emails if "@" in e])
        self.phones = _unique([" ".join(p.split()) for p in self.phones])
        self.tags = normal_tags(self.tags) if self.tags else []


def _unique(values: list[str]) -> list[str]:
    """The values each once (compared without case), empty ones dropped."""
    if len(values) < 2:  # most contacts have one e-mail, one phone
        return [value for value in values if value]
    seen: dict[str, str] = {}
    for value in values:
        if value:
            seen.setdefault(value.casefold(), value)
    return list(seen.values())


@dataclass
class Parsed:
    """What a file held: its format, its contacts, and what was skipped."""

    format: str
    contacts: list[Contact] = field(default_factory=list)
    #: (where, why) for each entry that could not be read as a contact.
    skipped: list[tuple[str, str]] = field(default_factory=list)


_ISO = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?")
_NO_YEAR = re.compile(r"--(\d{2})-?(\d{2})")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2,4})")


def day_of(text: str, *, month_first: bool = True, no_year: bool = False) -> str | None:
    """An address book's date as the journal keeps a yearly one:
    ``YYYY-MM-DD``, or ``--MM-DD`` without its year; None when unreadable
    or empty (Outlook writes ``0/0/00``)."""
    text = text.strip()
    if match := _NO_YEAR.fullmatch(text):
        month, day, year = int(match[1]), int(match[2]), None
    elif match := _ISO.fullmatch(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _SLASHED.fullmatch(text):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        month, day = (first, second) if month_first else (second, first)
        if year < 100:
            return None  # two-digit years are guesses: leave them out
    else:
        return None
    try:
        dt.date(2000, month, day)
        if year is not None and not no_year:
            return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
    return f"--{month:02d}-{day:02d}"


def yearly(label: str, day: str | None) -> list[Raw]:
    """A yearly important date, or nothing for an unreadable day."""
    return [{"label": label, "date": day, "yearly": True}] if day else []
