"""The main screen: status line, four panes, and the Footer.

What the actions share (the panes, the journal, refreshing) is in
:mod:`.main_base`; the actions themselves are in the mixins it is made of."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid
from textual.widgets import Input

from .. import keys
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


class MainScreen(CoachActions, PeopleActions, InOutActions, GoalActions, SearchActions):
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("main")

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        with Grid(id="panes"):
            yield StakeholderPane(id="pane-stakeholders", classes="pane")
            yield JournalPane(id="pane-journal", classes="pane")
            yield ReflectionPane(id="pane-reflection", classes="pane")
            yield GoalsPane(id="pane-goals", classes="pane")
        yield KeyFooter()

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

    @on(RowList.Selected, "#entry-list")
    def _entry_selected(self) -> None:
        self.action_open_entry()

    def action_filter(self) -> None:
        """The stakeholder filter, from any pane."""
        self.stakeholders.action_focus_filter()

    def action_focus_pane(self, index: int) -> None:
        self.query_one(f"#{PANES[index][0]}", Pane).focus_main()
