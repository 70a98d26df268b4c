"""The journal in open formats: CSV tables and vCards.

The stakeholders' CSV has the plain header :mod:`journal.importing` reads,
and the vCards carry what an import maps back (names, organization, role,
e-mails, phones, notes, tags, important dates), so an export imports again
with nothing duplicated. The whole journal as JSON is
:func:`journal.document.serialize`; the Markdown handover pack is
:mod:`journal.handover`.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import InputError, SaveError
from .handover import handover, people
from .important_dates import format_dates
from .importing.tables import PLAIN_HEADER
from .records import TABLE_INTERACTIONS, TABLE_PROMISES
from .rules import emails_of

Raw = dict[str, Any]

FORMATS = ("json", "csv", "vcard", "markdown")
CSV_TABLES = ("stakeholders", "interactions", "promises")

#: An entry's text fields, in the order the CSV gives them.
ENTRY_TEXT = (
    "summary",
    "reaction",
    "needs",
    "expectations",
    "their_view",
    "differently",
    "next_time",
    "shared",
)
INTERACTION_HEADER = (
    "date",
    "time",
    "with",
    "channel",
    "formal",
    "personal",
    *ENTRY_TEXT,
    "follow_ups",
    "minutes",
    "id",
)
PROMISE_HEADER = ("stakeholder", "text", "due", "direction", "done", "id")


def _csv(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _flag(value: Any) -> str:
    return "yes" if value else "no"


def csv_table(journal: Any, table: str) -> str:
    """One table as CSV (``stakeholders``, ``interactions`` or ``promises``)."""
    names = journal.names()
    if table == "stakeholders":
        return _csv(
            PLAIN_HEADER,
            (
                [
                    r.get("name", ""),
                    r.get("organization", ""),
                    r.get("role", ""),
                    r.get("email", ""),
                    "; ".join(p.strip() for p in str(r.get("phone") or "").split(",")),
                    ", ".join(r.get("tags") or ()),
                    r.get("notes", ""),
                    format_dates(r.get("dates") or ()),
                ]
                for r in people(journal)
            ),
        )
    if table == "interactions":
        entries = sorted(
            journal.records(TABLE_INTERACTIONS),
            key=lambda e: (e.get("date", ""), e.get("time") or "", e.get("created_at", "")),
        )
        return _csv(INTERACTION_HEADER, (_entry_row(e, names) for e in entries))
    promises = sorted(
        (p for p in journal.records(TABLE_PROMISES) if p.get("stakeholder") in names),
        key=lambda p: (p.get("due") or "9999", p.get("created_at", "")),
    )
    return _csv(
        PROMISE_HEADER,
        (
            [
                names.get(p.get("stakeholder", ""), ""),
                p.get("text", ""),
                p.get("due") or "",
                "theirs" if p.get("theirs") else "mine",
                _flag(p.get("done")),
                p["id"],
            ]
            for p in promises
        ),
    )


def _entry_row(entry: Raw, names: dict[str, str]) -> list[Any]:
    follow_ups = "; ".join(
        f"{'[x] ' if f.get('done') else ''}{f.get('text', '')}"
        + (f" @{f['due']}" if f.get("due") else "")
        for f in entry.get("follow_ups") or ()
    )
    return [
        entry.get("date", ""),
        entry.get("time") or "",
        "; ".join(names.get(sid, sid) for sid in entry.get("stakeholders") or ()),
        entry.get("channel", "meeting"),
        _flag(entry.get("formal", True)),
        _flag(entry.get("business", True) is False),
        *(entry.get(name, "") for name in ENTRY_TEXT),
        follow_ups,
        entry.get("minutes") or "",
        entry["id"],
    ]


# -- vCards

_KNOWN_DATES = {"birthday": "bday", "anniversary": "x-anniversary"}


def vcards(journal: Any) -> str:
    """Every live stakeholder as a vCard 3.0."""
    return "".join(vcard(r) for r in people(journal))


def vcard(record: Raw) -> str:
    import vobject  # only vCard exports need it; keeps the command line quick to start

    card = vobject.vCard()
    name = str(record.get("name", ""))
    card.add("fn").value = name
    given, _space, family = name.rpartition(" ")
    card.add("n").value = vobject.vcard.Name(family=family or name, given=given)
    if record.get("organization"):
        card.add("org").value = [record["organization"]]
    if record.get("role"):
        card.add("title").value = record["role"]
    for email in emails_of(record.get("email", "")):
        card.add("email").value = email
    for phone in str(record.get("phone") or "").split(","):
        if phone.strip():
            card.add("tel").value = phone.strip()
    if record.get("notes"):
        card.add("note").value = record["notes"]
    if record.get("tags"):
        card.add("categories").value = list(record["tags"])
    for number, item in enumerate(record.get("dates") or (), 1):
        _add_date(card, number, item)
    return card.serialize()


def _add_date(card: Any, number: int, item: Raw) -> None:
    date = str(item.get("date", ""))
    no_year = date.startswith("--")
    value = f"1604{date[1:]}" if no_year else date  # Apple's form of a day without its year
    label = str(item.get("label", ""))
    known = _KNOWN_DATES.get(label.casefold()) if item.get("yearly") else None
    if known:
        line = card.add(known)
        line.value = value
    else:
        line = card.add(f"item{number}.x-abdate")
        line.value = value
        card.add(f"item{number}.x-ablabel").value = label
        if not item.get("yearly"):
            line.params["X-SJ-ONE-OFF"] = ["TRUE"]
    if no_year:
        line.params["X-APPLE-OMIT-YEAR"] = ["1604"]


# -- the file


def export_payload(
    journal: Any,
    format: str,
    *,
    table: str | None = None,
    who: str | None = None,
    reflections: bool = False,
) -> bytes:
    """The export's bytes: ``format`` one of :data:`FORMATS`; ``table`` for
    CSV; ``who`` (an id) and ``reflections`` for the Markdown pack."""
    with journal.reading():
        if format == "json":
            from .document import serialize

            return serialize(journal.storage.document)
        if format == "csv":
            return csv_table(journal, table or "stakeholders").encode()
        if format == "vcard":
            return vcards(journal).encode()
        if format == "markdown":
            return handover(journal, who=who, reflections=reflections).encode()
    raise InputError(f"An export is one of {', '.join(FORMATS)}, not {format!r}.")


def check_target(path: Path, *, journal: Any, force: bool = False) -> None:
    """Raise what :func:`write_file` would refuse before writing: a folder,
    a missing folder, a file that exists (unless ``force``) and, whatever
    ``force`` says, a journal or one of sj's own files (see
    :func:`_kept_safe`)."""
    if why := _kept_safe(path, journal):
        raise InputError(f"{path} {why}; writing there would replace it. Name another file.")
    if path.is_dir():
        raise InputError(f"{path} is a folder; name a file in it.")
    if not path.parent.is_dir():
        raise InputError(f"The folder {path.parent} does not exist; create it first.")
    if (path.exists() or path.is_symlink()) and not force:
        raise InputError(f"{path} already exists.", hint="force")


def _kept_safe(path: Path, journal: Any) -> str | None:
    """Why ``path`` must never be written over, if it must not: it is
    ``journal``'s file or another journal this machine has opened (under
    any name: a link, another spelling), a file that holds a journal (a
    copy, a backup), or one of sj's own files (its state, settings, locks).
    None for any other path."""
    if not path.is_file():
        return None
    dirs = journal.storage.dirs
    for known in [journal.path, *map(Path, dirs.known_journals())]:
        try:
            if os.path.samefile(path, known):
                return "is a journal"
        except OSError:  # a journal since moved away
            continue
    real = path.resolve()
    if any(real.is_relative_to(Path(d).resolve()) for d in (dirs.state, dirs.cache, dirs.config)):
        return "is one of sj's own files (backups, settings, state)"
    try:
        with path.open("rb") as file:
            head = file.read(256)
    except OSError:
        return None
    if head.lstrip().startswith(b"{") and b'"_meta"' in head:
        return "holds a journal"
    return None


def write_file(path: Path, payload: bytes, *, journal: Any, force: bool = False) -> None:
    """Write a file the user asked for from ``journal``: it holds what the
    journal holds, so it is private like the journal (0600, written whole),
    and it replaces a file only when the user said so (``force``), never a
    journal."""
    from .private import write_private

    check_target(path, journal=journal, force=force)
    try:
        write_private(path, payload, make_folder=False)
    except OSError as exc:
        raise SaveError(f"Could not write {path}: {exc.strerror or exc}; check the path") from None
