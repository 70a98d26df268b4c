"""The main screen: status line, four panes, and the Footer."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid
from textual.screen import Screen
from textual.widgets import Input

from journal.journal import Journal
from journal.records import TABLE_INTERACTIONS, TABLE_STAKEHOLDERS

from .. import keys
from ..config import Settings
from ..messages import (
    AnswerPrompt,
    GoalsMonthChanged,
    JournalScopeChanged,
    ReflectionContextCleared,
)
from ..widgets.footer import KeyFooter
from ..widgets.goals import GoalsPane
from ..widgets.journal_pane import JournalPane
from ..widgets.pane import Pane
from ..widgets.reflection import ReflectionPane
from ..widgets.rowlist import RowList
from ..widgets.stakeholders import StakeholderPane
from ..widgets.status import StatusLine
from .coach_actions import CoachActions
from .goal_actions import GoalActions
from .people_actions import PeopleActions
from .people_io import InOutActions
from .search_actions import SearchActions

PANES = (
    ("pane-stakeholders", "1 Stakeholders"),
    ("pane-journal", "2 Journal"),
    ("pane-reflection", "3 Reflection"),
    ("pane-goals", "4 Goals"),
)


class MainScreen(
    CoachActions, PeopleActions, InOutActions, GoalActions, SearchActions, Screen[None]
):
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("main")

    @property
    def journal(self) -> Journal:
        return self.app.journal  # type: ignore[attr-defined]

    @property
    def settings(self) -> Settings:
        app: Any = self.app
        return app.settings

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        with Grid(id="panes"):
            yield StakeholderPane(id="pane-stakeholders", classes="pane")
            yield JournalPane(id="pane-journal", classes="pane")
            yield ReflectionPane(id="pane-reflection", classes="pane")
            yield GoalsPane(id="pane-goals", classes="pane")
        yield KeyFooter()

    @property
    def stakeholders(self) -> StakeholderPane:
        return self.query_one(StakeholderPane)

    @property
    def journal_pane(self) -> JournalPane:
        return self.query_one(JournalPane)

    @property
    def reflection(self) -> ReflectionPane:
        return self.query_one(ReflectionPane)

    @property
    def goals(self) -> GoalsPane:
        return self.query_one(GoalsPane)

    def on_mount(self) -> None:
        for pane_id, title in PANES:
            self.query_one(f"#{pane_id}").border_title = title
        self.refresh_data()
        self._restore_after_contact()
        self.stakeholders.focus_main()
        self.call_after_refresh(self.offer_monthly_review)

    def on_resize(self) -> None:
        # On a wide terminal the journal deserves as much room as the list.
        self.set_class(self.size.width >= 140, "-wide")

    # -- showing the journal

    def refresh_data(self) -> None:
        """Re-read everything shown from the journal (after a change or a merge)."""
        journal = self.journal
        # One pass builds every index the panes read (last contacts included).
        journal.build_indexes()
        self.stakeholders.reload(journal)
        self.refresh_journal()
        self.reflection.reload(journal)
        self.refresh_goals()
        self.refresh_status()

    def refresh_journal(self) -> None:
        row = self.stakeholders.selected
        self.journal_pane.show(
            self.journal, row.raw if row else None, row.info.reasons if row else ()
        )

    def refresh_goals(self) -> None:
        self.goals.reload(self.journal)

    def refresh_status(self) -> None:
        app: Any = self.app
        status = self.query(StatusLine)
        if not status:
            return
        status.first().show(
            file=str(self.journal.path.name),
            overdue=self.stakeholders.overdue,
            due_soon=self.stakeholders.due_soon,
            sync=app.sync_state,
            detail=app.sync_detail,
            demo=app.demo,
        )

    @on(RowList.Highlighted, "#stakeholder-list")
    @on(RowList.Highlighted, "#reach-out-list")
    @on(Input.Changed, "#filter")
    def _stakeholder_highlighted(self) -> None:
        # The filter too: the list's own Highlighted does not reach here
        # from inside the filter's Changed handler, and the journal pane
        # must never show someone the list no longer highlights.
        self.refresh_journal()

    @on(RowList.Selected, "#reach-out-list")
    def _reach_out_selected(self) -> None:
        self.action_brief()

    @on(RowList.Selected, "#stakeholder-list")
    def _stakeholder_selected(self) -> None:
        self.journal_pane.focus_main()

    @on(JournalScopeChanged)
    def _journal_scope_changed(self) -> None:
        self.refresh_journal()

    @on(GoalsMonthChanged)
    def _goals_month_changed(self) -> None:
        self.refresh_goals()

    @on(AnswerPrompt)
    def _answer_prompt(self) -> None:
        self.action_answer_prompt()

    @on(ReflectionContextCleared)
    def _reflection_context_cleared(self) -> None:
        self.settings.remember_after_contact(self.journal.path, None)
        self.refresh_data()

    # -- the questions after a contact, kept over a quit

    def offer_after_contact(
        self, entry: dict[str, Any], stakeholder: dict[str, Any] | None
    ) -> None:
        """Pane 3 asks about the contact just logged, until c clears it or
        the next contact replaces it (remembered in the state file)."""
        name = self.display_name(stakeholder) if stakeholder else ""
        self.reflection.show_context(self.journal, entry, stakeholder, name)
        self.settings.remember_after_contact(self.journal.path, entry.get("id"))

    def _restore_after_contact(self) -> None:
        entry_id = self.settings.after_contact.get(str(self.journal.path))
        entry = self.journal.get(TABLE_INTERACTIONS, entry_id) if entry_id else None
        if entry is None or entry.get("deleted"):
            return
        first = (entry.get("stakeholders") or [None])[0]
        stakeholder = self.journal.get(TABLE_STAKEHOLDERS, first) if first else None
        self.reflection.show_context(
            self.journal, entry, stakeholder, self.display_name(stakeholder) if stakeholder else ""
        )

    @on(RowList.Selected, "#entry-list")
    def _entry_selected(self) -> None:
        self.action_open_entry()

    def action_filter(self) -> None:
        """The stakeholder filter, from any pane."""
        self.stakeholders.action_focus_filter()

    def action_focus_pane(self, index: int) -> None:
        self.query_one(f"#{PANES[index][0]}", Pane).focus_main()

    def selected_stakeholder(self) -> dict[str, Any] | None:
        row = self.stakeholders.selected
        if row is None:
            self.notify("No stakeholder selected: press a to add one.", severity="warning")
            return None
        return self.journal.get(TABLE_STAKEHOLDERS, row.id) or row.raw

    def display_name(self, raw: dict[str, Any]) -> str:
        """The name that tells this stakeholder from a namesake: the name, or
        ``name (organization, id prefix)`` when another one has the same name."""
        return self.journal.unique_names().get(raw.get("id", "")) or raw.get("name", "")
