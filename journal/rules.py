"""The small rules every face shares: how a tag is written, whether a contact
was formal, what a score or rank may be, and when two stakeholders are the
same person. The command line and the app call these; neither has a copy.

Messages here say what is wrong, never which command to type: each face adds
its own hint.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from .errors import InputError

# -- tags


def normal_tag(text: str) -> str:
    """A tag in its one stored form: trimmed, inner spaces single, casefolded.

    ``Forestry``, ``forestry`` and `` FORESTRY `` are one tag."""
    return " ".join(str(text).split()).casefold()


def normal_tags(tags: Iterable[str]) -> list[str]:
    """Tags in stored form, each once, sorted; empty ones dropped. A comma
    separates tags wherever they come from (``--tag forestry,key``, a form's
    field, an address book's categories), so no tag holds one, and tags
    written out comma-separated (a CSV export) read back the same."""
    return sorted({tag for text in tags for tag in map(normal_tag, str(text).split(",")) if tag})


def split_tags(text: str) -> list[str]:
    """Tags typed in one field, comma-separated, in stored form."""
    return normal_tags([text])


def has_tag(record: dict[str, Any], tag: str) -> bool:
    """Whether a stakeholder carries ``tag`` (compared in stored form, so a
    tag written by an older version in another case still matches)."""
    wanted = normal_tag(tag)
    return any(normal_tag(t) == wanted for t in record.get("tags") or ())


# -- formal or informal

#: Channels that are informal unless the user says otherwise; every other
#: channel (meeting, call, email, event, visit...) is formal.
INFORMAL_CHANNELS = frozenset(
    {"coffee", "lunch", "dinner", "drinks", "social", "message", "chat", "other"}
)
#: The channel of a contact logged without one.
DEFAULT_CHANNEL = "meeting"
#: The channel of an informal contact logged without one (a quick log).
DEFAULT_INFORMAL_CHANNEL = "other"


def is_formal(channel: str | None, *, personal: bool = False, formal: bool | None = None) -> bool:
    """Whether a contact counts as formal, for goals and reviews.

    An explicit choice wins; otherwise a personal (non-business) conversation
    is informal; otherwise the channel decides (:data:`INFORMAL_CHANNELS`)."""
    if formal is not None:
        return formal
    if personal:
        return False
    return normal_channel(channel) not in INFORMAL_CHANNELS


def normal_channel(channel: str | None) -> str:
    return (channel or DEFAULT_CHANNEL).strip().casefold() or DEFAULT_CHANNEL


# -- scores and ranks


def score(value: int | str | None, what: str) -> int | None:
    """Influence or interest: a whole number from 1 to 5, or None (not set)."""
    return _whole(value, what, 1, 5)


def rank(value: int | str | None) -> int | None:
    """A rank: 1 (the most strategic) or more, or None (unranked)."""
    return _whole(value, "Rank", 1, None)


def _whole(value: int | str | None, what: str, low: int, high: int | None) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    number = int(text) if text.lstrip("-").isdigit() else None
    if number is None or number < low or (high is not None and number > high):
        upper = f"from {low} to {high}" if high is not None else f"of {low} or more"
        shown = f"not {text!r}" if number is None else f"not {number}"
        raise InputError(f"{what} is a whole number {upper}, {shown}.")
    return number


# -- the same stakeholder


#: Letters that no decomposition takes apart, as they are spelled without
#: their stroke or ligature (``Søren`` is found as ``soren``).
_PLAIN_LETTERS = {
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ı": "i",
    "ħ": "h",
    "ŧ": "t",
}


class _Unmarked(dict[int, "str | int | None"]):
    """The ``str.translate`` table of :func:`fold`: combining marks dropped,
    :data:`_PLAIN_LETTERS` spelled out, every other character kept. Filled
    as characters are first seen, so a translation runs at C speed."""

    def __missing__(self, code: int) -> str | int | None:
        char = chr(code)
        value = None if unicodedata.combining(char) else _PLAIN_LETTERS.get(char, code)
        self[code] = value
        return value


_UNMARKED = _Unmarked()


def fold(text: str) -> str:
    """``text`` as compared when case and accents do not matter: decomposed
    (NFKD), casefolded, without its combining marks, and with the letters
    that do not decompose spelled plainly. ``Chloé`` and ``CHLOE`` fold
    alike, and so do ``Straße`` and ``strasse``, ``Søren`` and ``Soren``.

    Each character folds on its own (nothing depends on its neighbours), so
    a text folds to the concatenation of its characters' folds."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).casefold().translate(_UNMARKED)


def name_order(name: str) -> str:
    """How names sort, everywhere: without case or accents, so Émilie
    comes before Zofia, not after Z."""
    return fold(name)


def _folded(text: str) -> str:
    return fold(" ".join(str(text).split()))


def identity_key(name: str, organization: str = "") -> tuple[str, str]:
    """Two stakeholders with the same key are one person: the same name and
    organization, ignoring case, accents and extra spaces."""
    return _folded(name), _folded(organization)


def same_name(
    name: str, organization: str, stakeholders: Iterable[dict[str, Any]], *, skip: str = ""
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The live stakeholder that is this one (same name and organization), and
    the others of the same name elsewhere. ``skip`` is the id being edited."""
    key = identity_key(name, organization)
    same = None
    namesakes = []
    for record in stakeholders:
        if record.get("deleted") or record.get("id") == skip:
            continue
        other = identity_key(record.get("name", ""), record.get("organization", ""))
        if other == key:
            same = same or record
        elif other[0] == key[0]:
            namesakes.append(record)
    return same, namesakes


_EMAIL_SPLIT = re.compile(r"[\s,;]+")


def emails_of(value: str) -> list[str]:
    """The addresses in an e-mail field (one, or several separated by commas)."""
    return [e for e in _EMAIL_SPLIT.split(value or "") if "@" in e]


def _phone_key(phone: str) -> str:
    return re.sub(r"\D", "", phone) or phone.strip()


def contacts_in(field: str, text: Any) -> list[str]:
    """The addresses of an e-mail field, or the numbers of a phone field
    (comma-separated), as written."""
    text = str(text or "")
    return (
        emails_of(text) if field == "email" else [p.strip() for p in text.split(",") if p.strip()]
    )


def united_contacts(field: str, current: str, more: Iterable[str]) -> str:
    """An e-mail or phone field (addresses or numbers, comma-separated)
    with ``more`` added: each once, in order; e-mails compared without case,
    phone numbers by their digits. Nothing is dropped: an import and a
    merge of two people keep every address and number."""
    have = contacts_in(field, current)
    key = str.casefold if field == "email" else _phone_key
    seen = {key(value) for value in have}
    for value in more:
        if value.strip() and key(value) not in seen:
            seen.add(key(value))
            have.append(value.strip())
    return ", ".join(have)


def described(record: dict[str, Any], id_length: int = 6) -> str:
    """``Ana Ruiz (Forestry Board, 3f9a2c)``: what tells a stakeholder apart."""
    organization = record.get("organization") or ""
    parts = [organization] if organization else []
    parts.append(record.get("id", "")[:id_length])
    return f"{record.get('name', '')} ({', '.join(parts)})"
