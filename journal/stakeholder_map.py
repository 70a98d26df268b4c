"""The stakeholder map: influence × interest, the rank order, the focus set.

Influence and interest are scores from 1 to 5; 4 and 5 count as high. The
four quadrants, in the project's words:

- ``partner``: high influence, high interest: work closely together;
- ``satisfy``: high influence, low interest: keep them satisfied, briefly;
- ``inform``: low influence, high interest: keep them in the loop;
- ``watch``: low influence, low interest: light touch, watch for change.

Stakeholders without both scores are "unplaced". Each point carries its
cadence state (for colour), the key-influencer and focus flags (for symbol).

The rank order says how strategic each relationship is (1 = most); reordering
renumbers every ranked stakeholder 1..n in one save. The focus set is the 3-5
relationships to develop this month; it is listed first everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import InputError
from .records import TABLE_STAKEHOLDERS
from .rules import name_order

HIGH = 4  # a score of 4 or 5 is high
QUADRANTS = ("partner", "satisfy", "inform", "watch")
QUADRANT_LABELS = {
    "partner": "work closely together",
    "satisfy": "keep satisfied",
    "inform": "keep in the loop",
    "watch": "light touch",
}
FOCUS_MIN, FOCUS_MAX = 3, 5


@dataclass(frozen=True, slots=True)
class MapPoint:
    """One stakeholder on the map."""

    id: str
    name: str
    influence: int | None
    interest: int | None
    quadrant: str | None  # None when unplaced
    state: str  # cadence state
    key: bool
    focus: bool
    rank: int | None


@dataclass(frozen=True)
class StakeholderMap:
    """Every live stakeholder, by quadrant (focus first, then by rank, name)."""

    quadrants: dict[str, list[MapPoint]] = field(default_factory=dict)
    unplaced: list[MapPoint] = field(default_factory=list)

    def points(self) -> list[MapPoint]:
        """Every placed point."""
        return [p for q in QUADRANTS for p in self.quadrants.get(q, ())]


def _score(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
        return value
    return None


def quadrant_of(influence: int | None, interest: int | None) -> str | None:
    """The quadrant of two 1-5 scores, or None when either is missing."""
    if influence is None or interest is None:
        return None
    if influence >= HIGH:
        return "partner" if interest >= HIGH else "satisfy"
    return "inform" if interest >= HIGH else "watch"


def _rank(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _order(point: MapPoint) -> tuple[bool, int, str, str]:
    return (not point.focus, point.rank or 10**9, name_order(point.name), point.id)


def build_map(journal: Any) -> StakeholderMap:
    """The map of every live stakeholder."""
    states = {info.id: info.state for info in journal.cadence()}
    result = StakeholderMap({q: [] for q in QUADRANTS}, [])
    for raw in journal.records(TABLE_STAKEHOLDERS):
        influence, interest = _score(raw.get("influence")), _score(raw.get("interest"))
        quadrant = quadrant_of(influence, interest)
        point = MapPoint(
            id=raw["id"],
            name=raw.get("name", ""),
            influence=influence,
            interest=interest,
            quadrant=quadrant,
            state=states.get(raw["id"], ""),
            key=bool(raw.get("key")),
            focus=bool(raw.get("focus")),
            rank=_rank(raw.get("rank")),
        )
        (result.unplaced if quadrant is None else result.quadrants[quadrant]).append(point)
    for points in (*result.quadrants.values(), result.unplaced):
        points.sort(key=_order)
    return result


def move(
    journal: Any,
    stakeholder_id: str,
    d_influence: int = 0,
    d_interest: int = 0,
    *,
    save: bool = True,
) -> MapPoint:
    """Move a stakeholder on the grid by whole steps, kept within 1-5. An
    unplaced stakeholder starts from the middle (3, 3). ``save=False`` leaves
    the saving to the caller, as do the other writers here."""
    raw = journal.get(TABLE_STAKEHOLDERS, stakeholder_id)
    if raw is None or raw.get("deleted"):
        raise InputError(f"No stakeholder has the id {stakeholder_id}.")
    influence = min(5, max(1, (_score(raw.get("influence")) or 3) + d_influence))
    interest = min(5, max(1, (_score(raw.get("interest")) or 3) + d_interest))
    journal.update(
        TABLE_STAKEHOLDERS,
        stakeholder_id,
        {"influence": influence, "interest": interest},
        save=save,
    )
    return next(p for p in build_map(journal).points() if p.id == stakeholder_id)


@dataclass(frozen=True, slots=True)
class RankedItem:
    """One line of the rank-order list."""

    id: str
    name: str
    rank: int | None
    organization: str
    key: bool
    focus: bool


def rank_order(journal: Any) -> list[RankedItem]:
    """Ranked stakeholders by rank (ties by name), then the unranked by name."""
    items = [
        RankedItem(
            id=r["id"],
            name=r.get("name", ""),
            rank=_rank(r.get("rank")),
            organization=r.get("organization", ""),
            key=bool(r.get("key")),
            focus=bool(r.get("focus")),
        )
        for r in journal.records(TABLE_STAKEHOLDERS)
    ]
    items.sort(key=lambda i: (i.rank is None, i.rank or 0, name_order(i.name), i.id))
    return items


def reorder(journal: Any, ordered_ids: Sequence[str], *, save: bool = True) -> list[RankedItem]:
    """Rank the given stakeholders 1..n in this order (one save); everyone
    else keeps no rank. Only changed records are written."""
    if len(set(ordered_ids)) != len(ordered_ids):
        raise InputError("A stakeholder appears twice in the new order.")
    wanted = {sid: n for n, sid in enumerate(ordered_ids, start=1)}
    changed = 0
    for raw in list(journal.records(TABLE_STAKEHOLDERS)):
        rank = wanted.pop(raw["id"], None)
        if _rank(raw.get("rank")) != rank:
            journal.update(TABLE_STAKEHOLDERS, raw["id"], {"rank": rank}, save=False)
            changed += 1
    if wanted:
        raise InputError(f"No live stakeholder has the id {next(iter(wanted))}.")
    if changed and save:
        journal.save()
    return rank_order(journal)


def move_rank(
    journal: Any, stakeholder_id: str, position: int, *, save: bool = True
) -> list[RankedItem]:
    """Put one stakeholder at ``position`` (1-based) of the ranked list and
    renumber; an unranked one joins the list there."""
    ranked = [i.id for i in rank_order(journal) if i.rank is not None and i.id != stakeholder_id]
    position = max(1, min(position, len(ranked) + 1))
    ranked.insert(position - 1, stakeholder_id)
    return reorder(journal, ranked, save=save)


@dataclass(frozen=True)
class FocusSet:
    """The focus relationships and advice about the set's size."""

    members: list[RankedItem]
    advice: str  # "" when the set has 3-5 members


def _advice(count: int) -> str:
    if count == 0:
        return (
            f"No focus set yet: pick {FOCUS_MIN}-{FOCUS_MAX} relationships to develop this month."
        )
    if count < FOCUS_MIN:
        more = FOCUS_MIN - count
        return f"Add {more} more to the focus set ({FOCUS_MIN}-{FOCUS_MAX} work best)."
    return ""


def focus_set(journal: Any) -> FocusSet:
    """The current focus set, by rank then name."""
    members = [i for i in rank_order(journal) if i.focus]
    return FocusSet(members, _advice(len(members)))


def set_focus(journal: Any, stakeholder_ids: Sequence[str], *, save: bool = True) -> FocusSet:
    """Make exactly these stakeholders the focus set (one save); an empty
    list clears it. More than five is refused."""
    ids = list(dict.fromkeys(stakeholder_ids))
    if len(ids) > FOCUS_MAX:
        raise InputError(
            f"A focus set holds at most {FOCUS_MAX} relationships, not {len(ids)}: "
            "fewer, deeper conversations work better."
        )
    wanted = set(ids)
    live = {r["id"]: r for r in journal.records(TABLE_STAKEHOLDERS)}
    missing = wanted - live.keys()
    if missing:
        raise InputError(f"No live stakeholder has the id {sorted(missing)[0]}.")
    changed = 0
    for sid, raw in live.items():
        if bool(raw.get("focus")) != (sid in wanted):
            journal.update(TABLE_STAKEHOLDERS, sid, {"focus": sid in wanted}, save=False)
            changed += 1
    if changed and save:
        journal.save()
    return focus_set(journal)


def add_focus(journal: Any, stakeholder_id: str, *, save: bool = True) -> FocusSet:
    """Add one stakeholder to the focus set (at most five)."""
    current = [m.id for m in focus_set(journal).members]
    return set_focus(journal, [*current, stakeholder_id], save=save)


def remove_focus(journal: Any, stakeholder_id: str, *, save: bool = True) -> FocusSet:
    """Take one stakeholder out of the focus set."""
    members = [m.id for m in focus_set(journal).members if m.id != stakeholder_id]
    return set_focus(journal, members, save=save)


def focus_first(items: Sequence[Any], focus_ids: set[str]) -> list[Any]:
    """Items (anything with an ``id``) with the focus set's first, order kept."""
    return sorted(items, key=lambda item: item.id not in focus_ids)
