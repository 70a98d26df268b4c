"""The search screen: results follow each keystroke; Enter opens one.

The words are matched by :mod:`journal.search` over the folded text it
keeps for the journal. The app folds it in a worker after its first frame
and after each save or reload, so a keystroke only looks things up.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from journal.journal import Journal
from journal.search import (
    KIND_LABELS,
    KIND_WIDTH,
    Hit,
    Results,
    field_text,
    look_ahead,
    names_of,
    search,
)
from journal.search_query import Query, parse_query, snippet

from .. import keys
from ..text import clean
from ..widgets.line import Line
from ..widgets.rowlist import RowList

#: How many results the screen lists (the newest).
SHOWN = 200
#: From this width on, a row names the field that matched.
LABELS_FROM = 100
_DONE = object()
HINT = (
    'Every word must match · "a phrase" · -word leaves out · '
    "accents and case ignored · ↓ results · Enter open · Esc back"
)


class SearchResults(RowList):
    """Date, kind, who, the field and the text around the match."""

    COMPONENT_CLASSES: ClassVar[set[str]] = RowList.COMPONENT_CLASSES | {
        "search--dim",
        "search--match",
    }
    DEFAULT_CSS = """
    SearchResults {
        height: 1fr;
        & > .search--dim { color: $foreground-muted; }
        & > .search--match { color: $warning; text-style: bold underline; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.names: dict[str, str] = {}
        self.query = Query()

    def render_item(self, hit: Hit, width: int) -> Text:
        dim = self.get_component_rich_style("search--dim", partial=True)
        match = self.get_component_rich_style("search--match", partial=True)
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{hit.date or '':10} ", dim)
        text.append(f"{KIND_LABELS[hit.kind]:{KIND_WIDTH}} ", dim)
        who = clean(", ".join(names_of(hit, self.names)))
        who_width = max(8, min(24, width // 5))
        who = who if len(who) <= who_width else who[: who_width - 1] + "…"
        text.append(f"{who:{who_width}} ", "bold")
        if width >= LABELS_FROM:
            text.append(f"{hit.label}: ", dim)
        # The text around the match, as much as the row has room for.
        room = max(12, width - text.cell_len)
        part = snippet(self.query, field_text(hit.record, hit.field), room)
        shown, at = part.text, 0
        for start, end in part.marks:
            text.append(clean(shown[at:start]))
            text.append(clean(shown[start:end]), match)
            at = end
        text.append(clean(shown[at:]))
        return text


class SearchInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("search-input")


class SearchScreen(Screen[Hit | None]):
    """Dismisses with the chosen result, or None (Escape)."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("search")

    AUTO_FOCUS = "#search-query"

    def __init__(self, journal: Journal, query: str = "", cursor: int = 0) -> None:
        super().__init__()
        self.journal = journal
        self.initial = query
        #: The result to start on (the one opened last time, when searching again).
        self.initial_cursor = cursor
        self.results = Results([], False)
        #: The text the listed results are for.
        self._shown: str | None = None
        #: The journal version the shown results and names were read at.
        self._version: object = None
        #: The look ahead under way (see _look_ahead).
        self._ahead: Iterator[None] | None = None

    def compose(self) -> ComposeResult:
        yield SearchInput(
            value=self.initial,
            placeholder="Search entries, people, reflections, promises, shares",
            id="search-query",
        )
        yield Line(id="search-summary")
        yield SearchResults(id="search-results")
        yield Static(HINT, id="search-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.show_results(self.initial, cursor=self.initial_cursor)
        self.query_one(SearchInput).focus()

    @property
    def typed(self) -> str:
        return self.query_one(SearchInput).value

    def journal_changed(self) -> None:
        """Another device's changes were merged: search again, staying on
        the same result where it is still there."""
        rows = self.query_one(SearchResults)
        current = rows.item
        self.show_results(self.typed)
        if current is not None:
            for n, hit in enumerate(rows.items):
                if (hit.kind, hit.id) == (current.kind, current.id):
                    rows.cursor = n
                    break

    @on(Input.Changed, "#search-query")
    def _typed(self, event: Input.Changed) -> None:
        if event.value != self._shown:  # not the query it opened with
            self.show_results(event.value)

    def on_key(self, event: events.Key) -> None:
        """A character that reached the screen, not the search box (typed
        before the box had focus, right after the search key, or in the
        results): it goes to the box."""
        if event.is_printable and event.character:
            event.stop()
            box = self.query_one(SearchInput)
            box.focus()
            box.post_message(events.Key(event.key, event.character))

    @on(Input.Submitted, "#search-query")
    def _submitted(self) -> None:
        rows = self.query_one(SearchResults)
        if rows.item is not None:
            self.dismiss(rows.item)

    @on(RowList.Selected, "#search-results")
    def _chosen(self, event: RowList.Selected) -> None:
        if event.item is not None:
            self.dismiss(event.item)

    def show_results(self, typed: str, cursor: int = 0) -> None:
        """Search for ``typed`` and list what matches."""
        query = parse_query(typed)
        rows = self.query_one(SearchResults)
        with self.journal.reading():
            # No snippets here: each row makes its own, to its width.
            self.results = search(self.journal, query, limit=SHOWN, width=0)
            version = self.journal.storage.version
            if version != self._version:  # someone added or renamed meanwhile
                self._version = version
                rows.names = self.journal.names()
        self._shown = typed
        # A search that stopped at its limit saw the newest records only:
        # between keys, look further for what the next query will look for.
        self._ahead = look_ahead(self.journal, query) if self.results.more else None
        if self._ahead is not None:
            self.call_after_refresh(self._look_ahead, self._ahead)
        hits = self.results.hits
        rows.query = query
        rows.set_items(hits, cursor=min(cursor, max(0, len(hits) - 1)))
        summary = Text(no_wrap=True, overflow="ellipsis")
        if not typed.strip():
            summary.append("Type what you are looking for.")
        elif not query:  # only -words: they leave out, they find nothing
            summary.append("Type a word to look for; a -word only leaves out.")
        elif not hits:
            summary.append("Nothing matches.", "bold")
        else:
            count = f"the {len(hits)} newest" if self.results.more else str(len(hits))
            summary.append(f"{count} match{'' if count == '1' else 'es'}", "bold")
            summary.append(" · newest first")
        self.query_one("#search-summary", Line).update(summary)

    def _look_ahead(self, steps: Iterator[None]) -> None:
        """One step of the look ahead, then the next one once the screen is
        idle (after a key that came meanwhile, and its frame); dropped once
        another search replaced it."""
        if steps is self._ahead and next(steps, _DONE) is not _DONE:
            self.call_after_refresh(self._look_ahead, steps)

    def action_focus_results(self) -> None:
        self.query_one(SearchResults).focus()

    def action_focus_query(self) -> None:
        self.query_one(SearchInput).focus()
