"""Folding one stakeholder record into another (``sj merge-people KEEP OTHER``),
safely across machines.

:func:`merge_people` fills KEEP's empty fields from OTHER, unites their tags,
e-mails, phones and important dates, makes every entry, promise, share,
reflection and goal that named OTHER name KEEP, and turns OTHER into a
tombstone whose ``merged_into`` is KEEP's id and whose ``merged_versions``
lists the versions of OTHER that were folded.

Another machine may edit OTHER, or log a contact with OTHER, before it has
seen the merge. Once the two copies meet (:mod:`journal.merge` keeps both
sides), :func:`settle` finds the versions of OTHER that no tombstone folded,
carries their changes over to KEEP, re-points what names OTHER, and writes
OTHER's tombstone again: the edit lands on KEEP, never lost, and never brings
OTHER back. The journal runs it after opening and before each change that
follows a merge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .changes import note_profile_changes
from .errors import InputError, NotFoundError
from .important_dates import has_label
from .merge import version_key
from .records import (
    SYSTEM_FIELDS,
    TABLE_GOALS,
    TABLE_INTERACTIONS,
    TABLE_PROMISES,
    TABLE_REFLECTIONS,
    TABLE_SHARES,
    TABLE_STAKEHOLDERS,
)
from .rules import contacts_in, normal_tags, united_contacts

Raw = dict[str, Any]

#: Fields never carried from OTHER to KEEP.
_OWN = frozenset({*SYSTEM_FIELDS, "name", "merged_into", "merged_versions", "profile_log", "focus"})
_LISTED = ("email", "phone")
#: Tables whose records name one stakeholder (field) or several (list).
_ONE = (
    (TABLE_PROMISES, "stakeholder"),
    (TABLE_REFLECTIONS, "stakeholder"),
    (TABLE_GOALS, "stakeholder"),
)
_MANY = ((TABLE_INTERACTIONS, "stakeholders"), (TABLE_SHARES, "stakeholders"))


@dataclass
class Merged:
    keep: str
    other: str
    filled: list[str] = field(default_factory=list)
    #: (field, KEEP's value kept, OTHER's value).
    kept: list[tuple[str, str, str]] = field(default_factory=list)
    #: Table → how many of its records now name KEEP.
    repointed: dict[str, int] = field(default_factory=dict)


def _live(journal: Any, stakeholder_id: str) -> Raw:
    raw = journal.get(TABLE_STAKEHOLDERS, stakeholder_id)
    if raw is None or raw.get("deleted"):
        raise NotFoundError(f"No stakeholder has the id {stakeholder_id}.", hint="names")
    return raw


def _fold(keep: Raw, other: Raw, merged: Merged | None) -> Raw:
    """KEEP's changes that take in OTHER: empty fields filled, lists united."""
    changes: Raw = {}
    for name, value in other.items():
        if name in _OWN or value in (None, "", [], False):
            continue
        current = keep.get(name)
        if name == "tags":
            united = normal_tags([*(current or ()), *value])
            if united != normal_tags(current or ()):
                changes[name] = united
        elif name == "dates":
            more = [d for d in value if not has_label(current or (), str(d.get("label", "")))]
            if more:
                changes[name] = [*(current or ()), *more]
        elif name in _LISTED:
            united = united_contacts(name, str(current or ""), contacts_in(name, value))
            if united != (current or ""):
                changes[name] = united
        elif current in (None, "", [], False):
            changes[name] = value
        elif (
            current != value and merged is not None and isinstance(value, str) and name != "source"
        ):  # (where each came from differing is no clash worth reading)
            merged.kept.append((name, str(current), value))
    return changes


def merge_people(journal: Any, keep_id: str, other_id: str) -> Merged:
    """Fold OTHER into KEEP (see the module docstring)."""
    if keep_id == other_id:
        raise InputError("Name two different stakeholders: the one to keep, then the other.")
    keep, other = _live(journal, keep_id), _live(journal, other_id)
    merged = Merged(keep_id, other_id)
    changes = _fold(keep, other, merged)
    merged.filled = sorted(changes)
    if changes:
        changes = note_profile_changes(keep, changes, journal.today())
        journal.update(TABLE_STAKEHOLDERS, keep_id, changes)
    merged.repointed = repoint(journal, {other_id: keep_id})
    folded = sorted({version_key(other), *(version_key(v) for v in other.get("history", ()))})
    journal.update(
        TABLE_STAKEHOLDERS,
        other_id,
        {"deleted": True, "merged_into": keep_id, "merged_versions": folded},
    )
    return merged


def repoint(journal: Any, moved: dict[str, str]) -> dict[str, int]:
    """Make every record that names a key of ``moved`` name its value
    (deleted ones too, so a restored record follows). One pass over each
    table with a set test per record: it runs after each merge of copies."""
    counts: dict[str, int] = {}
    for table, name in _ONE:
        hits = [r for r in journal.table(table).values() if r.get(name) in moved]
        for record in hits:
            journal.update(table, record["id"], {name: moved[record[name]]})
        if hits:
            counts[table] = len(hits)
    for table, name in _MANY:
        hits = [
            r
            for r in journal.table(table).values()
            if not moved.keys().isdisjoint(r.get(name) or ())
        ]
        for record in hits:
            now: list[str] = []
            for sid in record[name]:
                sid = moved.get(sid, sid)
                if sid not in now:
                    now.append(sid)
            journal.update(table, record["id"], {name: now})
        if hits:
            counts[table] = len(hits)
    return counts


# -- after another machine's copy arrived


def folded_into(journal: Any, keep_id: str) -> list[Raw]:
    """The stakeholders folded into ``keep_id`` by merge-people (their
    tombstones), in the order they were made."""
    return [
        r
        for r in journal.records(TABLE_STAKEHOLDERS, include_deleted=True)
        if r.get("deleted") and r.get("merged_into") == keep_id
    ]


def _target(journal: Any, start: str) -> str | None:
    """Where a chain of merges ends (KEEP may itself have been merged)."""
    seen = set()
    current = start
    while current not in seen:
        seen.add(current)
        raw = journal.get(TABLE_STAKEHOLDERS, current)
        if raw is None:
            return None
        if not raw.get("merged_into"):
            return current
        current = raw["merged_into"]
    return None


def settle(journal: Any) -> int:
    """Carry over to KEEP what arrived for merged stakeholders (see the
    module docstring); returns how many stakeholders needed it. Writes only
    when something did (inside the caller's change or save)."""
    moved: dict[str, str] = {}
    settled = 0
    for record in list(journal.records(TABLE_STAKEHOLDERS, include_deleted=True)):
        versions = [record, *record.get("history", ())]
        tombs = [v for v in versions if v.get("merged_into")]
        if not tombs:
            continue
        newest = max(tombs, key=lambda v: (v.get("updated_at", ""), v.get("device", "")))
        target = _target(journal, newest["merged_into"])
        if target is None or target == record["id"]:
            continue
        moved[record["id"]] = target
        known = {version_key(t) for t in tombs}
        for tomb in tombs:
            known.update(tomb.get("merged_versions") or ())
        fresh = [v for v in versions if not v.get("merged_into") and version_key(v) not in known]
        if not fresh and record.get("merged_into") and record.get("deleted"):
            continue
        settled += 1
        keep = journal.get(TABLE_STAKEHOLDERS, target) or {}
        changes: Raw = {}
        for version in sorted(fresh, key=lambda v: v.get("updated_at", "")):
            changes.update(_edits(newest, version, {**keep, **changes}))
        if changes:
            changes = note_profile_changes(keep, changes, journal.today())
            journal.update(TABLE_STAKEHOLDERS, target, changes)
        journal.update(
            TABLE_STAKEHOLDERS,
            record["id"],
            {
                "deleted": True,
                "merged_into": target,
                "merged_versions": sorted(known | {version_key(v) for v in fresh}),
            },
        )
    if moved:
        repoint(journal, moved)
    return settled


def _edits(base: Raw, version: Raw, keep: Raw) -> Raw:
    """What ``version`` (an edit of OTHER made without seeing the merge)
    changed since ``base`` (OTHER as it was folded), as changes to KEEP:
    a changed value replaces KEEP's, an added tag, date or address is added."""
    changes: Raw = {}
    for name, value in version.items():
        if name in _OWN or name == "deleted" or base.get(name) == value:
            continue
        if name in ("tags", "dates", *_LISTED):
            base_only = {k: v for k, v in version.items() if k == name}
            added = _fold(keep, base_only, None)
            changes.update(added)
        else:
            changes[name] = value
    return changes
