"""Reading address books into the journal: vCards, Google, Outlook and
LinkedIn CSV exports, and the journal's plain CSV.

:func:`read_contacts` reads a file into :class:`Contact` values (no journal
involved; a file that is not what it claims is one :class:`InputError`);
:mod:`journal.importing.plan` matches them against the journal and writes
the plan in one change.
"""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

from ..errors import InputError
from .contact import FORMATS, Contact, Parsed
from .tables import EXPORTS, detect, header_of, read_table, split_preamble

__all__ = ["FORMATS", "Contact", "Parsed", "read_contacts"]

#: Larger than any address book; a bigger file is not one.
MAX_BYTES = 200 * 1024 * 1024


def _text_of(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(f"{path} is too large to be an address book")
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path} is a folder; name the exported file in it") from None
    except FileNotFoundError:
        raise InputError(f"{path} does not exist; check the path") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's and Outlook's "Unicode" exports.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{path} is not readable UTF-16 text; export it again") from None
    if b"\x00" in data[:8192]:
        raise InputError(
            f"{path} is a binary file, not contacts; export them as vCard (.vcf) or CSV"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older Outlook and Excel write the Windows code page.
        return data.decode("cp1252", errors="replace")


def read_contacts(path: Path, format: str | None, today: dt.date) -> Parsed:
    """The contacts in ``path``: its format detected unless ``format`` names it."""
    if format is not None and format not in FORMATS:
        raise InputError(f"--format is one of {', '.join(FORMATS)}, not {format!r}.")
    text = _text_of(path)
    try:
        if format is None:
            format = _detect(text)
        elif format != "vcard" and "BEGIN:VCARD" in text[:4096].upper():
            raise InputError(f"it is a vCard file, not {EXPORTS[format]} CSV; leave out --format")
        if format == "vcard":
            from .vcard import read_vcards  # vobject loads only for vCards

            return read_vcards(text)
        return read_table(split_preamble(text), format, today)
    except InputError as exc:
        raise InputError(f"Nothing imported: {path.name}: {exc}.") from None


def _detect(text: str) -> str:
    if "BEGIN:VCARD" in text[:4096].upper():
        return "vcard"
    if not text.strip():
        raise InputError("it is empty; export the contacts again")
    if text.lstrip().startswith(("{", "[")):
        raise InputError("it is JSON, not contacts; import a vCard (.vcf) or CSV export")
    found = detect(header_of(split_preamble(text)))
    if found is None:
        raise InputError("neither a vCard nor a CSV with a name column; give --format if it is one")
    return found
