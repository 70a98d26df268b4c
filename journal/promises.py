"""The promises ledger, both ways: what I promised them, what they promised me.

A promise is ``open`` until marked done; an open promise whose due date has
passed is ``overdue``. Effects elsewhere:

- my open promise pulls the stakeholder's due date to the promise's due date
  (``Journal.obligations`` feeds ``Journal.cadence``), and shows in
  "reach out today" (:mod:`journal.reach_out`);
- their overdue promise is a reason to follow up (also in reach-out).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .dates import stored_date
from .errors import InputError
from .records import TABLE_PROMISES, TABLE_STAKEHOLDERS, Promise
from .resolve import by_id_prefix
from .rules import name_order

OPEN = "open"
OVERDUE = "overdue"
DONE = "done"
#: Shortest id prefix ``sj promise-done`` accepts.
MIN_PREFIX = 4


@dataclass(frozen=True, slots=True)
class PromiseItem:
    """One promise as screens and commands show it."""

    id: str
    stakeholder_id: str
    stakeholder_name: str
    text: str
    due: str | None
    theirs: bool
    status: str  # OPEN, OVERDUE or DONE
    days_late: int  # 0 unless overdue
    interaction: str | None = None

    @property
    def direction(self) -> str:
        """``mine`` (I promised them) or ``theirs`` (they promised me)."""
        return "theirs" if self.theirs else "mine"

    def to_json(self) -> dict[str, Any]:
        """A plain dict for ``--json`` output."""
        return {
            "id": self.id,
            "stakeholder_id": self.stakeholder_id,
            "name": self.stakeholder_name,
            "text": self.text,
            "due": self.due,
            "direction": self.direction,
            "status": self.status,
            "days_late": self.days_late,
        }


def status_of(promise: dict[str, Any], today: dt.date) -> tuple[str, int]:
    """``(status, days_late)`` of a raw promise on ``today``."""
    if promise.get("done"):
        return DONE, 0
    due = stored_date(promise.get("due"))
    if due is not None and due < today:
        return OVERDUE, (today - due).days
    return OPEN, 0


def item_of(promise: dict[str, Any], names: dict[str, str], today: dt.date) -> PromiseItem:
    """A raw promise as a :class:`PromiseItem`."""
    status, late = status_of(promise, today)
    sid = promise.get("stakeholder") or ""
    return PromiseItem(
        id=promise.get("id", ""),
        stakeholder_id=sid,
        stakeholder_name=names.get(sid, "(unknown)"),
        text=promise.get("text", ""),
        due=promise.get("due"),
        theirs=bool(promise.get("theirs")),
        status=status,
        days_late=late,
        interaction=promise.get("interaction"),
    )


def _order(item: PromiseItem) -> tuple[int, str, str, str]:
    rank = {OVERDUE: 0, OPEN: 1, DONE: 2}[item.status]
    return (rank, item.due or "9999-99-99", name_order(item.stakeholder_name), item.id)


def _live_names(journal: Any) -> dict[str, str]:
    return {r["id"]: r.get("name", "") for r in journal.records(TABLE_STAKEHOLDERS)}


def list_promises(
    journal: Any,
    *,
    stakeholder_id: str | None = None,
    include_done: bool = False,
    today: dt.date | None = None,
) -> list[PromiseItem]:
    """Promises (of one stakeholder, or all), overdue first, then by due date
    (no due date last). Promises to deleted stakeholders are left out."""
    today = today or journal.today()
    names = _live_names(journal)
    items = []
    for raw in journal.records(TABLE_PROMISES):
        sid = raw.get("stakeholder")
        if sid not in names or (stakeholder_id is not None and sid != stakeholder_id):
            continue
        if raw.get("done") and not include_done:
            continue
        items.append(item_of(raw, names, today))
    items.sort(key=_order)
    return items


def open_by_stakeholder(journal: Any, today: dt.date | None = None) -> dict[str, list[PromiseItem]]:
    """Open promises grouped by stakeholder id (one pass), each list ordered
    as in :func:`list_promises`."""
    grouped: dict[str, list[PromiseItem]] = {}
    for item in list_promises(journal, today=today):
        grouped.setdefault(item.stakeholder_id, []).append(item)
    return grouped


def follow_up_suggestions(journal: Any, today: dt.date | None = None) -> list[PromiseItem]:
    """Their overdue promises: each one is a reason to get back in touch."""
    return [i for i in list_promises(journal, today=today) if i.theirs and i.status == OVERDUE]


def make_promise(
    journal: Any,
    stakeholder_id: str,
    text: str,
    due: dt.date | None,
    *,
    theirs: bool = False,
    interaction: str | None = None,
    save: bool = True,
) -> PromiseItem:
    """Record a promise (mine, or ``theirs``) and return it."""
    text = text.strip()
    if not text:
        raise InputError('Say what was promised, e.g. "send the draft".')
    who = journal.stakeholder(stakeholder_id)
    record = journal.add(
        Promise(
            stakeholder=who.id,
            text=text,
            due=due.isoformat() if due else None,
            theirs=theirs,
            interaction=interaction,
        ),
        save=save,
    )
    return item_of(record.to_raw(), {who.id: who.name}, journal.today())


def find_promise(journal: Any, prefix: str, *, open_only: bool = True) -> dict[str, Any]:
    """The one promise whose id starts with ``prefix`` (at least four characters)."""
    return by_id_prefix(
        (r for r in journal.records(TABLE_PROMISES) if not (open_only and r.get("done"))),
        prefix,
        what="open promise" if open_only else "promise",
        plural="promises",
        hint="promises",
        min_length=MIN_PREFIX,
    )


def mark_done(journal: Any, prefix: str, *, done: bool = True, save: bool = True) -> PromiseItem:
    """Mark the promise with this id (or id prefix) done (or open again);
    ``save=False`` leaves the saving to the caller (the app saves in the background)."""
    raw = find_promise(journal, prefix, open_only=done)
    updated = journal.update(TABLE_PROMISES, raw["id"], {"done": done}, save=save)
    return item_of(updated, _live_names(journal), journal.today())
