"""Find the stakeholder a user means from what they typed: an id, the start
of an id, a full name, ``name (organization)``, or part of a name."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from .errors import AmbiguousError, InputError, NotFoundError
from .rules import described, fold, identity_key, normal_tag

# Shorter hex strings are too often ordinary words or name fragments ("ada").
MIN_ID_PREFIX = 6
SHORT_ID = 6
_MAX_LISTED = 5
#: How close (0-100, rapidfuzz's weighted ratio) a name must be to be
#: suggested for an unknown one, and how many are suggested at most.
SUGGEST_SCORE = 75
SUGGEST_MAX = 3
SUGGEST_SPREAD = 8
_HEX = re.compile(r"[0-9a-f]+")
#: ``Ana Ruiz (Forestry Board)`` or ``Ana Ruiz (Forestry Board, 3f9a2c)``, as
#: an ambiguity message lists them.
_QUALIFIED = re.compile(r"(?P<name>.+?)\s*\((?P<inner>[^()]*)\)\s*")


def resolve_stakeholder(query: str, stakeholders: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The one live stakeholder (raw dict) that ``query`` names.

    Tried in order: exact id; a unique id prefix of at least six hex digits;
    ``name (organization)`` (with or without the id prefix after a comma, as
    :func:`journal.rules.described` writes it); the exact full name; a
    unique part of a name (whole words first: ``ana`` is Ana Menon before
    Aiyana). Names are compared ignoring case and accents
    (``chloe`` is Chloé).

    Raises InputError for an empty query, NotFoundError when nothing matches
    (naming the closest names, in ``candidates`` too: never applied by
    itself) and AmbiguousError (with ``candidates``) when several match.
    """
    text = query.strip()
    if not text:
        raise InputError("Type a stakeholder's name or id.")
    stakeholders = list(stakeholders)
    live = [s for s in stakeholders if not s.get("deleted")]
    hits = _named(text, live)
    if hits:
        return _only(text, hits)
    # Someone folded into another stakeholder (merge-people), named as they
    # could have been before: say who holds their entries now.
    gone = _named(text, [s for s in stakeholders if s.get("deleted") and s.get("merged_into")])
    if merged := _merged_away(gone, stakeholders):
        raise NotFoundError(merged)
    close = closest_names(text, [s.get("name", "") for s in live])
    if close:
        raise NotFoundError(
            f"No stakeholder matches '{text}'; did you mean {_either(close)}?", candidates=close
        )
    raise NotFoundError(f"No stakeholder matches '{text}'.", hint="names")


def _named(text: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records ``text`` names, by the first rule that finds any (the
    order :func:`resolve_stakeholder` gives)."""
    key = text.casefold()
    for record in records:
        if record.get("id", "").casefold() == key:
            return [record]
    if len(key) >= MIN_ID_PREFIX and _HEX.fullmatch(key):
        hits = [s for s in records if s.get("id", "").casefold().startswith(key)]
        if hits:
            return hits
    if (qualified := _QUALIFIED.fullmatch(text)) and (hits := _qualified(qualified, records)):
        return hits
    name_key = identity_key(text)[0]
    folded = [(identity_key(s.get("name", ""))[0], s) for s in records]
    # The whole name; then a whole word of a name (``ana`` is Ana Menon,
    # not Aiyana); then anywhere in a name.
    word = re.compile(rf"(?<!\w){re.escape(name_key)}(?!\w)")
    rules: tuple[Callable[[str], object], ...] = (
        lambda name: name == name_key,
        word.search,
        lambda name: name_key in name,
    )
    for fits in rules:
        hits = [s for name, s in folded if fits(name)]
        if hits:
            return hits
    return []


def _merged_away(gone: list[dict[str, Any]], stakeholders: list[dict[str, Any]]) -> str | None:
    """Who the stakeholders in ``gone`` (folded into others by merge-people)
    are now, as one line; None when ``gone`` is empty."""
    by_id = {s.get("id", ""): s for s in stakeholders}
    said = []
    for record in gone[:_MAX_LISTED]:
        kept, seen = record, set()
        while kept.get("merged_into") and kept.get("id") not in seen:
            seen.add(kept.get("id"))
            kept = by_id.get(kept["merged_into"], {})
        if kept and not kept.get("deleted"):
            said.append(f"{record.get('name', '')} was merged into {described(kept, 8)}")
    if not said:
        return None
    return "; ".join(said) + ", who holds their entries now; name them instead."


def closest_names(text: str, names: Iterable[str], limit: int = SUGGEST_MAX) -> list[str]:
    """The names closest to ``text`` (a typo, a missing letter), best first,
    ignoring case and accents; none when nothing is close."""
    scored = closeness(text, names, SUGGEST_SCORE)
    # Only the names nearly as close as the closest.
    top = scored[0][1] if scored else 0
    return [name for name, score in scored if score >= top - SUGGEST_SPREAD][:limit]


def closeness(text: str, names: Iterable[str], cutoff: float) -> list[tuple[str, float]]:
    """Each name at least ``cutoff`` (0-100) close to ``text``, with how
    close, closest first; case and accents ignored."""
    from rapidfuzz import fuzz, process, utils

    # Each whole name, and for a one-word query each word of a name too:
    # "sculy" is close to "Scully", though far from "Dana Scully".
    typed = " ".join(fold(text).split())
    keys: list[str] = []
    owners: list[str] = []
    for name in dict.fromkeys(n for n in names if n):
        folded = " ".join(fold(name).split())
        # (Not initials: "N." is close to anything with an n.)
        words = [w for w in folded.split() if len(w) > 2] if " " not in typed else []
        for key in dict.fromkeys([folded, *words]):
            keys.append(key)
            owners.append(name)
    found = process.extract(
        typed,
        keys,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=None,
        score_cutoff=cutoff,
    )
    best: dict[str, float] = {}
    for _key, score, index in found:  # best first
        best.setdefault(owners[index], score)
    return list(best.items())


def _either(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} or {names[-1]}"


def by_id_prefix(
    records: Iterable[dict[str, Any]],
    key: str,
    *,
    what: str,
    plural: str,
    hint: str,
    min_length: int = 4,
) -> dict[str, Any]:
    """The one record (an entry, a goal, a promise) whose id starts with
    ``key``: too short, none or several each say so in one line."""
    text = key.strip().casefold()
    if len(text) < min_length:
        raise InputError(f"Give at least {min_length} characters of the {what} id.", hint=hint)
    hits = [r for r in records if str(r.get("id", "")).startswith(text)]
    if not hits:
        raise NotFoundError(f"No {what} has an id starting with {text!r}.", hint=hint)
    if len(hits) > 1:
        raise InputError(f"{text!r} matches {len(hits)} {plural}; give more of the id.")
    return hits[0]


def unique_names(stakeholders: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Stakeholder id → the text that names them and no one else: the name,
    or ``name (organization, id prefix)`` when another live stakeholder has
    the same name (what a form fills in, so it resolves back to them)."""
    live = [s for s in stakeholders if not s.get("deleted")]
    counts: dict[str, int] = {}
    for record in live:
        key = identity_key(record.get("name", ""))[0]
        counts[key] = counts.get(key, 0) + 1
    return {
        record.get("id", ""): (
            record.get("name", "")
            if counts[identity_key(record.get("name", ""))[0]] == 1
            else described(record, SHORT_ID)
        )
        for record in live
    }


def _qualified(match: re.Match[str], live: list[dict[str, Any]]) -> list[dict[str, Any]]:
    name = identity_key(match["name"])[0]
    parts = [part.strip() for part in match["inner"].split(",")]
    prefix = parts[-1].casefold() if _HEX.fullmatch(parts[-1].casefold()) else ""
    organization = identity_key(", ".join(parts[:-1] if prefix else parts))[0]
    hits = []
    for record in live:
        their_name, their_org = identity_key(record.get("name", ""), record.get("organization", ""))
        if their_name != name:
            continue
        if prefix and record.get("id", "").casefold().startswith(prefix):
            if not organization or organization == their_org:
                hits.append(record)
        elif not prefix and organization == their_org:
            hits.append(record)
    return hits


def _only(text: str, hits: list[dict[str, Any]]) -> dict[str, Any]:
    if len(hits) == 1:
        return hits[0]
    hits = sorted(hits, key=lambda s: (fold(s.get("name", "")), s.get("id", "")))
    listed = "; ".join(described(s, SHORT_ID) for s in hits[:_MAX_LISTED])
    if len(hits) > _MAX_LISTED:
        listed += f" and {len(hits) - _MAX_LISTED} more"
    raise AmbiguousError(
        f"'{text}' matches {listed}: type the one you mean as shown, or its id.",
        candidates=[s.get("name", "") for s in hits],
    )


def unknown_tag(tag: str, records: Iterable[dict[str, Any]]) -> str | None:
    """None when a live record carries ``tag``; else the words that say so,
    with the closest tags in use (``No one has the tag 'forestri'; did you
    mean forestry?``)."""
    wanted = normal_tag(tag)
    in_use = {normal_tag(t) for r in records if not r.get("deleted") for t in r.get("tags") or ()}
    if wanted in in_use:
        return None
    close = closest_names(wanted, sorted(in_use))
    hint = f"; did you mean {_either(close)}?" if close else "."
    return f"No one has the tag {wanted!r}{hint}"
