"""The main screen: status line, four panes, and the Footer."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.screen import Screen
from textual.widgets import Footer, Input

from journal.journal import Journal
from journal.records import TABLE_STAKEHOLDERS

from ..messages import (
    AnswerPrompt,
    GoalsMonthChanged,
    JournalScopeChanged,
    ReflectionContextCleared,
)
from ..widgets.goals import GoalsPane
from ..widgets.journal_pane import JournalPane
from ..widgets.pane import Pane
from ..widgets.reflection import ReflectionPane
from ..widgets.rowlist import RowList
from ..widgets.stakeholders import StakeholderPane
from ..widgets.status import StatusLine
from .coach_actions import COACH_BINDINGS, CoachActions
from .goal_actions import GoalActions
from .people_actions import PeopleActions
from .search_actions import SearchActions

PANES = (
    ("pane-stakeholders", "1 Stakeholders"),
    ("pane-journal", "2 Journal"),
    ("pane-reflection", "3 Reflection"),
    ("pane-goals", "4 Goals"),
)


class MainScreen(CoachActions, PeopleActions, GoalActions, SearchActions, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "focus_pane(0)", "Stakeholders", show=False, id="focus.stakeholders"),
        Binding("2", "focus_pane(1)", "Journal", show=False, id="focus.journal"),
        Binding("3", "focus_pane(2)", "Reflection", show=False, id="focus.reflection"),
        Binding("4", "focus_pane(3)", "Goals", show=False, id="focus.goals"),
        Binding("slash", "filter", "Filter", show=False, id="focus.filter"),
        Binding("question_mark,f1", "app.help", "Help", id="app.help"),
        Binding("u", "undo_delete", "Undo delete", show=False, id="app.undo"),
        Binding("ctrl+s", "app.save_now", "Save now", show=False, id="app.save"),
        Binding("q", "app.quit", "Quit", id="app.quit"),
        # After help and quit: a narrow footer keeps those in sight.
        Binding("ctrl+f", "search", "Search", id="app.search"),
        *COACH_BINDINGS,
    ]

    @property
    def journal(self) -> Journal:
        return self.app.journal  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        with Grid(id="panes"):
            yield StakeholderPane(id="pane-stakeholders", classes="pane")
            yield JournalPane(id="pane-journal", classes="pane")
            yield ReflectionPane(id="pane-reflection", classes="pane")
            yield GoalsPane(id="pane-goals", classes="pane")
        yield Footer()

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
        self.refresh_data()

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

    # -- pane actions reachable from the command palette

    def action_stakeholders_due_only(self) -> None:
        self.stakeholders.action_toggle_due_only()

    def action_stakeholders_reach_out(self) -> None:
        self.stakeholders.action_toggle_reach_out()

    def action_stakeholders_sort(self) -> None:
        self.stakeholders.action_cycle_sort()

    def action_stakeholders_filter(self) -> None:
        self.stakeholders.action_focus_filter()

    def action_journal_toggle_all(self) -> None:
        self.journal_pane.action_toggle_all()

    def action_goals_month(self, delta: int) -> None:
        self.goals.action_month(delta)
