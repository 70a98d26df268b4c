"""Find the stakeholder a user means from what they typed: an id, the start
of an id, a full name, ``name (organization)``, or part of a name."""

from __future__ import annotations

import re
from collections.abc import Iterable
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
    key = text.casefold()
    stakeholders = list(stakeholders)
    live = [s for s in stakeholders if not s.get("deleted")]

    for stakeholder in live:
        if stakeholder.get("id", "").casefold() == key:
            return stakeholder
    if len(key) >= MIN_ID_PREFIX and _HEX.fullmatch(key):
        hits = [s for s in live if s.get("id", "").casefold().startswith(key)]
        if hits:
            return _only(text, hits)
    if (qualified := _QUALIFIED.fullmatch(text)) and (hits := _qualified(qualified, live)):
        return _only(text, hits)
    name_key = identity_key(text)[0]
    folded = [(identity_key(s.get("name", ""))[0], s) for s in live]
    hits = [s for name, s in folded if name == name_key]
    if hits:
        return _only(text, hits)
    # Then a whole word of a name (``ana`` is Ana Menon, not Aiyana), then
    # anywhere in a name.
    word = re.compile(rf"(?<!\w){re.escape(name_key)}(?!\w)")
    hits = [s for name, s in folded if word.search(name)]
    if hits:
        return _only(text, hits)
    hits = [s for name, s in folded if name_key in name]
    if hits:
        return _only(text, hits)
    if merged := _merged_away(key, stakeholders):
        raise NotFoundError(merged, hint="names")
    close = closest_names(text, [s.get("name", "") for s in live])
    if close:
        raise NotFoundError(
            f"No stakeholder matches '{text}'; did you mean {_either(close)}?", candidates=close
        )
    raise NotFoundError(f"No stakeholder matches '{text}'.", hint="names")


def _merged_away(key: str, stakeholders: list[dict[str, Any]]) -> str | None:
    """What to say when ``key`` (folded) names a stakeholder folded into
    another one (``sj merge-people``), by id, id prefix or whole name: who
    holds their entries now. None when it names no one merged."""
    by_id = {s.get("id", ""): s for s in stakeholders}
    name_key = identity_key(key)[0]
    for gone in stakeholders:
        if not (gone.get("deleted") and gone.get("merged_into")):
            continue
        rid = gone.get("id", "").casefold()
        if not (
            rid == key
            or (len(key) >= MIN_ID_PREFIX and _HEX.fullmatch(key) and rid.startswith(key))
            or identity_key(gone.get("name", ""))[0] == name_key
        ):
            continue
        kept, seen = gone, set()
        while kept.get("merged_into") and kept.get("id") not in seen:
            seen.add(kept.get("id"))
            kept = by_id.get(kept["merged_into"], {})
        if kept and not kept.get("deleted"):
            return (
                f"{gone.get('name', '')} was merged into {described(kept, 8)}, "
                "who holds their entries now; name them instead."
            )
    return None


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
