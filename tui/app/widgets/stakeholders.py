"""Pane 1: the stakeholders, most overdue first, filtered as you type."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from journal.cadence import DUE_SOON, NO_CADENCE, OK, OVERDUE, CadenceInfo
from journal.dates import format_ago, format_due
from journal.journal import Journal
from journal.reach_out import Suggestion, reach_out_today
from journal.records import TABLE_STAKEHOLDERS
from journal.rules import fold, name_order
from journal.stakeholder_map import focus_first

from .. import keys
from ..text import clean
from .line import Line
from .pane import Pane
from .reach_out import EMPTY, FOCUS_MARK, ReachOutList, why
from .rowlist import RowList

#: Sort orders: key, label.
SORTS = (
    ("urgency", "most overdue"),
    ("name", "name"),
    ("rank", "rank"),
    ("last", "last contact"),
)
#: The marker of each state: a symbol, so it reads without colour too.
BOLD = Style(bold=True)
MARKS = {OVERDUE: "!", DUE_SOON: "~", OK: "✓", NO_CADENCE: "·"}

WELCOME = (
    "Welcome to your stakeholder journal.\n\n"
    "Nobody is here yet. Press  a  to add the first person or organization "
    "you want to keep in touch with, and say how often (every 2w, monthly...).\n\n"
    "Then press  l  on their row after each contact, and the journal tells you "
    "who is due next. Press  ?  for every key."
)


@dataclass(slots=True)
class StakeholderRow:
    info: CadenceInfo
    raw: dict[str, Any]
    haystack: str
    #: What tells a namesake apart, "(organization, id prefix)"; usually empty.
    qualifier: str = ""

    @property
    def id(self) -> str:
        return self.info.id


def _haystack(raw: dict[str, Any]) -> str:
    tags = raw.get("tags") or []
    parts = [raw.get("name") or "", raw.get("organization") or "", *map(str, tags)]
    return fold("\n".join(parts))


def _sort_key(sort: str):
    if sort == "name":
        return lambda row: (name_order(row.info.name), row.id)
    if sort == "rank":
        return lambda row: (
            row.raw.get("rank") is None,
            row.raw.get("rank") or 0,
            row.info.due or "9999",
            name_order(row.info.name),
        )
    if sort == "last":
        # Longest without contact first; never contacted at the very top.
        return lambda row: (row.info.last_contact or "", name_order(row.info.name))
    return None


class StakeholderList(RowList):
    """The rows: state marker, key influencer star, name, organization,
    last contact and when the next contact is due."""

    COMPONENT_CLASSES: ClassVar[set[str]] = RowList.COMPONENT_CLASSES | {
        "stakeholders--overdue",
        "stakeholders--due-soon",
        "stakeholders--ok",
        "stakeholders--none",
        "stakeholders--key",
        "stakeholders--dim",
    }

    today: dt.date = dt.date.today()

    def render_item(self, row: StakeholderRow, width: int) -> Text:
        info = row.info
        state_class = {
            OVERDUE: "stakeholders--overdue",
            DUE_SOON: "stakeholders--due-soon",
            OK: "stakeholders--ok",
        }.get(info.state, "stakeholders--none")
        state_style = self.get_component_rich_style(state_class, partial=True)
        dim = self.get_component_rich_style("stakeholders--dim", partial=True)
        key_style = self.get_component_rich_style("stakeholders--key", partial=True)
        last = format_ago(info.last_contact, self.today)
        if last == "yesterday":
            last = "1d ago"  # the column holds eight characters
        due = format_due(info.due, self.today)
        speaks = info.reasons[0].split(" ", 1)[0] if info.reasons else "contact"
        if speaks in OBLIGATION_MARKS:  # not the routine contact: say what is due
            due = f"{OBLIGATION_MARKS[speaks]} {due}"
        fixed = 4 + 9 + 11
        rest = max(8, width - fixed)
        show_org = width >= 58
        name_width = rest * 11 // 20 if show_org else rest
        org_width = rest - name_width if show_org else 0
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(MARKS.get(info.state, " "), state_style + BOLD)
        text.append(" ")
        text.append("★" if row.raw.get("key") else " ", key_style)
        text.append(" ")
        name = clean(info.name)
        if row.raw.get("focus"):
            text.append(FOCUS_MARK + " ", key_style)
            name_width -= 2
        if row.qualifier:  # a namesake: the organization and id prefix tell them apart
            name = _namesake(name, clean(row.qualifier), name_width - 1)
        text.append(_fit(name, name_width), state_style if info.state == OVERDUE else "")
        if show_org:
            text.append(
                _fit(clean(str(row.raw.get("organization") or "")[:org_width]), org_width), dim
            )
        text.append(_fit(last, 9, right=True), dim)
        text.append(_fit(due, 11, right=True), state_style)
        return text


#: The mark before a due date that is not the routine contact's.
OBLIGATION_MARKS = {"follow-up": "F", "promise": "P"}


def _namesake(name: str, qualifier: str, width: int) -> str:
    """``name qualifier`` in ``width`` cells, the qualifier kept in view: the
    name gives up room first, down to half the width."""
    if cell_len(name) + 1 + cell_len(qualifier) <= width:
        return f"{name} {qualifier}"
    name_room = max(width // 2, width - 1 - cell_len(qualifier))
    if cell_len(name) > name_room:
        name = set_cell_size(name, max(0, name_room - 1)) + "…"
    rest = width - cell_len(name) - 1
    if cell_len(qualifier) > rest:
        qualifier = set_cell_size(qualifier, max(0, rest - 2)) + "…)"
    return f"{name} {qualifier}"


def _fit(value: str, width: int, *, right: bool = False) -> str:
    """``value`` in ``width`` terminal cells (a CJK character takes two)."""
    if width <= 0:
        return ""
    if cell_len(value) > width - 1:
        value = set_cell_size(value, max(0, width - 2)) + "…"
    pad = " " * max(0, width - 1 - cell_len(value))
    return pad + value + " " if right else value + pad + " "


class ReachOutReady(Message):
    """The reach-out ranking computed by the worker."""

    def __init__(self, items: list[Suggestion]) -> None:
        super().__init__()
        self.items = items


class FilterInput(Input):
    """The filter: Escape clears it and goes back to the list, Down goes to
    the list keeping it."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("filter")

    def action_clear_and_leave(self) -> None:
        self.value = ""
        self.action_leave()

    def action_leave(self) -> None:
        self.post_message(self.Submitted(self, self.value))


class StakeholderPane(Pane):
    """Filter line, summary line, the list, and the welcome on a first run.

    Review mode (``t``) swaps the list for who to reach out to today, ranked,
    with every reason of the highlighted one underneath."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("stakeholders")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rows: list[StakeholderRow] = []
        self.sort = "urgency"
        self.due_only = False
        self.overdue = 0
        self.due_soon = 0
        self.reach_out = False
        self.suggestions: list[Suggestion] = []
        self.reach_out_ready = False
        self._by_id: dict[str, StakeholderRow] = {}
        #: While set, a new view keeps the cursor on this row number.
        self._hold: int | None = None

    def compose(self) -> ComposeResult:
        yield FilterInput(
            placeholder="/ filter: name, organization, tag",
            id="filter",
            compact=True,
        )
        yield Line(id="stakeholder-summary")
        yield StakeholderList(id="stakeholder-list")
        yield ReachOutList(id="reach-out-list")
        yield Static(id="reach-out-why")
        yield Static(Text(WELCOME), id="welcome")

    @property
    def list(self) -> StakeholderList:
        return self.query_one(StakeholderList)

    @property
    def reach_list(self) -> ReachOutList:
        return self.query_one(ReachOutList)

    @property
    def selected(self) -> StakeholderRow | None:
        if self.reach_out:
            item = self.reach_list.item
            return None if item is None else self._by_id.get(item.id)
        return self.list.item

    def reload(self, journal: Journal) -> None:
        """Recompute every row from the journal's in-memory indexes."""
        self.list.today = journal.today()
        table = journal.table(TABLE_STAKEHOLDERS)
        by_id = {raw.get("id"): raw for raw in table.values()}
        unique = journal.unique_names()
        self.rows = [
            StakeholderRow(
                info,
                by_id.get(info.id, {}),
                _haystack(by_id.get(info.id, {})),
                unique.get(info.id, info.name)[len(info.name) :].strip(),
            )
            for info in journal.cadence()
        ]
        self._by_id = {row.id: row for row in self.rows}
        self.overdue = sum(1 for row in self.rows if row.info.state == OVERDUE)
        self.due_soon = sum(1 for row in self.rows if row.info.state == DUE_SOON)
        self.reach_out_ready = False
        if self.reach_out:
            self._rank(journal)
        self.apply_view()

    @work(thread=True, exclusive=True, group="reach-out", exit_on_error=False)
    def _rank(self, journal: Journal) -> None:
        # Changes happen on the UI thread under this lock, so the ranking
        # never reads a table while it is being changed.
        with journal.reading():
            items = reach_out_today(journal)
        self.post_message(ReachOutReady(items))

    @on(ReachOutReady)
    def _ranked(self, message: ReachOutReady) -> None:
        self.suggestions = message.items
        self.reach_out_ready = True
        if self.reach_out:
            self.apply_view()

    def apply_view(self, select_id: str | None = None) -> None:
        """Filter and sort the rows without touching the journal."""
        current = self.selected
        keep = select_id or (current.id if current else None)
        words = fold(self.query_one("#filter", Input).value).split()
        rows = self.rows
        if self.due_only:
            rows = [r for r in rows if r.info.state in (OVERDUE, DUE_SOON)]
        if words:
            rows = [r for r in rows if all(w in r.haystack for w in words)]
        key = _sort_key(self.sort)
        if key is not None:
            rows = sorted(rows, key=key)
        focus = {r.id for r in self.rows if r.raw.get("focus")}
        if focus:
            rows = focus_first(rows, focus)
        if self.reach_out:
            self._apply_reach_out(words, keep)
            return
        position = next((i for i, r in enumerate(rows) if r.id == keep), None)
        if self._hold is not None:
            position = self._hold
        self.list.set_items(rows, cursor=position)
        self._show_summary(len(rows))

    def _apply_reach_out(self, words: list[str], keep: str | None) -> None:
        items = self.suggestions
        if words:
            by_id = self._by_id
            items = [
                s for s in items if s.id in by_id and all(w in by_id[s.id].haystack for w in words)
            ]
        position = next((i for i, s in enumerate(items) if s.id == keep), None)
        self.reach_list.set_items(items, cursor=position)
        self._show_why()
        summary = Text(no_wrap=True, overflow="ellipsis")
        if not self.reach_out_ready:
            summary.append("Reach out today: ranking…", "bold")
        else:
            summary.append(f"Reach out today: {len(items)}", "bold")
            summary.append(" · Enter: brief · l: log · t: everyone")
        self.query_one("#stakeholder-summary", Line).update(summary)

    def _show_why(self) -> None:
        item = self.reach_list.item
        if item is None and self.reach_out_ready:
            text = Text(EMPTY)
        else:
            text = why(item)
        self.query_one("#reach-out-why", Static).update(text)

    @on(RowList.Highlighted, "#reach-out-list")
    def _reach_highlighted(self) -> None:
        self._show_why()

    def action_toggle_reach_out(self) -> None:
        """Switch between everyone and who to reach out to today."""
        self.reach_out = not self.reach_out
        self.query_one("#welcome").display = False
        self.list.display = not self.reach_out
        self.reach_list.display = self.reach_out
        self.query_one("#reach-out-why").display = self.reach_out
        if self.reach_out:
            self.reach_out_ready = False
            self.suggestions = []
            self._rank(self.app.journal)  # type: ignore[attr-defined]
        self.apply_view()
        self.focus_main()

    def _show_summary(self, shown: int) -> None:
        empty = not self.rows
        self.query_one("#welcome").display = empty
        self.list.display = not empty
        self.reach_list.display = False
        self.query_one("#reach-out-why").display = False
        label = dict(SORTS)[self.sort]
        summary = Text(no_wrap=True, overflow="ellipsis")
        summary.append(f"{shown} of {len(self.rows)}", "bold")
        summary.append(f" · sort: {label}")
        if self.due_only:
            summary.append(" · due only", "bold")
        if self.overdue:
            summary.append(f" · ! {self.overdue} overdue")
        self.query_one("#stakeholder-summary", Line).update(summary)

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.apply_view()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.list.focus()

    def action_focus_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.focus()
        field.select_all()  # typing replaces the filter; an arrow keeps it

    def action_toggle_due_only(self) -> None:
        self.due_only = not self.due_only
        self.apply_view()

    def action_cycle_sort(self) -> None:
        keys = [key for key, _label in SORTS]
        self.sort = keys[(keys.index(self.sort) + 1) % len(keys)]
        self.apply_view()
        self.notify(f"Sorted by {dict(SORTS)[self.sort]}", timeout=2)

    @contextmanager
    def keeping_place(self) -> Iterator[None]:
        """Views shown meanwhile keep the cursor on the same row number: after
        a contact is logged, the person sorts down among those in touch and the
        cursor stays where the user was working through who is due."""
        self._hold = self.list.cursor
        try:
            yield
        finally:
            self._hold = None

    def main_widget(self) -> Widget:
        return self.reach_list if self.reach_out else self.list
