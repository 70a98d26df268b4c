"""Pane 2: the journal, newest first, of one stakeholder or of everyone."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widget import Widget

from journal.dates import format_ago
from journal.journal import Journal

from .. import keys
from ..messages import JournalScopeChanged
from ..text import clean, one_line
from .line import Line
from .pane import Pane
from .rowlist import RowList


class EntryList(RowList):
    """One line per entry: date, formal or informal, channel, the text on one line (⏎ marks a newline)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = RowList.COMPONENT_CLASSES | {
        "entries--date",
        "entries--informal",
        "entries--formal",
        "entries--who",
    }

    names: dict[str, str] = {}
    show_names = False

    def render_item(self, entry: dict[str, Any], width: int) -> Text:
        style = self.get_component_rich_style
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(str(entry.get("date", ""))[:10], style("entries--date", partial=True))
        formal = entry.get("formal", True)
        kind_style = style("entries--formal" if formal else "entries--informal", partial=True)
        if width >= 56:
            text.append(" formal   " if formal else " informal ", kind_style)
            text.append(clean(entry.get("channel") or "")[:10].ljust(11))
        else:
            text.append(" F " if formal else " I ", kind_style)
        if self.show_names:
            who = ", ".join(clean(self.names.get(s, "?")) for s in entry.get("stakeholders", ()))[
                :width
            ]
            text.append(who + ": ", style("entries--who", partial=True))
        text.append(one_line(str(entry.get("summary") or "")[:width]))
        open_items = sum(1 for f in entry.get("follow_ups") or () if not f.get("done"))
        if open_items:
            text.append(f"  ⚑{open_items}", style("entries--informal", partial=True))
        return text


class JournalPane(Pane):
    """A title line and the virtual list of entries."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("journal")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.show_all = False
        self.stakeholder: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        yield Line(id="journal-summary")
        yield EntryList(id="entry-list")

    @property
    def list(self) -> EntryList:
        return self.query_one(EntryList)

    @property
    def selected(self) -> dict[str, Any] | None:
        return self.list.item

    def show(
        self, journal: Journal, stakeholder: dict[str, Any] | None, reasons: tuple[str, ...] = ()
    ) -> None:
        """Show the entries of ``stakeholder`` (or of everyone in 'all' mode),
        with what makes them due (``follow-up 3d late``)."""
        self.stakeholder = stakeholder
        self.reasons = reasons
        entries_list = self.list
        keep = self.selected
        if self.show_all:
            entries = journal.interactions_of(None)
            entries_list.names = journal.names()
            entries_list.show_names = True
        elif stakeholder is None:
            # Nobody highlighted (a filter that matches no one): nothing
            # here to edit or delete by mistake.
            entries = []
        else:
            entries = journal.interactions_of(stakeholder.get("id"))
            entries_list.show_names = False
        position = 0
        if keep is not None and keep in entries[: entries_list.cursor + 50]:
            position = entries.index(keep)
        entries_list.set_items(entries, cursor=position)
        summary = Text(no_wrap=True, overflow="ellipsis")
        if self.show_all:
            summary.append("Everyone", "bold")
        elif stakeholder is None:
            summary.append("No one highlighted", "bold")
        else:
            summary.append(clean(stakeholder.get("name", "")), "bold")
            if self.reasons:  # what makes them due, before the rest can be cut
                summary.append(" · " + "; ".join(self.reasons), "bold")
        count = len(entries)
        summary.append(f" · {count} entr{'y' if count == 1 else 'ies'}")
        if entries:
            summary.append(f" · last {format_ago(entries[0].get('date'), journal.today())}")
        elif not self.show_all and stakeholder is not None:
            summary.append(" · press n to log the first contact")
        self.query_one("#journal-summary", Line).update(summary)

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self.post_message(JournalScopeChanged())

    def main_widget(self) -> Widget:
        return self.list
