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
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from .contact import Contact, Parsed, day_of

_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")
#: Android's event types (contact_event): 1 anniversary, 3 birthday.
_ANDROID_EVENT = {"1": "anniversary", "3": "birthday"}
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


@dataclass(slots=True)
class Line:
    name: str
    value: str
    group: str = ""
    #: The parameters as written (``;TYPE=work,voice;CELL``), read only when
    #: asked for (:attr:`params`): most lines' are never needed.
    written: str = ""
    parsed: dict[str, list[str]] | None = None

    @property
    def params(self) -> dict[str, list[str]]:
        """Parameter names and bare 2.1 types, upper case (``TYPE``, ``CELL``)."""
        if self.parsed is None:
            self.parsed = _params(self.written)
        return self.parsed


#: A card's lines by property name.
Card = dict[str, list[Line]]


def unescape(text: str) -> str:
    """``\\n``, ``\\,``, ``\\;`` and ``\\\\`` as the characters they stand for."""
    if "\\" not in text:
        return text
    # Apart from an escaped backslash, each backslash escapes the character
    # after it: a line break is \n or \N, any other stands for itself.
    return "\\".join(map(_unescape_part, text.split("\\\\")))


def _unescape_part(part: str) -> str:
    """:func:`unescape` of a text with no escaped backslash."""
    for escaped, meant in _ESCAPES:
        part = part.replace(escaped, meant)
    return _ESCAPE.sub(r"\1", part) if "\\" in part else part


#: The usual escapes, replaced at C speed (rarer ones are left to a pattern).
_ESCAPES = (("\\n", "\n"), ("\\N", "\n"), ("\\,", ","), ("\\;", ";"))


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
    return _decoded(Line(name, raw[colon + 1 :], group, raw[head.end() : colon]))


def _params(text: str) -> dict[str, list[str]]:
    """Unquoted parameters (``;TYPE=work,voice;CELL``) by upper-case name."""
    found: dict[str, list[str]] = {}
    for param in filter(None, text.split(";")):
        key, _is, values = param.partition("=")
        found.setdefault(key.upper(), []).extend(values.split(",") if values else ())
    return found


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
    return _decoded(Line(name.upper(), value, (group or "").upper(), parsed=found))


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


_FOLD = re.compile(r"\n[ \t]")
#: A logical line as group, name, parameters and value; or, in the last
#: group, a line of another shape (a quoted parameter, no colon) that
#: :func:`_line` reads on its own.
_ROW = re.compile(r'^(?:(?:([^.;:"\n]*)\.)?([^.;:"\n]*)((?:;[^:"\n]*)?):(.*)|(.+))$', re.M)


def _rows(text: str) -> Iterable[tuple[str, str, str, str, str]]:
    """The logical lines of ``text`` as :data:`_ROW` splits them. Without
    quoted-printable values, unfolding is removing each line break followed
    by a space or a tab (RFC 6350, section 3.2), and one pattern splits the
    whole text; vobject unfolds the rest, where a value may also continue
    after a trailing ``=``, and :func:`_line` splits them one by one."""
    if "QUOTED-PRINTABLE" in text.upper():
        from vobject.base import getLogicalLines

        # Each line as one of another shape: a value there may hold a line break.
        return (("", "", "", "", line) for line, _n in getLogicalLines(io.StringIO(text)))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ROW.findall(_FOLD.sub("", text))


def read_vcards(text: str) -> Parsed:
    """Every card in ``text``; a text with no card is refused."""
    parsed = Parsed("vcard")
    card: Card | None = None
    broken = False
    number = 0
    read = _READ
    try:
        for group, name, params, value, other in _rows(text):
            line = None
            if other:
                if other.isspace():
                    continue
                try:
                    line = _line(other, 0)
                except _ParseError:
                    broken = card is not None or broken
                    continue
                if line is None:
                    continue
                name, value = line.name, line.value
            else:
                name = name.upper()
                if name not in read:
                    name = name.replace("_", "-")
                    if name not in read:
                        continue
            if name == "BEGIN" and card is None and value.upper() == "VCARD":
                card, broken, number = {}, False, number + 1
            elif name == "END" and card is not None and value.upper() == "VCARD":
                _finish(parsed, card, f"card {number}", broken)
                card = None
            elif card is not None:
                # No value is quoted-printable in a row (see _rows): none to decode.
                line = line or Line(name, value, group and group.upper(), params)
                card.setdefault(name, []).append(line)
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
        for line in card.get(name, ()):
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
    """Each ORG line's organization: its first part (the rest are units),
    or its first unit when that part is empty (``ORG:;Fisheries Unit``)."""
    found = []
    for line in _values(card, "ORG"):
        parts = split(line.value, ";")
        found.append(next((p for p in parts if p.strip()), ""))
    return found


def _number(value: str) -> str:
    """A phone number as written, without vCard 4's ``tel:`` form
    (``tel:+1-555-0100;ext=12``)."""
    if value[:4].lower() != "tel:":
        return value
    number, _sep, extension = value[4:].partition(";ext=")
    return f"{number} ext. {extension}" if extension else number


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
        phones=[_number(unescape(line.value)) for line in _values(card, "TEL")],
        notes="\n".join(unescape(line.value) for line in _values(card, "NOTE")),
        tags=tags,
        dates=_dates(card),
        where=where,
    )


#: The properties an important date is read from; those of a known label.
_DATED = frozenset(["BDAY", "ANNIVERSARY", "X-ANNIVERSARY", "X-ABDATE", "X-ANDROID-CUSTOM"])
_LABELLED = {"BDAY": "birthday", "ANNIVERSARY": "anniversary", "X-ANNIVERSARY": "anniversary"}


def _dates(card: Card) -> list[dict[str, Any]]:
    """The card's important dates, the first of each label (an unreadable
    one left out)."""
    found: dict[str, dict[str, Any]] = {}
    for label, line in _dated(card):
        key = label.casefold()
        if key in found:
            continue
        params = line.params if line.written or line.parsed else {}
        day = day_of(unescape(line.value), no_year="X-APPLE-OMIT-YEAR" in params)
        if day is not None:
            # X-SJ-ONE-OFF: a date that does not come back yearly (sj export).
            once = "X-SJ-ONE-OFF" in params and not day.startswith("--")
            found[key] = {"label": label, "date": day, "yearly": not once}
    return list(found.values())


def _dated(card: Card) -> list[tuple[str, Line]]:
    """Each line that holds a date, with its label."""
    present = _DATED.intersection(card)
    if not present:
        return []
    dated = [
        (label, line) for name, label in _LABELLED.items() if name in present for line in card[name]
    ]
    if "X-ABDATE" in present:
        labels = {line.group: unescape(line.value) for line in _values(card, "X-ABLABEL")}
        for line in card["X-ABDATE"]:
            label = labels.get(line.group, "") if line.group else ""
            apple = _APPLE_LABEL.fullmatch(label)
            dated.append(((apple[1] if apple else label).lower() or "date", line))
    for line in _values(card, "X-ANDROID-CUSTOM"):
        parts = line.value.split(";")
        if parts[0].endswith("contact_event") and len(parts) > 2:
            dated.append((_ANDROID_EVENT.get(parts[2], "date"), Line(line.name, parts[1])))
    return dated
