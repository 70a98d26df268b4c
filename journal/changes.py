"""When a stakeholder's profile changed: role, organization, critical issues.

An ordinary edit replaces a record's version, and the merge keeps earlier
versions only when two machines edited concurrently (``history``); the
``superseded`` list keeps version keys, not content. So the journal cannot
tell from those alone when someone changed role. Two sources are used:

1. ``profile_log`` on the stakeholder (the reliable one): each edit that goes
   through :func:`note_profile_changes` appends ``{field, date, before}`` for
   every tracked field whose value changes. ``sj edit`` does; the app's edit
   form should too.
2. ``history`` (a fallback for records edited before the log existed, or on
   another machine by an older version): a kept version whose tracked field
   differs from the current value shows the field changed; it is dated by the
   current version's ``updated_at`` (the change can be no later than that).

Nothing here writes: callers pass the returned changes to ``Journal.update``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: Profile fields whose changes are remembered.
TRACKED_FIELDS = ("role", "organization", "critical_issues", "mandate_direction")
#: How many changes are kept per stakeholder (oldest dropped first).
MAX_LOG = 40


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One change of a tracked field."""

    field: str
    date: str  # ISO day of the change
    before: str
    after: str | None = None  # the value it became, when known


def note_profile_changes(
    previous: Mapping[str, Any], changes: dict[str, Any], today: dt.date
) -> dict[str, Any]:
    """``changes`` plus a ``profile_log`` entry for each tracked field it
    changes (compared with the ``previous`` raw stakeholder). Returns a new
    dict; ``changes`` is left as it was. No entry when nothing tracked changes."""
    entries = []
    for name in TRACKED_FIELDS:
        if name not in changes:
            continue
        before = (previous.get(name) or "").strip()
        after = (changes[name] or "").strip()
        if before != after:
            entries.append({"field": name, "date": today.isoformat(), "before": before})
    if not entries:
        return dict(changes)
    log = [*(previous.get("profile_log") or ()), *entries][-MAX_LOG:]
    return {**changes, "profile_log": log}


def field_changes(stakeholder: Mapping[str, Any], name: str) -> list[FieldChange]:
    """Every known change of one tracked field, oldest first.

    From ``profile_log`` when it has entries for the field; otherwise from
    ``history`` versions with a different value (see the module docstring).
    ``after`` is filled in by walking the log forward to the current value.
    """
    logged = [e for e in stakeholder.get("profile_log") or () if e.get("field") == name]
    current = (stakeholder.get(name) or "").strip()
    if logged:
        logged.sort(key=lambda e: e.get("date") or "")
        out = []
        for i, entry in enumerate(logged):
            after = logged[i + 1].get("before", "") if i + 1 < len(logged) else current
            out.append(FieldChange(name, entry.get("date") or "", entry.get("before") or "", after))
        return out
    stamp = (stakeholder.get("updated_at") or "")[:10]
    seen: set[str] = set()
    out = []
    for version in stakeholder.get("history") or ():
        before = (version.get(name) or "").strip()
        if before != current and before not in seen and stamp:
            seen.add(before)
            out.append(FieldChange(name, stamp, before, current))
    return out


def changed_since(
    stakeholder: Mapping[str, Any], name: str, since: str | None
) -> FieldChange | None:
    """The latest change of ``name`` dated after the ISO day ``since`` (any
    change when ``since`` is None), or None."""
    latest = None
    for change in field_changes(stakeholder, name):
        if (since is None or change.date > since) and (
            latest is None or change.date >= latest.date
        ):
            latest = change
    return latest


def changed_between(
    stakeholders: Iterable[Mapping[str, Any]], name: str, start: str, end: str
) -> list[tuple[Mapping[str, Any], list[FieldChange]]]:
    """Live stakeholders whose ``name`` field changed from ``start`` to
    ``end`` (ISO days, both included), with those changes."""
    out = []
    for stakeholder in stakeholders:
        if stakeholder.get("deleted"):
            continue
        hits = [c for c in field_changes(stakeholder, name) if start <= c.date <= end]
        if hits:
            out.append((stakeholder, hits))
    return out
