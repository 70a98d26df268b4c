"""vCards (2.1, 3.0 and 4.0) as Apple, Google, Android and Outlook write them.

The parsing is vobject's. Before it reads the text, two things vCard 2.1
allows and vobject trips on are put in the form it expects: quoted-printable
values (continued over lines with a trailing ``=``, in a charset of their
own) are decoded, and commas in 2.1's unescaped text values are escaped.
"""

from __future__ import annotations

import quopri
import re
from typing import Any

import vobject

from ..errors import InputError
from .contact import Contact, Parsed, day_of, yearly

#: Text properties whose commas vCard 2.1 leaves unescaped.
_TEXT = frozenset({"FN", "NOTE", "TITLE", "ROLE"})
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")
#: Android's event types (contact_event): 1 anniversary, 3 birthday.
_ANDROID_EVENT = {"1": "anniversary", "3": "birthday"}


def _decode_qp(value: str, charset: str) -> str:
    raw = quopri.decodestring(value.encode("utf-8", "surrogateescape"))
    try:
        text = raw.decode(charset or "utf-8")
    except (LookupError, UnicodeDecodeError):
        text = raw.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def _prepare(text: str) -> str:
    """The text with 2.1's quoted-printable decoded and its commas escaped."""
    lines = text.splitlines()
    out: list[str] = []
    version = ""
    i = 0
    while i < len(lines):
        line = lines[i]
        head, colon, value = line.partition(":")
        params = head.upper().split(";")
        if "ENCODING=QUOTED-PRINTABLE" in params or "QUOTED-PRINTABLE" in params:
            while value.endswith("=") and i + 1 < len(lines):
                i += 1
                value = value[:-1] + lines[i]
            charset = next((p[8:] for p in params if p.startswith("CHARSET=")), "utf-8")
            kept = [
                p
                for p in head.split(";")
                if p.upper() not in ("ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE")
                and not p.upper().startswith("CHARSET=")
            ]
            head, value = ";".join(kept), _decode_qp(value, charset)
        name = params[0].rpartition(".")[2]
        if name == "VERSION":
            version = value.strip()
        elif version == "2.1" and name in _TEXT:
            value = re.sub(r"(?<!\\)([,;])", r"\\\1", value)
        out.append(f"{head}{colon}{value}")
        i += 1
    return "\r\n".join(out) + "\r\n"


def read_vcards(text: str) -> Parsed:
    """Every card in ``text``; a text with no card is refused."""
    parsed = Parsed("vcard")
    try:
        cards = list(vobject.readComponents(_prepare(text), ignoreUnreadable=True))
    except Exception as exc:  # vobject raises many kinds on a broken file
        raise InputError(f"it is not a readable vCard file ({exc})".split("\n")[0]) from None
    number = 0
    for card in cards:
        if getattr(card, "name", "").upper() != "VCARD":
            continue
        number += 1
        where = f"card {number}"
        try:
            contact = _contact(card, where)
        except Exception:  # one damaged card must not stop the rest
            parsed.skipped.append((where, "the card could not be read"))
            continue
        if contact is None:
            parsed.skipped.append((where, "no name"))
        else:
            parsed.contacts.append(contact)
    if not number:
        raise InputError("it holds no vCard (no BEGIN:VCARD ... END:VCARD)")
    return parsed


def _values(card: Any, name: str) -> list[Any]:
    return list(card.contents.get(name, ()))


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if str(v).strip())
    return str(value or "")


def _name(card: Any) -> str:
    for line in _values(card, "fn"):
        if _text(line.value).strip():
            return _text(line.value)
    for line in _values(card, "n"):
        value = line.value
        parts = [
            getattr(value, part, "")
            for part in ("prefix", "given", "additional", "family", "suffix")
        ]
        text = " ".join(_text(p) for p in parts if _text(p).strip())
        if text.strip():
            return text
    return ""


def _contact(card: Any, where: str) -> Contact | None:
    name = _name(card)
    if not name.strip():
        return None
    org = next((line.value for line in _values(card, "org")), "")
    organization = (org[0] if isinstance(org, list) and org else _text(org)) or ""
    role = next((_text(line.value) for line in _values(card, "title")), "") or next(
        (_text(line.value) for line in _values(card, "role")), ""
    )
    tags: list[str] = []
    for line in _values(card, "categories"):
        value = line.value
        tags += value if isinstance(value, list) else str(value).split(",")
    return Contact(
        name=name,
        organization=organization,
        role=role,
        emails=[_text(line.value) for line in _values(card, "email")],
        phones=[_text(line.value) for line in _values(card, "tel")],
        notes="\n".join(_text(line.value) for line in _values(card, "note")),
        tags=[str(t) for t in tags],
        dates=_dates(card),
        where=where,
    )


def _dates(card: Any) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}

    def add(label: str, text: str, *, no_year: bool = False, once: bool = False) -> None:
        for item in yearly(label, day_of(text, no_year=no_year)):
            if once and not item["date"].startswith("--"):
                item["yearly"] = False
            found.setdefault(label.casefold(), item)

    for line in _values(card, "bday"):
        add("birthday", _text(line.value), no_year="X-APPLE-OMIT-YEAR" in line.params)
    for name in ("anniversary", "x-anniversary"):
        for line in _values(card, name):
            add("anniversary", _text(line.value))
    labels = {line.group: _text(line.value) for line in _values(card, "x-ablabel") if line.group}
    for line in _values(card, "x-abdate"):
        label = labels.get(line.group, "") if line.group else ""
        apple = _APPLE_LABEL.fullmatch(label)
        add(
            (apple[1] if apple else label).lower() or "date",
            _text(line.value),
            no_year="X-APPLE-OMIT-YEAR" in line.params,
            once="X-SJ-ONE-OFF" in line.params,  # written by sj export
        )
    for line in _values(card, "x-android-custom"):
        parts = _text(line.value).split(";")
        if parts[0].endswith("contact_event") and len(parts) > 2:
            add(_ANDROID_EVENT.get(parts[2], "date"), parts[1])
    return list(found.values())
