"""Log information shared with stakeholders, with suggestions of who else
might care (their tags or critical issues match the title and tags)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.segment import Segment
from rich.text import Text
from textual import on
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, SelectionList, Static

from journal import sharing
from journal.errors import JournalError
from journal.journal import Journal

from ..text import clean
from .form import FieldError, FormScreen

#: Seconds of quiet typing before the suggestions are looked up again.
SUGGEST_DELAY = 0.3


class TickList(SelectionList[str]):
    """A selection list whose box shows ✓ only when ticked, so it reads
    without colour (the stock one shows an X either way)."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 2 or segments[1].text != "X":
            return strip
        meta = segments[1].style.meta if segments[1].style else {}
        index = meta.get("option")
        ticked = index is not None and self.get_option_at_index(index).value in self.selected
        segments[1] = Segment("✓" if ticked else " ", segments[1].style)
        return Strip(segments, strip.cell_length)


class ShareForm(FormScreen[dict[str, Any]]):
    """Dismisses with title, stakeholder ids, url, note and tags."""

    TALL = True
    HINT = "Space ticks a suggestion · Enter or ctrl+s: log it · Esc: cancel"

    def __init__(self, journal: Journal, who: list[str]) -> None:
        self.journal = journal
        self.who = who
        self._timer: Any = None
        super().__init__(Text("Share information", style="bold"))

    def fields(self) -> Iterable[Widget]:
        names = self.journal.unique_names()
        self.who_text = ", ".join(names.get(sid, "") for sid in self.who)
        yield from self.field("title", "What", placeholder="an article, a report, news")
        yield from self.field("with", "With", self.who_text, placeholder="names, comma-separated")
        yield from self.field("url", "Link", placeholder="optional")
        yield from self.field("tags", "Topics", placeholder="comma-separated, optional")
        yield from self.field("note", "Note", placeholder="the short note sent with it")
        yield self.section("Who else might care")
        yield Static(
            "Type what you share: people whose tags or issues match show here.",
            id="share-hint",
            classes="form-note",
        )
        yield TickList(id="share-suggestions", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#title", Input).focus()

    @on(Input.Changed, "#title, #tags, #with")
    def _typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SUGGEST_DELAY, self._suggest)

    def _tags(self) -> list[str]:
        return [t.strip() for t in self.text("tags").split(",") if t.strip()]

    def _named(self) -> list[str]:
        """Ids of the people typed in "With" (raises on a name that is unknown)."""
        if self.who and self.text("with") == self.who_text:
            return list(self.who)  # as filled in: the people it was opened on
        ids = []
        for part in self.text("with").split(","):
            if part.strip():
                ids.append(self.journal.resolve(part.strip()).id)
        return ids

    def _suggest(self) -> None:
        self._timer = None
        try:
            exclude = self._named()
        except JournalError:
            exclude = []
        found = sharing.suggest_recipients(
            self.journal, self.text("title"), self._tags(), limit=6, exclude=exclude
        )
        options = self.query_one("#share-suggestions", SelectionList)
        ticked = set(options.selected)
        options.clear_options()
        for item in found:
            label = Text(clean(item.name))
            label.append(f"  ({', '.join(item.matched)})", "dim")
            options.add_option((label, item.id, item.id in ticked))
        hint = (
            "Nobody else matches yet."
            if not found
            else "Space ticks someone to share with them too."
        )
        self.query_one("#share-hint", Static).update(hint)

    def build(self) -> dict[str, Any]:
        title = self.text("title")
        if not title:
            raise FieldError("title", "Name what you shared: a title or a few words.")
        try:
            named = self._named()
        except JournalError as exc:
            raise FieldError("with", str(exc)) from None
        ticked = list(self.query_one("#share-suggestions", SelectionList).selected)
        ids = list(dict.fromkeys([*named, *ticked]))
        if not ids:
            raise FieldError("with", "Share with at least one stakeholder: type a name.")
        return {
            "title": title,
            "ids": ids,
            "url": self.text("url"),
            "note": self.text("note"),
            "tags": self._tags(),
        }


def save_share(journal: Journal, values: dict[str, Any]) -> sharing.ShareLogged:
    """Log the share (saved by the caller)."""
    return sharing.log_share(
        journal,
        values["title"],
        values["ids"],
        date=journal.today(),
        url=values["url"],
        note=values["note"],
        tags=values["tags"],
        save=False,
    )
