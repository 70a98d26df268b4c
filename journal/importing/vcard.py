"""vCards (2.1, 3.0 and 4.0) as Apple, Google, Android and Outlook write them.

Lines are unfolded and split into group, name, parameters and value. The
common shapes are split here, as vobject's line pattern would split them:
unfolding without quoted-printable values is one substitution (RFC 6350,
section 3.2), and a line without parameters or with unquoted ones splits at
its first ``:``. vobject reads the rest (vCard 2.1's quoted-printable values
continued with a trailing ``=``, quoted parameters), and is only loaded for
a file that has them. Lines of properties not read here (a photo) are
skipped unread. The values are decoded here (quoted-printable in its
charset, backslash escapes, the ``;``-separated parts of N and ORG), several
times quicker than building vobject's objects for every card.
"""

from __future__ import annotations

import io
import quopri
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from .contact import Contact, Parsed, day_of, yearly

_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")
#: Android's event types (contact_event): 1 anniversary, 3 birthday.
_ANDROID_EVENT = {"1": "anniversary", "3": "birthday"}
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPED = {"n": "\n", "N": "\n"}


@dataclass(slots=True)
class Line:
    name: str
    value: str
    group: str = ""
    #: Parameter names and bare 2.1 types, upper case (``TYPE``, ``CELL``).
    params: dict[str, list[str]] = field(default_factory=dict)


#: A card's lines by property name.
Card = dict[str, list[Line]]


def unescape(text: str) -> str:
    """``\\n``, ``\\,``, ``\\;`` and ``\\\\`` as the characters they stand for."""
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m[1], m[1]), text)


_SPLITS = {sep: re.compile(rf"(?<!\\){re.escape(sep)}") for sep in ";,"}


def split(text: str, separator: str) -> list[str]:
    """The parts of a structured value, split where the separator is not escaped."""
    if separator not in text:
        return [unescape(text)]
    return [unescape(p) for p in _SPLITS[separator].split(text)]


#: The properties read here (a card's other lines, a photo say, are skipped).
_READ = frozenset(
    [
        "BEGIN",
        "END",
        "FN",
        "N",
        "ORG",
        "TITLE",
        "ROLE",
        "EMAIL",
        "TEL",
        "NOTE",
        "CATEGORIES",
        "BDAY",
        "ANNIVERSARY",
        "X-ANNIVERSARY",
        "X-ABLABEL",
        "X-ABDATE",
        "X-ANDROID-CUSTOM",
    ]
)
#: A line's group, name, and what ends the name (its value or parameters).
_HEAD = re.compile(r"(?:([^.;:\"]*)\.)?([^.;:\"]*)([;:])")


def _line(raw: str, number: int) -> Line | None:
    """A logical line, or None for a property not read here. The common
    shapes (no parameters, parameters without quotes) are split here as
    vobject's line pattern splits them; vobject reads the rest."""
    head = _HEAD.match(raw)
    if head is None:
        return _vobject_line(raw, number)  # raises _ParseError on a broken line
    name = head[2].upper().replace("_", "-")
    if name not in _READ:
        return None
    group = (head[1] or "").upper()
    if head[3] == ":":
        return Line(name, raw[head.end() :], group)
    colon = raw.find(":", head.end())
    if colon < 0 or '"' in raw[head.end() : colon]:
        return _vobject_line(raw, number)
    found: dict[str, list[str]] = {}
    for param in filter(None, raw[head.end() : colon].split(";")):
        key, _is, values = param.partition("=")
        found.setdefault(key.upper(), []).extend(values.split(",") if values else ())
    return _decoded(Line(name, raw[colon + 1 :], group, found))


class _ParseError(Exception):
    """A line that vobject could not read."""


def _vobject_line(raw: str, number: int) -> Line | None:
    from vobject.base import ParseError, parseLine

    try:
        name, params, value, group = parseLine(raw, number)
    except ParseError as exc:
        raise _ParseError(str(exc)) from None
    if name.upper() not in _READ:
        return None
    found: dict[str, list[str]] = {}
    for param in params:
        found.setdefault(str(param[0]).upper(), []).extend(str(v) for v in param[1:])
    return _decoded(Line(name.upper(), value, (group or "").upper(), found))


def _decoded(line: Line) -> Line:
    """The line with a quoted-printable value (vCard 2.1) decoded."""
    found = line.params
    encoding = [v.upper() for v in found.get("ENCODING", [])]
    if "QUOTED-PRINTABLE" in encoding or "QUOTED-PRINTABLE" in found:
        data = quopri.decodestring(line.value.encode("utf-8", "surrogateescape"))
        charset = (found.get("CHARSET") or ["utf-8"])[0]
        try:
            value = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            value = data.decode("latin-1")
        line.value = value.replace("\\", "\\\\").replace("\r\n", "\\n").replace("\n", "\\n")
    return line


_FOLD = re.compile(r"\r?\n[ \t]")


def _logical_lines(text: str) -> Iterable[tuple[str, int]]:
    """The unfolded lines of ``text``, numbered. Without quoted-printable
    values, unfolding is removing each line break followed by a space or a
    tab (RFC 6350, section 3.2); vobject unfolds the rest, where a value may
    also continue after a trailing ``=``."""
    if "QUOTED-PRINTABLE" in text.upper():
        from vobject.base import getLogicalLines

        return getLogicalLines(io.StringIO(text))
    return ((line, n) for n, line in enumerate(_FOLD.sub("", text).splitlines(), 1) if line.strip())


def read_vcards(text: str) -> Parsed:
    """Every card in ``text``; a text with no card is refused."""
    parsed = Parsed("vcard")
    card: Card | None = None
    broken = False
    number = 0
    try:
        for raw, line_number in _logical_lines(text):
            try:
                line = _line(raw, line_number)
            except _ParseError:
                broken = card is not None or broken
                continue
            if line is None:
                continue
            if line.name == "BEGIN" and line.value.upper() == "VCARD" and card is None:
                card, broken, number = {}, False, number + 1
            elif line.name == "END" and line.value.upper() == "VCARD" and card is not None:
                _finish(parsed, card, f"card {number}", broken)
                card = None
            elif card is not None:
                card.setdefault(line.name, []).append(line)
    except Exception as exc:  # vobject's reader on a badly broken file
        raise InputError(f"it is not a readable vCard file ({exc})".split("\n")[0]) from None
    if card is not None:
        raise InputError(f"vCard {number} is cut short (no END:VCARD); the file is incomplete")
    if not number:
        raise InputError("it holds no vCard (no BEGIN:VCARD ... END:VCARD)")
    return parsed


def _finish(parsed: Parsed, card: Card, where: str, broken: bool) -> None:
    contact = _contact(card, where)
    if contact is None:
        reason = "a line could not be read" if broken else "no name"
        # What the card does hold, so that it can be found in the address book.
        held = [_first(card, "EMAIL"), *_organizations(card), _first(card, "TEL")]
        hint = next((h.strip() for h in held if h.strip()), "")
        parsed.skipped.append((f"{where} ({hint})" if hint else where, reason))
    else:
        parsed.contacts.append(contact)


def _values(card: Card, name: str) -> list[Line]:
    return card.get(name, [])


def _first(card: Card, *names: str) -> str:
    for name in names:
        for line in _values(card, name):
            if line.value.strip():
                return unescape(line.value)
    return ""


def _name(card: Card) -> str:
    name = _first(card, "FN")
    if name.strip():
        return name
    for line in _values(card, "N"):
        parts = (split(line.value, ";") + [""] * 5)[:5]
        family, given, additional, prefix, suffix = parts
        text = " ".join(p for p in (prefix, given, additional, family, suffix) if p.strip())
        if text.strip():
            return text
    return ""


def _organizations(card: Card) -> list[str]:
    """Each ORG line's organization (its first part; the rest are units)."""
    return [split(line.value, ";")[0] for line in _values(card, "ORG")]


def _contact(card: Card, where: str) -> Contact | None:
    name = _name(card)
    if not name.strip():
        return None
    orgs = _organizations(card)
    tags = [t for line in _values(card, "CATEGORIES") for t in split(line.value, ",")]
    return Contact(
        name=name,
        organization=next((o for o in orgs if o.strip()), ""),
        role=_first(card, "TITLE", "ROLE"),
        emails=[unescape(line.value) for line in _values(card, "EMAIL")],
        phones=[unescape(line.value) for line in _values(card, "TEL")],
        notes="\n".join(unescape(line.value) for line in _values(card, "NOTE")),
        tags=tags,
        dates=_dates(card),
        where=where,
    )


def _dates(card: Card) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}

    def add(label: str, line: Line) -> None:
        no_year = "X-APPLE-OMIT-YEAR" in line.params
        for item in yearly(label, day_of(unescape(line.value), no_year=no_year)):
            if "X-SJ-ONE-OFF" in line.params and not item["date"].startswith("--"):
                item["yearly"] = False  # written by sj export
            found.setdefault(label.casefold(), item)

    for line in _values(card, "BDAY"):
        add("birthday", line)
    for line in [*_values(card, "ANNIVERSARY"), *_values(card, "X-ANNIVERSARY")]:
        add("anniversary", line)
    labels = {line.group: unescape(line.value) for line in _values(card, "X-ABLABEL")}
    for line in _values(card, "X-ABDATE"):
        label = labels.get(line.group, "") if line.group else ""
        apple = _APPLE_LABEL.fullmatch(label)
        add((apple[1] if apple else label).lower() or "date", line)
    for line in _values(card, "X-ANDROID-CUSTOM"):
        parts = line.value.split(";")
        if parts[0].endswith("contact_event") and len(parts) > 2:
            add(_ANDROID_EVENT.get(parts[2], "date"), Line(line.name, parts[1]))
    return list(found.values())
