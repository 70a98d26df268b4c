"""Likely duplicate people, and folding one of a pair into the other."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from journal.duplicates import SAME_EMAIL, SAME_NAME, SIMILAR, Pair, find_pairs
from journal.journal import Journal
from journal.people_merge import merge_people
from journal.records import TABLE_STAKEHOLDERS
from journal.rules import described

from .. import keys
from ..text import clean
from ..widgets.line import Line
from ..widgets.rowlist import RowList
from .confirm import ConfirmDialog

#: The reasons, short enough for a column.
REASONS = {SAME_EMAIL: "same e-mail", SAME_NAME: "same name", SIMILAR: "similar"}


class PairList(RowList):
    """Why, the two names, and their organizations."""

    def render_item(self, item: Pair, width: int) -> Text:
        first, second = item.first, item.second
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{REASONS.get(item.reason, item.reason):<13}", "yellow")
        text.append(clean(first.get("name", "")), "bold")
        text.append("  ·  ")
        text.append(clean(second.get("name", "")), "bold")
        orgs = {clean(r.get("organization") or "") for r in (first, second)} - {""}
        if orgs:
            text.append(f"   {' / '.join(sorted(orgs))}", "dim")
        return text


class DuplicatesScreen(ModalScreen[None]):
    """Likely duplicate pairs; m folds the second of a pair into the first,
    r the first into the second (after a question)."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("duplicates")

    def __init__(self, journal: Journal) -> None:
        super().__init__()
        self.journal = journal

    def compose(self) -> ComposeResult:
        with Vertical(id="duplicates-dialog", classes="dialog"):
            yield Label(Text("Likely duplicates", style="bold"), id="form-title")
            yield Line(id="duplicates-summary")
            yield PairList(id="pair-list")
            yield Static(
                "m: keep the first, fold in the second · r: keep the second · Esc: close",
                id="form-hint",
            )

    def on_mount(self) -> None:
        self.reload()
        self.query_one(PairList).focus()

    def reload(self) -> None:
        with self.journal.reading():
            pairs = find_pairs(self.journal.records(TABLE_STAKEHOLDERS))
        self.query_one(PairList).set_items(pairs, cursor=0 if pairs else None)
        summary = (
            f"{len(pairs)} pair{'s' if len(pairs) != 1 else ''} that may be one person"
            if pairs
            else "No likely duplicates."
        )
        self.query_one("#duplicates-summary", Line).update(Text(summary))

    @work
    async def action_fold(self, swap: bool) -> None:
        pair = self.query_one(PairList).item
        if pair is None:
            return
        keep, other = (pair.second, pair.first) if swap else (pair.first, pair.second)
        question = Text("Fold ") + Text(clean(described(other))) + Text(" into ")
        question += Text(clean(described(keep))) + Text("? Their entries will name the one kept.")
        if not await self.app.push_screen_wait(ConfirmDialog(question, yes="Fold")):
            return
        app: Any = self.app
        if app.apply(lambda: merge_people(self.journal, keep["id"], other["id"])) is not None:
            self.notify(
                f"{clean(other.get('name', ''))} folded into {clean(keep.get('name', ''))}."
            )
            self.reload()
