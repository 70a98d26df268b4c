"""Main-screen actions of search: the search screen, and going to a
stakeholder or an entry it found (or the command palette named)."""

from __future__ import annotations

from textual.widgets import Input

from journal.records import TABLE_INTERACTIONS
from journal.search import Hit, field_text

from ..text import clean
from .main_base import MainBase
from .search import SearchScreen

#: The longest text a result is shown by in a notification.
TOLD = 400


class SearchActions(MainBase):
    """Part of the main screen."""

    #: What was searched last, and the result opened: searching again starts there.
    last_search: tuple[str, int] = ("", 0)

    def action_search(self) -> None:
        # Pushed at once (not from a worker), so keys typed right after the
        # search key land in the search box, even before the first frame.
        query, cursor = self.last_search
        screen = SearchScreen(self.journal, query, cursor)

        def chosen(hit: Hit | None) -> None:
            rows = screen.query_one("#search-results")
            self.last_search = (screen.typed, rows.cursor if hit is not None else 0)
            if hit is not None:
                self.open_hit(hit)

        self.app.push_screen(screen, chosen)

    def open_hit(self, hit: Hit) -> None:
        """Show what a search result is: an entry opens in full; anything
        else selects the stakeholder it concerns."""
        if not hit.stakeholder_ids:
            self._tell(hit)
            return
        if not self.go_to_stakeholder(hit.stakeholder_ids[0]):
            return
        if hit.kind == "entry" and self._select_entry(hit.id):
            self.action_open_entry()
        elif hit.kind != "stakeholder":
            self._tell(hit)

    def _tell(self, hit: Hit) -> None:
        """Show the text a result was found in (a reflection, a promise,
        a share: nothing opens them), whole, or its first lines when long."""
        text = clean(field_text(hit.record, hit.field)).strip()
        if len(text) > TOLD:
            text = text[: TOLD - 1].rstrip() + "…"
        self.notify(text or "(empty)", title=hit.label.capitalize(), markup=False, timeout=12)

    def go_to_stakeholder(self, stakeholder_id: str) -> bool:
        """Select a stakeholder in pane 1 (clearing the filter that hides
        them) and show their entries; False when they are no longer here."""
        pane = self.stakeholders
        if not any(row.id == stakeholder_id for row in pane.rows):
            self.notify("That stakeholder was deleted.", severity="warning")
            return False
        if pane.reach_out:
            pane.action_toggle_reach_out()
        if not any(row.id == stakeholder_id for row in pane.list.items):
            pane.due_only = False
            pane.query_one("#filter", Input).value = ""
        pane.apply_view(select_id=stakeholder_id)
        self.journal_pane.show_all = False
        self.refresh_journal()
        pane.list.focus()
        return True

    def _select_entry(self, entry_id: str) -> bool:
        entry = self.journal.get(TABLE_INTERACTIONS, entry_id)
        rows = self.journal_pane.list
        position = next((i for i, item in enumerate(rows.items) if item is entry), None)
        if position is None:
            return False
        rows.cursor = position
        rows.scroll_to(y=max(0, position - 2), animate=False)
        rows.focus()
        return True
