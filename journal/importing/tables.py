"""Contacts in CSV files: Google Contacts, Outlook, LinkedIn's
``Connections.csv`` and the journal's own plain header
(``name,organization,role,email,phone,tags,notes``, optionally ``dates``)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable

from ..errors import InputError
from ..important_dates import parse_dates
from .contact import Contact, Parsed, day_of, yearly

Row = dict[str, str]

#: The plain CSV's columns, in the order an export writes them.
PLAIN_HEADER = ("name", "organization", "role", "email", "phone", "tags", "notes", "dates")

_GOOGLE_MULTI = " ::: "
_NUMBERED = re.compile(r"(E-mail|Phone|Event|Organization) (\d+) - (Value|Label|Type|Name|Title)")


def split_preamble(text: str) -> str:
    """LinkedIn starts its export with a ``Notes:`` paragraph before the
    header: the text from the header on."""
    if not text.lstrip().startswith("Notes:"):
        return text
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("First Name,"):
            return "".join(lines[i:])
    raise InputError("it starts with a Notes: paragraph but has no header row after it")


#: Fields are separated by commas, or where a comma is the decimal mark
#: (Outlook and Excel in much of Europe) by semicolons; Excel's "Unicode
#: text" by tabs.
_DELIMITERS = (",", ";", "\t")
#: What each format is called in a message.
EXPORTS = {
    "google": "a Google Contacts",
    "outlook": "an Outlook",
    "linkedin": "a LinkedIn",
    "csv": "a plain",
}


def delimiter_of(text: str) -> str:
    """What separates the fields of ``text``'s rows: the delimiter under
    which its header names a known format, or else splits it most."""
    first = _first_line(text)
    headers = {d: next(csv.reader(first, delimiter=d), []) for d in _DELIMITERS}
    for delimiter, header in headers.items():
        if detect(header) is not None:
            return delimiter
    return max(_DELIMITERS, key=lambda d: len(headers[d]))


def _first_line(text: str) -> list[str]:
    """The header line (as a list of one), without splitting the whole file."""
    return text.partition("\n")[0].splitlines()[:1]


def header_of(text: str, delimiter: str | None = None) -> list[str]:
    """The header row of ``text``, split by ``delimiter`` (found if not given)."""
    separator = delimiter or delimiter_of(text)
    return next(csv.reader(_first_line(text), delimiter=separator), [])


def detect(header: list[str]) -> str | None:
    """The CSV format a header row names, or None."""
    names = set(header)
    if {"First Name", "Last Name", "Connected On"} <= names:
        return "linkedin"
    if any(_NUMBERED.fullmatch(h) for h in names) or "Organization Name" in names:
        return "google"
    if "E-mail Address" in names or {"First Name", "Company", "Job Title"} <= names:
        return "outlook"
    if "name" in {h.strip().casefold() for h in names}:
        return "csv"
    return None


def read_table(text: str, format: str, today: dt.date) -> Parsed:
    """The contacts of a CSV in ``format`` (``google``, ``outlook``,
    ``linkedin`` or ``csv``)."""
    delimiter = delimiter_of(text)
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))
    header = header_of(text, delimiter)
    if format == "csv" and "name" not in {h.strip().casefold() for h in header}:
        raise InputError("its header has no name column (name,organization,role,email,...)")
    found = detect(header)
    if format != "csv" and found not in (format, None):
        raise InputError(
            f"its columns are {EXPORTS[found]} export's, not {EXPORTS[format].split(' ', 1)[1]}'s; "
            "leave out --format to read it as it is"
        )
    reader: Callable[[Row, dt.date], Contact] = READERS[format]
    parsed = Parsed(format)
    for number, row in enumerate(rows, 2):
        row = {(k or "").strip(): (v or "") for k, v in row.items() if isinstance(v, str)}
        where = f"row {number}"
        try:
            contact = reader(row, today)
        except InputError as exc:
            parsed.skipped.append((where, str(exc).rstrip(".")))
            continue
        if not contact.name:
            parsed.skipped.append((where, "no name"))
            continue
        contact.where = where
        parsed.contacts.append(contact)
    if rows and not parsed.contacts and found is None:
        # Not one name where the format keeps them: a format forced on a
        # file of another kind, not a file of nameless contacts.
        raise InputError(
            f"none of its {len(rows)} rows has a name where {EXPORTS[format]} export "
            "keeps it; check --format, or leave it out"
        )
    return parsed


def _joined(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def _google(row: Row, today: dt.date) -> Contact:
    def many(kind: str, what: str = "Value") -> list[str]:
        values: list[str] = []
        for key, value in row.items():
            match = _NUMBERED.fullmatch(key)
            if match and match[1] == kind and match[3] == what and value.strip():
                values += value.split(_GOOGLE_MULTI)
        return values

    name = row.get("Name", "") or _joined(
        row.get("Name Prefix", ""),
        row.get("First Name", "") or row.get("Given Name", ""),
        row.get("Middle Name", "") or row.get("Additional Name", ""),
        row.get("Last Name", "") or row.get("Family Name", ""),
        row.get("Name Suffix", ""),
    )
    labels = row.get("Labels", "") or row.get("Group Membership", "")
    tags = [t.strip().lstrip("* ") for t in labels.split(_GOOGLE_MULTI)]
    dates = yearly("birthday", day_of(row.get("Birthday", "")))
    events = dict(zip(many("Event", "Label"), many("Event"), strict=False))
    for label, value in events.items():
        dates += yearly(label.strip().lower() or "date", day_of(value))
    return Contact(
        name=name,
        organization=row.get("Organization Name", "") or row.get("Organization 1 - Name", ""),
        role=row.get("Organization Title", "") or row.get("Organization 1 - Title", ""),
        emails=many("E-mail"),
        phones=many("Phone"),
        notes=row.get("Notes", ""),
        tags=[t for t in tags if t.casefold() not in ("mycontacts", "starred", "")],
        dates=dates,
    )


_OUTLOOK_PHONES = ("Business Phone", "Mobile Phone", "Home Phone", "Other Phone", "Primary Phone")


def _outlook(row: Row, today: dt.date) -> Contact:
    name = _joined(row.get("First Name", ""), row.get("Middle Name", ""), row.get("Last Name", ""))
    return Contact(
        name=_joined(name, row.get("Suffix", "")),
        organization=row.get("Company", ""),
        role=row.get("Job Title", ""),
        emails=[row.get(f"E-mail{n} Address", "") for n in ("", " 2", " 3")],
        phones=[row.get(k, "") for k in _OUTLOOK_PHONES],
        notes=row.get("Notes", ""),
        tags=row.get("Categories", "").split(";"),
        dates=yearly("birthday", day_of(row.get("Birthday", "")))
        + yearly("anniversary", day_of(row.get("Anniversary", ""))),
    )


def _linkedin(row: Row, today: dt.date) -> Contact:
    url = row.get("URL", "").strip()
    connected = row.get("Connected On", "").strip()
    return Contact(
        name=_joined(row.get("First Name", ""), row.get("Last Name", "")),
        organization=row.get("Company", ""),
        role=row.get("Position", ""),
        emails=[row.get("Email Address", "")],
        notes=f"LinkedIn: {url}" if url else "",
        met_how=f"LinkedIn connection, {connected}" if connected else "",
    )


def _plain(row: Row, today: dt.date) -> Contact:
    field = {k.strip().casefold(): v for k, v in row.items()}
    dates = field.get("dates", "")
    return Contact(
        name=field.get("name", ""),
        organization=field.get("organization", ""),
        role=field.get("role", ""),
        emails=re.split(r"[\s,;]+", field.get("email", "")),
        phones=[p for p in field.get("phone", "").split(";")],
        notes=field.get("notes", ""),
        tags=field.get("tags", "").split(","),
        dates=parse_dates(dates, today) if dates.strip() else [],
    )


READERS: dict[str, Callable[[Row, dt.date], Contact]] = {
    "google": _google,
    "outlook": _outlook,
    "linkedin": _linkedin,
    "csv": _plain,
}
