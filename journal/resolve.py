"""Find the stakeholder a user means from what they typed: an id, the start
of an id, a full name or part of a name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .errors import AmbiguousError, InputError, NotFoundError

# Shorter hex strings are too often ordinary words or name fragments ("ada").
MIN_ID_PREFIX = 6
SHORT_ID = 6
_MAX_LISTED = 5
_HEX = re.compile(r"[0-9a-f]+")


def resolve_stakeholder(query: str, stakeholders: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The one live stakeholder (raw dict) that ``query`` names.

    Tried in order: exact id; a unique id prefix of at least six hex digits;
    the exact full name, ignoring case; a unique part of a name, ignoring case.

    Raises InputError for an empty query, NotFoundError when nothing matches
    and AmbiguousError (with ``candidates``) when several do.
    """
    text = query.strip()
    if not text:
        raise InputError("Type a stakeholder's name or id.")
    key = text.casefold()
    live = [s for s in stakeholders if not s.get("deleted")]

    for stakeholder in live:
        if stakeholder.get("id", "").casefold() == key:
            return stakeholder
    if len(key) >= MIN_ID_PREFIX and _HEX.fullmatch(key):
        hits = [s for s in live if s.get("id", "").casefold().startswith(key)]
        if hits:
            return _only(text, hits)
    hits = [s for s in live if s.get("name", "").casefold() == key]
    if hits:
        return _only(text, hits)
    hits = [s for s in live if key in s.get("name", "").casefold()]
    if hits:
        return _only(text, hits)
    raise NotFoundError(f"No stakeholder matches '{text}'; try `sj list` to see names.")


def _only(text: str, hits: list[dict[str, Any]]) -> dict[str, Any]:
    if len(hits) == 1:
        return hits[0]
    hits = sorted(hits, key=lambda s: (s.get("name", "").casefold(), s.get("id", "")))
    listed = ", ".join(
        f"{s.get('name', '')} ({s.get('id', '')[:SHORT_ID]})" for s in hits[:_MAX_LISTED]
    )
    if len(hits) > _MAX_LISTED:
        listed += f" and {len(hits) - _MAX_LISTED} more"
    raise AmbiguousError(
        f"'{text}' matches {listed}: type more of the name or use the id.",
        candidates=[s.get("name", "") for s in hits],
    )
