"""The promises ledger, both ways, and the form for a new promise."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Label, Select, Static

from journal import promises as ledger
from journal.dates import format_due, parse_due
from journal.journal import Journal

from .. import keys
from ..text import clean
from ..widgets.line import Line
from ..widgets.rowlist import RowList
from .form import FieldError, FormScreen

#: Status → symbol and style: the symbol reads without colour.
STATUS_MARKS = {
    ledger.OVERDUE: ("!", "bold red"),
    ledger.OPEN: ("○", "yellow"),
    ledger.DONE: ("✓", "green"),
}
MINE = "you → them"
THEIRS = "them → you"


class PromiseForm(FormScreen[dict[str, Any]]):
    """Dismisses with text, due (a date or None) and theirs."""

    def __init__(self, name: str, today: dt.date) -> None:
        self.today = today
        super().__init__(Text("New promise · ", style="bold") + Text(clean(name)))

    def fields(self) -> Iterable[Widget]:
        yield self.row(
            "Who promised",
            Select(
                [("I promised them", "mine"), ("they promised me", "theirs")],
                value="mine",
                id="direction",
                compact=True,
                allow_blank=False,
            ),
        )
        yield from self.field("text", "What", placeholder="send the draft budget")
        yield from self.field(
            "due", "Due", placeholder="friday, in 2w, 2026-12-15; empty: no date", check=self._due
        )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#text").focus()

    def _due(self, text: str) -> dt.date | None:
        return parse_due(text, self.today) if text else None

    def build(self) -> dict[str, Any]:
        text = self.text("text")
        if not text:
            raise FieldError("text", "Say what was promised, in a few words.")
        return {
            "text": text,
            "due": self._due(self.text("due")),
            "theirs": self.choice("direction") == "theirs",
        }


class PromiseList(RowList):
    """Status, direction, who, what, when."""

    today: dt.date = dt.date.today()

    def render_item(self, item: ledger.PromiseItem, width: int) -> Text:
        mark, style = STATUS_MARKS.get(item.status, ("?", ""))
        done = item.status == ledger.DONE
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{mark} ", style)
        text.append(f"{THEIRS if item.theirs else MINE}  ", "cyan" if item.theirs else "magenta")
        who_width = max(8, min(22, width // 5))
        who = clean(item.stakeholder_name)
        who = who if len(who) < who_width else who[: who_width - 2] + "…"
        text.append(who.ljust(who_width), "bold")
        due = "" if done else format_due(item.due, self.today) if item.due else "no date"
        what_width = max(6, width - len(text) - 12)
        what = clean(" ".join(item.text.split()))
        what = what if len(what) <= what_width else what[: what_width - 1] + "…"
        text.append(what.ljust(what_width), "dim strike" if done else "")
        text.append(due.rjust(11), style if item.status == ledger.OVERDUE else "dim")
        return text


class PromisesScreen(ModalScreen[None]):
    """Every promise, overdue first. Marking one done goes through the app's
    save like every other change."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("promises")

    def __init__(self, journal: Journal) -> None:
        super().__init__()
        self.journal = journal
        self.include_done = False

    def compose(self) -> ComposeResult:
        with Vertical(id="promises-dialog", classes="dialog"):
            yield Label(Text("Promises, both ways", style="bold"), id="form-title")
            yield Line(id="promises-summary")
            yield PromiseList(id="promise-list")
            yield Static(
                "space: done / open · a: show the kept ones too · Esc: close\n"
                "New promise: p on a stakeholder",
                id="form-hint",
            )

    def on_mount(self) -> None:
        rows = self.query_one(PromiseList)
        rows.today = self.journal.today()
        self.reload()
        rows.focus()

    def reload(self, select_id: str | None = None) -> None:
        rows = self.query_one(PromiseList)
        items = ledger.list_promises(self.journal, include_done=self.include_done)
        keep = select_id or (rows.item.id if rows.item else None)
        position = next((i for i, p in enumerate(items) if p.id == keep), None)
        rows.set_items(items, cursor=position)
        mine = sum(1 for p in items if not p.theirs and p.status != ledger.DONE)
        theirs = sum(1 for p in items if p.theirs and p.status != ledger.DONE)
        late = sum(1 for p in items if p.status == ledger.OVERDUE)
        summary = Text(no_wrap=True, overflow="ellipsis")
        summary.append(f"{mine} yours open · {theirs} theirs open", "bold")
        if late:
            summary.append(f" · ! {late} overdue", "bold red")
        if self.include_done:
            summary.append(" · kept ones shown")
        if not items:
            summary = Text("No open promises. Press p on a stakeholder to record one.")
        self.query_one("#promises-summary", Line).update(summary)

    def action_toggle_done(self) -> None:
        item = self.query_one(PromiseList).item
        if item is None:
            return
        done = item.status != ledger.DONE
        app: Any = self.app
        if app.apply(lambda: ledger.mark_done(self.journal, item.id, done=done, save=False)):
            self.notify(
                f"Kept: {clean(item.text)}" if done else f"Open again: {clean(item.text)}",
                markup=False,
                timeout=3,
            )
            self.reload(item.id)

    def action_toggle_all(self) -> None:
        self.include_done = not self.include_done
        self.reload()
